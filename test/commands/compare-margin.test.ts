// /compare never shows a negative margin (issue 14): a setup that does not fit shows its shortfall, the same
// figure its /fit card says, in the text, Block Kit and Discord renderings, in English and in Chinese.
import { describe, expect, it } from "vitest";
import { runCompare } from "../../commands/compare.js";
import { runFit } from "../../commands/fit.js";
import type { Locale } from "../../src/chat/reply.js";
import { renderBlockKit } from "../../src/render/blockkit.js";
import { embedOf } from "../../src/render/embed.js";
import { renderText } from "../../src/render/text.js";
import { fixtureCatalog } from "../support/fixture-catalog.js";

const catalog = fixtureCatalog();
const LOAD = "ctx 128k users 20";
/** 1x H100: the weights do not load (no-fit); 2x H100: loads, short of the 20 users' cache (tight); 16x H100 (2 nodes): fits. */
const SETUPS = ["1x H100", "2x H100", "16x H100"];

/** The fit card's margin field of one setup. */
function fitMargin(setup: string, locale: Locale): string {
	const reply = runFit(catalog, `llama-3.1-70b on ${setup} ${LOAD}`, locale).reply;
	return reply.fields[0]?.value ?? "";
}

const WORDS = {
	en: { label: "margin", short: "short", noFit: /^([\d.]+ GiB) short before any KV cache/, tight: /need ([\d.]+ GiB) more$/ },
	zh: { label: "余量", short: "差", noFit: /^加载前就差 ([\d.]+ GiB)/, tight: /还差 ([\d.]+ GiB)$/ },
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
			const noFitFigure = fitMargin("1x H100", locale).match(w.noFit)?.[1];
			const tightFigure = fitMargin("2x H100", locale).match(w.tight)?.[1];
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
