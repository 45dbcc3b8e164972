// /recommend's and /compare's tables in Discord embeds: every line of their code blocks fits what Discord's
// desktop client shows of a code block inside an embed without wrapping, and no figure is lost: the columns that
// do not fit beside the others come in a further aligned part that repeats what names the row. On the fixture
// catalog, in English and Chinese (a CJK character takes two columns).
import type { APIEmbed } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { runRecommend } from "../../commands/recommend.js";
import { embedOf } from "../../src/render/embed.js";
import { displayWidth } from "../../src/render/width.js";
import { fixtureCatalog } from "../support/fixture-catalog.js";
import { tableCases } from "../support/table-cases.js";

const catalog = fixtureCatalog();
/**
 * An embed's code block on Discord's desktop client, in monospace characters: the embed is at most 520 px wide;
 * less its 4 px bar, 12 + 16 px of padding and the code block's 2 × 8 px, 472 px at 8.4 px a character (14 px
 * monospace, 0.6 em) is 56 (the renderer's own figure is not read here).
 */
const WIDTH = 56;

/** The lines of every code block the embed shows, in its description and its fields. */
function codeLines(embed: APIEmbed): string[] {
	const texts = [embed.description ?? "", ...(embed.fields ?? []).map((f) => f.value)];
	return texts.flatMap((t) => [...t.matchAll(/```\n([\s\S]*?)\n```/g)].flatMap((m) => (m[1] ?? "").split("\n")));
}

describe("tables in Discord embeds", () => {
	const cases = tableCases();

	it.each(cases)("%s: every line fits the embed's code block, and every cell is shown", (_name, reply, locale) => {
		const r = reply();
		const lines = codeLines(embedOf(r, locale));
		// More lines than rows: the grid takes several parts, each with its header.
		expect(lines.length).toBeGreaterThan((r.table?.rows.length ?? 0) + 1);
		for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(WIDTH);
		const text = lines.join("\n");
		for (const row of r.table?.rows ?? []) for (const cell of row) expect(text).toContain(cell);
		for (const column of r.table?.columns ?? []) expect(text).toContain(column);
	});

	it("each part repeats the row's number and setup, aligned", () => {
		const lines = codeLines(embedOf(runRecommend(catalog, "deepseek-r1 ctx 32k users 10").reply, "en"));
		const headers = lines.filter((l) => l.startsWith("#  setup"));
		expect(headers.length).toBeGreaterThan(1);
		for (const line of lines) expect(line).toMatch(/^(# {2}setup|\d {2}\d+x )/);
	});
});
