// Embeds from real replies (and real replies made longer than any answer today) stay within Discord's
// limits, and cut lists say how much they left out. Counts are checked by arithmetic here.
import { describe, expect, it } from "vitest";
import { runFit } from "../../commands/fit.js";
import { runGpus, runModels } from "../../commands/list.js";
import { runOf } from "../../commands/request-text.js";
import type { Reply } from "../../src/chat/reply.js";
import { takeLines } from "../../src/render/discord-limits.js";
import { EMBED_COLOURS, embedOf } from "../../src/render/embed.js";
import { uiStrings } from "../../src/render/locale.js";
import { embedText, embedViolations } from "../support/discord-embed.js";
import { fixtureCatalog } from "../support/fixture-catalog.js";

const catalog = fixtureCatalog();
const fitReply = (text: string): Reply => {
	const r = runFit(catalog, text);
	if (r.exitCode !== 0) throw new Error(text);
	return structuredClone(r.reply);
};
const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;
const moreCount = (text: string, locale: "en" | "zh" = "en") => {
	const [before, after] = uiStrings(locale).andMore(987654).split("987654");
	const m = new RegExp(`${before}(\\d+)${after}`).exec(text);
	return m ? Number(m[1]) : 0;
};

describe("lists", () => {
	it("the full GPU and model lists fit, and whatever is cut is counted", () => {
		for (const result of [runGpus(catalog), runModels(catalog)]) {
			const e = embedOf(result.reply, "en");
			expect(embedViolations(e)).toEqual([]);
			const rows = result.reply.table?.rows ?? [];
			const shown = rows.filter(([id]) => embedText(e).includes(`\`${id}\``)).length;
			expect(shown + moreCount(embedText(e))).toBe(rows.length);
		}
	});

	it("a list longer than an embed holds (300 GPUs) runs on into untitled fields, then ends with '…and N more'", () => {
		for (const locale of ["en", "zh"] as const) {
			const reply = structuredClone(runGpus(catalog).reply);
			const gpus = reply.table?.rows ?? [];
			const copies = Array.from({ length: Math.ceil(300 / gpus.length) }, (_, i) => i + 1);
			const rows = copies.flatMap((copy) => gpus.map(([id, ...rest]) => [`${id}-${copy}`, ...rest]));
			reply.table = { columns: reply.table?.columns ?? [], rows };
			const e = embedOf(reply, locale);
			expect(embedViolations(e)).toEqual([]);
			expect(e.fields?.length).toBeGreaterThan(0);
			const shown = rows.filter(([id]) => embedText(e).includes(`\`${id}\``)).length;
			const more = moreCount(embedText(e), locale);
			expect(more).toBeGreaterThan(0);
			expect(shown + more).toBe(rows.length);
		}
	});
});

describe("fit answers", () => {
	it("colour follows the verdict", () => {
		const requests = ["deepseek-r1 on 16x H100", "deepseek-r1 on 16x H100 users 50", "deepseek-r1 on 8x a100"];
		const verdicts = new Set<string>();
		for (const text of requests) {
			const json = runFit(catalog, text).json as { verdict: "fits" | "tight" | "no-fit" };
			verdicts.add(json.verdict);
			expect(embedOf(fitReply(text), "en").color).toBe(EMBED_COLOURS[json.verdict]);
		}
		expect(verdicts).toEqual(new Set(["fits", "tight", "no-fit"]));
		expect(new Set([EMBED_COLOURS.fits, EMBED_COLOURS.tight, EMBED_COLOURS["no-fit"]]).size).toBe(3);
	});

	it("a fit with 80 notes and 40 suggestions keeps every figure and counts the notes it leaves out", () => {
		const reply = fitReply("deepseek-r1 on 8x a100");
		const base = fitReply("deepseek-r1 on 16x H100");
		const noteSource = [...reply.notes, ...base.notes];
		reply.notes = Array.from({ length: 80 }, (_, i) => `${i}: ${noteSource[i % noteSource.length]}`);
		const s = base.suggestions[0] ?? { text: "fp8 kv", run: runOf("fit", "deepseek-r1 on 16x h100-sxm kv fp8") };
		reply.suggestions = Array.from({ length: 40 }, (_, i) => ({ text: `${i}: ${s.text}`, run: s.run }));
		const ui = uiStrings("en");
		const e = embedOf(reply, "en");
		expect(embedViolations(e)).toEqual([]);
		for (const f of reply.fields) expect(e.fields?.find((x) => x.name === f.label)?.value).toBe(f.value);
		const why = e.fields?.find((f) => f.name === ui.why)?.value ?? "";
		expect(count(why, /^• /gm) + moreCount(why)).toBe(80);
		const change = e.fields?.find((f) => f.name === ui.whatWouldChange)?.value ?? "";
		expect(count(change, /^• /gm) + moreCount(change)).toBe(40);
	});

	it("an overlong title, note and field are clipped, and more than 25 fields are counted", () => {
		const reply = fitReply("deepseek-r1 on 16x H100");
		reply.title = "T".repeat(400);
		reply.notes = ["N".repeat(3000)];
		reply.fields = Array.from({ length: 40 }, (_, i) => ({ label: `L${i}`, value: "v".repeat(300) }));
		const e = embedOf(reply, "en");
		expect(embedViolations(e)).toEqual([]);
		expect(e.title?.endsWith("…")).toBe(true);
		expect(e.fields?.length).toBeLessThanOrEqual(25);
	});
});

describe("takeLines", () => {
	it("never exceeds its budget, and kept lines plus the count left out add up", () => {
		const lines = Array.from({ length: 30 }, (_, i) => `line ${i} ${"x".repeat(i % 7)}`);
		const more = (n: number) => `…and ${n} more`;
		for (let budget = 0; budget <= lines.join("\n").length + 5; budget++) {
			const text = takeLines(lines, budget, more);
			expect(text.length).toBeLessThanOrEqual(budget);
			if (text === "") continue;
			const kept = text.split("\n").filter((l) => l.startsWith("line ") && !l.endsWith("…")).length;
			const left = Number(/…and (\d+) more$/.exec(text)?.[1] ?? 0);
			expect(kept + left).toBe(lines.length);
		}
	});
});
