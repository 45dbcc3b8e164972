// /recommend's and /compare's tables in Slack: every line of them fits the message column (no row wraps onto a
// second line), and no figure is lost on the way: the columns that do not fit beside the others come in a further
// aligned part that repeats what names the row. On the fixture catalog, in English and Chinese.
import { describe, expect, it } from "vitest";
import { runRecommend } from "../../commands/recommend.js";
import type { Reply } from "../../src/chat/reply.js";
import { renderBlockKit } from "../../src/render/blockkit.js";
import { gridParts } from "../../src/render/grid.js";
import { displayWidth } from "../../src/render/width.js";
import { fixtureCatalog } from "../support/fixture-catalog.js";
import { blockKitViolations, mrkdwnEscaped } from "../support/slack-blocks.js";
import { tableCases } from "../support/table-cases.js";

const catalog = fixtureCatalog();
/** A desktop Slack message column, in monospace characters (the renderer's own figure is not read here). */
const WIDTH = 72;

/** The code-block lines of a card: the table's rows as Slack shows them. */
function codeLines(reply: Reply, locale: "en" | "zh"): string[] {
	const card = renderBlockKit(reply, { locale, runButtons: true, postRequest: "recommend x" });
	expect(blockKitViolations(card)).toEqual([]);
	// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON
	const texts = card.blocks.map((b: any) => (b.type === "section" && b.text ? (b.text.text as string) : ""));
	return texts.filter((t) => t.startsWith("```")).flatMap((t) => t.split("\n").filter((l) => l !== "```"));
}

describe("tables in Slack", () => {
	const cases = tableCases();

	it.each(cases)("%s: every line fits the message column, and every cell is shown", (_name, reply, locale) => {
		const r = reply();
		const lines = codeLines(r, locale);
		expect(lines.length).toBeGreaterThan(r.table?.rows.length ?? 0);
		for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(WIDTH);
		const text = lines.join("\n");
		for (const row of r.table?.rows ?? []) for (const cell of row) expect(text).toContain(mrkdwnEscaped(cell));
		for (const column of r.table?.columns ?? []) expect(text).toContain(mrkdwnEscaped(column));
	});

	it("each part repeats the columns that name the row, aligned", () => {
		const r = runRecommend(catalog, "deepseek-r1 ctx 32k users 10").reply;
		const parts = gridParts(r.table!, WIDTH);
		expect(parts.length).toBeGreaterThan(1);
		for (const part of parts) {
			expect(part[0]?.startsWith("#  setup")).toBe(true);
			// Aligned: a column starts at the same place on every line of a part.
			const at = (part[0] ?? "").indexOf("setup");
			for (const line of part.slice(1)) expect(line.slice(at).startsWith(" ")).toBe(false);
		}
	});
});
