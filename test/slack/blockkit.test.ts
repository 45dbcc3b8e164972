// The Block Kit renderer against Slack's limits, with the longest answers the catalog gives and
// with answers longer than any the catalog gives today. Limits are checked by the test's own
// reading of Slack's published numbers (support/slack-blocks.ts), not the renderer's constants.
import { describe, expect, it } from "vitest";
import { runFit } from "../../commands/fit.js";
import { COMMANDS } from "../../commands/index.js";
import { runGpus, runModels } from "../../commands/list.js";
import { openCatalogStore } from "../../src/catalog/open.js";
import { emptyReply, type Reply } from "../../src/chat/reply.js";
import { renderBlockKit } from "../../src/render/blockkit.js";
import { packLines } from "../../src/render/slack-limits.js";
import { FIXTURE_CATALOG_DIR } from "../support/fixture-catalog.js";
import { blockKitViolations, buttons, cardText, mrkdwnEscaped } from "../support/slack-blocks.js";

const catalog = openCatalogStore(FIXTURE_CATALOG_DIR).current();

/** "…and N more" in a text, or 0. */
const moreCount = (text: string) => [...text.matchAll(/…and (\d+) more/g)].reduce((n, m) => n + Number(m[1]), 0);

describe("the longest answers the catalog gives", () => {
	it.each([
		["gpus", () => runGpus(catalog, "")],
		["models", () => runModels(catalog, "")],
	])("the whole %s list stays within the limits, every row shown or counted", (_name, run) => {
		const reply = run().reply;
		for (const locale of ["en", "zh"] as const) {
			const card = renderBlockKit(reply, { locale, postRequest: "gpus", runButtons: true });
			expect(blockKitViolations(card)).toEqual([]);
			const text = cardText(card);
			const shown = reply.table?.rows.filter((r) => text.includes(`\`${r[0]}\``)).length ?? 0;
			expect(shown + moreCount(text)).toBe(reply.table?.rows.length);
		}
	});

	it("the fit with the most notes and suggestions keeps every one of them, within the limits", () => {
		const gpus = ["t4", "rtx-4090", "a100-80gb-sxm", "h100-sxm", "mi300x"].filter((id) => catalog.gpus.some((g) => g.id === id));
		let longest: ReturnType<typeof runFit> | null = null;
		let size = -1;
		for (const model of catalog.models) {
			for (const gpu of gpus) {
				const result = runFit(catalog, `${model.id} on 2x ${gpu} ctx 1m users 64`);
				const n = result.reply.notes.length + result.reply.suggestions.length;
				if (result.exitCode === 0 && n > size) [longest, size] = [result, n];
			}
		}
		expect(longest).not.toBeNull();
		const reply = (longest as ReturnType<typeof runFit>).reply;
		expect(reply.notes.length).toBeGreaterThan(2);
		const card = renderBlockKit(reply, { postRequest: "fit x", runButtons: true, locale: "zh" });
		expect(blockKitViolations(card)).toEqual([]);
		const text = cardText(card);
		for (const note of reply.notes) expect(text).toContain(mrkdwnEscaped(note));
		for (const s of reply.suggestions) expect(text).toContain(mrkdwnEscaped(s.text));
	});
});

describe("every command in the registry", () => {
	const texts = [
		"",
		"help",
		"deepseek-r1 on 16x H100",
		"deepseek-r1 ctx 32k users 10",
		"deepseek-r1 on 8x h200 vs 16x h100",
		"nvidia",
		"zzz",
	];
	it.each(Object.keys(COMMANDS))("/%s answers within Slack's limits, whatever the text", (name) => {
		const spec = COMMANDS[name as keyof typeof COMMANDS];
		for (const text of texts) {
			for (const locale of ["en", "zh"] as const) {
				const card = renderBlockKit(spec.run(catalog, text, locale).reply, {
					locale,
					runButtons: true,
					postRequest: `${name} ${text}`,
				});
				expect(blockKitViolations(card), `/${name} ${text}`).toEqual([]);
			}
		}
	});
});

describe("answers longer than the catalog gives today", () => {
	const long = (n: number, tag: string) => `${tag} ${"x".repeat(n)}`;
	const huge: Reply = {
		...emptyReply("fit", long(400, "title"), long(5000, "headline")),
		verdict: "tight",
		fields: Array.from({ length: 400 }, (_, i) => ({ label: `Field ${i}`, value: long(3000, `value-${i}`) })),
		bar: { weights: 0.5, overhead: 0.2, kv: 0.6, overflow: true },
		table: { columns: ["id", "name"], rows: Array.from({ length: 2000 }, (_, i) => [`row-${i}`, long(300, "cell")]) },
		notes: Array.from({ length: 300 }, (_, i) => long(600, `note-${i}`)),
		suggestions: Array.from({ length: 120 }, (_, i) => ({
			text: long(400, `sugg-${i}`),
			run: { command: "fit", options: null, text: i === 0 ? long(2500, "too-long-for-a-button") : long(1500, `req-${i}`) },
		})),
		footer: long(4000, "footer"),
	};

	it("stays within every limit, cutting with an ellipsis", () => {
		const card = renderBlockKit(huge, {
			postRequest: long(1990, "fit"),
			runButtons: true,
			askedBy: { userId: "U1", command: long(4000, "/fit") },
		});
		expect(blockKitViolations(card)).toEqual([]);
		expect(card.blocks[0]).toMatchObject({ type: "header" });
		expect((card.blocks[0] as { text: { text: string } }).text.text.endsWith("…")).toBe(true);
		expect(card.text.length).toBeLessThanOrEqual(3000);
	});

	it("says how many notes, suggestions and rows it left out, and the counts add up", () => {
		const text = cardText(renderBlockKit(huge, { runButtons: true }));
		const count = (prefix: string) => new Set([...text.matchAll(new RegExp(`${prefix}-(\\d+)\\b`, "g"))].map((m) => m[1])).size;
		const mores = [...text.matchAll(/…and (\d+) more/g)].map((m) => Number(m[1]));
		expect(mores.length).toBeGreaterThanOrEqual(2);
		expect(count("note") + count("sugg") + count("row") + count("value") + mores.reduce((a, b) => a + b, 0)).toBe(
			300 + 120 + 2000 + 400,
		);
	});

	it("keeps a button off a request too long for a button's value", () => {
		const card = renderBlockKit(huge, { runButtons: true, postRequest: long(2500, "fit") });
		expect(buttons(card).some((b) => b.value.includes("too-long-for-a-button"))).toBe(false);
		expect(buttons(card).some((b) => b.actionId === "gpufit_post")).toBe(false);
	});
});

describe("text", () => {
	it("escapes &, < and > in everything the reply says", () => {
		const reply = { ...emptyReply("help", "a <b> & c", "use <model> on <count>x <gpu>"), notes: ["x < y && y > z"] };
		const text = cardText(renderBlockKit(reply));
		expect(text).toContain("use &lt;model&gt; on &lt;count&gt;x &lt;gpu&gt;");
		expect(text).toContain("x &lt; y &amp;&amp; y &gt; z");
		expect(text).not.toMatch(/<model>|<gpu>/);
	});

	it("uses the locale's chrome words and leaves the reply's own words as they are", () => {
		const reply = runFit(catalog, "deepseek-r1 on 16x H100").reply;
		const en = cardText(renderBlockKit(reply, { locale: "en" }));
		const zh = cardText(renderBlockKit(reply, { locale: "zh" }));
		expect(en).toContain("*Why*");
		expect(zh).toContain("*原因*");
		expect(zh).toContain(mrkdwnEscaped(reply.headline));
	});
});

describe("packLines", () => {
	it("never exceeds the text size or count, and every item is shown or counted", () => {
		const more = (n: number) => `…and ${n} more`;
		for (const [items, maxChars, maxTexts] of [
			[Array.from({ length: 500 }, (_, i) => `item ${i} ${"y".repeat(i % 97)}`), 3000, 3],
			[Array.from({ length: 50 }, (_, i) => `line-${i}`), 40, 2],
			[["a".repeat(5000), "b", "c"], 100, 1],
			[Array.from({ length: 9 }, (_, i) => `w${i}`), 3000, 1],
		] as const) {
			const texts = packLines([...items], maxChars, maxTexts, more);
			expect(texts.length).toBeLessThanOrEqual(maxTexts);
			for (const t of texts) expect(t.length).toBeLessThanOrEqual(maxChars);
			const joined = texts.join("\n");
			const shown = items.filter((item) =>
				joined.split("\n").some((l) => l === item || (l.endsWith("…") && item.startsWith(l.slice(0, -1)))),
			).length;
			expect(shown + moreCount(joined)).toBe(items.length);
		}
	});
});
