// A neutral reply as a Discord embed: colour by verdict, the figures as fields, the memory bar, why and
// what would change it, the footer. Laid out within Discord's limits (see discord-layout.ts).
import type { APIEmbed } from "discord-api-types/v10";
import type { Locale, Reply, RunRequest, SuggestionLine, Table, Verdict } from "../chat/reply.js";
import { barText } from "./bar.js";
import { DISCORD_TABLE_CHARS, type EmbedDraft, layOut, type Section } from "./discord-layout.js";
import { gridParts } from "./grid.js";
import { type UiStrings, uiStrings } from "./locale.js";
import { displayWidth } from "./width.js";

export const EMBED_COLOURS = {
	fits: 0x2ecc71,
	tight: 0xf1c40f,
	"no-fit": 0xe74c3c,
	error: 0xe67e22,
	info: 0x5865f2,
} as const satisfies Record<Verdict | "error" | "info", number>;

const VERDICT_MARK: Record<Verdict, string> = { fits: "✅", tight: "⚠️", "no-fit": "❌" };

// Values this short (in display columns: a CJK character takes two) sit side by side, three to a row, in
// English as in Chinese; longer ones get the embed's full width.
const INLINE_MAX = 60;
const BAR_WIDTH = 24;

function titleOf(reply: Reply, ui: UiStrings): string {
	if (reply.verdict) return `${VERDICT_MARK[reply.verdict]} ${ui.verdict[reply.verdict]} · ${reply.title}`;
	return reply.kind === "error" ? ui.notUnderstood : reply.title;
}

function colourOf(reply: Reply): number {
	if (reply.verdict) return EMBED_COLOURS[reply.verdict];
	return reply.kind === "error" ? EMBED_COLOURS.error : EMBED_COLOURS.info;
}

/**
 * A table as lines: a grid (a ranking, a comparison) as aligned code blocks whose lines never wrap in the embed,
 * in as many parts as that takes (each one item, so that the layout never splits a block); a list as one line a
 * row, the first column (an id) in code, a header line naming the columns.
 */
function tableLines(table: Table): string[] {
	if (table.keyColumns !== undefined)
		return gridParts(table, DISCORD_TABLE_CHARS).map((lines) => ["```", ...lines, "```"].join("\n"));
	const [idColumn, ...rest] = table.columns;
	return [
		`*${[idColumn, ...rest].join(" · ")}*`,
		...table.rows.map(([id, ...cells]) => `\`${id}\` ${cells.join(" · ")}`.trimEnd()),
	];
}

/**
 * How a Discord user runs the request: the slash command with its options filled in
 * (`/fit model:deepseek-r1 hardware:16x h100-sxm context:32k`), or the request's text where the options
 * cannot say it.
 */
export function slashCommandText(run: RunRequest): string {
	if (run.options === null) return `/${run.command} ${run.text}`.trimEnd();
	const options = Object.entries(run.options).map(([name, value]) => `${name}:${value}`);
	return [`/${run.command}`, ...options].join(" ");
}

/** One suggestion, kept together as one unit when the list is cut: its text and how to rerun it. */
function suggestionLine(s: SuggestionLine): string {
	if (!s.run) return `• ${s.text}`;
	const hint = slashCommandText(s.run);
	return s.text === s.run.text ? `• \`${hint}\`` : `• ${s.text}\n  \`${hint}\``;
}

function suggestionsTitle(reply: Reply, ui: UiStrings): string {
	if (reply.kind === "error") return ui.tryInstead;
	return reply.kind === "help" ? ui.examples : ui.whatWouldChange;
}

function embedDraft(reply: Reply, ui: UiStrings): EmbedDraft {
	const sections: Section[] = reply.fields.map((f) => ({
		name: f.label,
		lines: [f.value],
		inline: displayWidth(f.value) <= INLINE_MAX,
	}));
	if (reply.bar) {
		sections.push({ name: ui.perGpu, lines: [`\`${barText(reply.bar, ui.barOver, BAR_WIDTH)}\``, ui.barLegend], inline: false });
	}
	if (reply.notes.length) sections.push({ name: ui.why, lines: reply.notes.map((n) => `• ${n}`), inline: false });
	// Discord asks with named options: lines about the text grammar ("Grammar: ... on <count>x <gpu>") say nothing here.
	// Examples of how to ask that Discord's options cannot say (`util 0.95`) are left out of its help.
	const suggestions = reply.suggestions.filter((s) => !s.grammar && !(reply.kind === "help" && s.run?.options === null));
	if (suggestions.length) {
		sections.push({ name: suggestionsTitle(reply, ui), lines: suggestions.map(suggestionLine), inline: false });
	}
	if (reply.example) {
		sections.push({ name: ui.example, lines: [`\`${slashCommandText(reply.example)}\``, ui.askHelp], inline: false });
	}
	const description = [reply.optionsHeadline ?? reply.headline];
	if (reply.table) description.push("", ...tableLines(reply.table));
	return { title: titleOf(reply, ui), color: colourOf(reply), description, sections, footer: reply.footer };
}

/**
 * The embed object Discord takes, written directly: the layout already keeps it within Discord's limits
 * (checked for any reply by the property tests), so discord.js's EmbedBuilder and its run-time validation
 * would only repeat that, at more than the cost of sizing the request.
 */
function build(draft: EmbedDraft, more: (n: number) => string): APIEmbed {
	const e = layOut(draft, more);
	const embed: APIEmbed = { title: e.title, color: e.color };
	if (e.description) embed.description = e.description;
	if (e.fields.length) embed.fields = e.fields;
	if (e.footer) embed.footer = { text: e.footer };
	return embed;
}

export function embedOf(reply: Reply, locale: Locale): APIEmbed {
	const ui = uiStrings(locale);
	return build(embedDraft(reply, ui), ui.andMore);
}

/** A short message of our own (a command not available yet, a refusal, an internal error). */
export function noticeEmbed(title: string, text: string, color: number): APIEmbed {
	const draft: EmbedDraft = { title, color, description: [text], sections: [], footer: "" };
	return build(draft, (n) => `… +${n}`);
}
