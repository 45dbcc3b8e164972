// /compare and /recommend never show a negative margin (issue 14): a setup that does not fit shows its shortfall,
// the same figure its /fit card says, in the text, Block Kit and Discord renderings, in English and in Chinese.
import { describe, expect, it } from "vitest";
import { runCompare } from "../../commands/compare.js";
import { runFit } from "../../commands/fit.js";
import { runRecommend } from "../../commands/recommend.js";
import type { Locale } from "../../src/chat/reply.js";
import { renderBlockKit } from "../../src/render/blockkit.js";
import { embedOf } from "../../src/render/embed.js";
import { renderText } from "../../src/render/text.js";
import { fixtureCatalog } from "../support/fixture-catalog.js";

const catalog = fixtureCatalog();
const LOAD = "ctx 128k users 20";
/** 1x H100: the weights do not load (no-fit); 2x H100: loads, short of the 20 users' cache (tight); 16x H100 (2 nodes): fits. */
const SETUPS = ["1x H100", "2x H100", "16x H100"];

/** The fit card's margin field of a request. */
function fitMargin(request: string, locale: Locale): string {
	return runFit(catalog, request, locale).reply.fields[0]?.value ?? "";
}

const WORDS = {
	en: {
		label: "margin",
		short: "short",
		noFit: /^([\d.]+ [GT]iB) short before any KV cache/,
		tight: /need ([\d.]+ [GT]iB) more$/,
	},
	zh: { label: "余量", short: "差", noFit: /^加载前就差 ([\d.]+ [GT]iB)/, tight: /还差 ([\d.]+ [GT]iB)$/ },
} as const;

for (const locale of ["en", "zh"] as const) {
	describe(`/compare margins (${locale})`, () => {
		const w = WORDS[locale];
		const result = runCompare(catalog, `llama-3.1-70b on ${SETUPS.join(" vs ")} ${LOAD}`, locale);
		const reply = result.reply;
		const margins = reply.table?.rows.find((r) => r[0] === w.label)?.slice(1) ?? [];

		it("a setup that does not fit shows what it lacks, the figure its fit card says", () => {
			expect(result.exitCode).toBe(0);
			expect(reply.table?.columns.slice(1)).toEqual(SETUPS.map((s) => expect.stringContaining(s)));
			const [noFit, tight, fits] = margins;
			const noFitFigure = fitMargin(`llama-3.1-70b on 1x H100 ${LOAD}`, locale).match(w.noFit)?.[1];
			const tightFigure = fitMargin(`llama-3.1-70b on 2x H100 ${LOAD}`, locale).match(w.tight)?.[1];
			expect(noFitFigure).toBeDefined();
			expect(tightFigure).toBeDefined();
			expect(noFit).toBe(`${w.short} ${noFitFigure}`);
			expect(tight).toBe(`${w.short} ${tightFigure}`);
			// The one that fits shows its free memory, as a plain figure.
			expect(fits).toMatch(/^\d[\d.]* GiB$/);
		});

		it("no rendering shows a negative figure", () => {
			const texts = [
				renderText(reply, locale),
				JSON.stringify(renderBlockKit(reply, { locale })),
				JSON.stringify(embedOf(reply, locale)),
			];
			for (const t of texts) {
				expect(t).not.toMatch(/-\d[\d,.]* GiB/);
				expect(t).toContain(`${w.short} `);
			}
		});
	});
}

for (const locale of ["en", "zh"] as const) {
	it(`/recommend's closest setups show what they lack, the figure their fit cards say (${locale})`, () => {
		const w = WORDS[locale];
		// One node, 500 users at 128K: no node holds them all; the closest load and are short of the cache.
		const result = runRecommend(catalog, `llama-3.1-70b ${LOAD.replace("20", "500")} one node`, locale);
		expect(result.exitCode).toBe(0);
		const table = result.reply.table;
		const column = table?.columns.indexOf(locale === "zh" ? "余量" : "margin") ?? -1;
		expect(column).toBeGreaterThan(0);
		const requests = (result.json as { closest: { request: string }[] }).closest.map((c) => c.request);
		expect(requests.length).toBe(table?.rows.length);
		for (const [i, request] of requests.entries()) {
			const figure = fitMargin(request, locale).match(w.tight)?.[1];
			expect(figure).toBeDefined();
			expect(table?.rows[i]?.[column]).toBe(`${w.short} ${figure}`);
		}
		for (const t of [renderText(result.reply, locale), JSON.stringify(renderBlockKit(result.reply, { locale }))])
			expect(t).not.toMatch(/-\d[\d,.]* [GT]iB/);
	});
}
