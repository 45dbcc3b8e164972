// Block Kit rendering of a neutral reply: the verdict first (coloured emoji), then the figures
// (margin, capacity, what runs, cost), the memory bar, the why and what would change it. Every
// text is cut to Slack's limits and long lists end with "…and N more", so Slack never refuses
// a card (invalid_blocks) however long the answer.
import type { types } from "@slack/bolt";
import { clip, type Locale, type Reply, type RunRequest, type SuggestionLine, type Table, type Verdict } from "../chat/reply.js";
import { barText } from "./bar.js";
import { gridParts } from "./grid.js";
import { type UiStrings, uiStrings } from "./locale.js";
import { SLACK_LIMITS as L, packLines } from "./slack-limits.js";

export type Block = types.KnownBlock;

export interface BlockKitMessage {
	/** Notification and accessibility text; Slack shows the blocks. */
	text: string;
	blocks: Block[];
}

export interface BlockKitOptions {
	locale?: Locale;
	/** The command and request the "Post to channel" button re-runs ("fit deepseek-r1 on 16x H100"); null: no button. */
	postRequest?: string | null;
	/** A "Run this" button beside each suggestion that carries a request (its value: `runValue(run)`). */
	runButtons?: boolean;
	/** Shown on cards posted in a channel, so readers know who asked what: a Slack mention and the command. */
	askedBy?: { userId: string; command: string } | null;
	/** The answer's chart as an image block under the figures (PUBLIC_URL's GET /charts/<key>.png); null: none. */
	image?: { url: string; alt: string } | null;
}

export const POST_ACTION_ID = "gpufit_post";

/** What a button carries: the command and its request, "fit deepseek-r1 on 16x H100" (read back by the Slack transport). */
export const runValue = (run: Pick<RunRequest, "command" | "text">) => `${run.command}${run.text ? ` ${run.text}` : ""}`;
/** How a Slack user types the request: "/fit deepseek-r1 on 16x H100". */
const slashText = (run: Pick<RunRequest, "command" | "text">) => `/${runValue(run)}`;
/** "Run this" buttons: the prefix and the suggestion's index (action ids must differ within a message). */
export const RUN_ACTION_PREFIX = "gpufit_run_";

const VERDICT_EMOJI: Record<Verdict, string> = {
	fits: ":large_green_circle:",
	tight: ":large_yellow_circle:",
	"no-fit": ":red_circle:",
};
const KIND_EMOJI: Record<Reply["kind"], string> = {
	fit: "",
	recommend: ":moneybag:",
	list: ":card_index_dividers:",
	error: ":thinking_face:",
	help: ":books:",
};

/** Suggestions shown as their own section with a button; more would crowd the card. */
const MAX_SUGGESTION_SECTIONS = 8;
const MAX_NOTE_SECTIONS = 2;
const MAX_FIELD_SECTIONS = 3;

/** Slack mrkdwn needs only these three escaped; everything else is literal text. */
function escapeMrkdwn(text: string): string {
	return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const mrkdwn = (text: string, max: number = L.sectionText): types.MrkdwnElement => ({ type: "mrkdwn", text: clip(text, max) });
const section = (text: string): types.SectionBlock => ({ type: "section", text: mrkdwn(text) });

function button(text: string, actionId: string, value: string, primary = false): types.Button {
	return {
		type: "button",
		text: { type: "plain_text", text: clip(text, L.buttonText), emoji: true },
		action_id: actionId,
		value,
		...(primary ? { style: "primary" as const } : {}),
	};
}

function headerText(reply: Reply, ui: UiStrings): string {
	if (reply.verdict) return `${VERDICT_EMOJI[reply.verdict]} ${ui.verdict[reply.verdict]} · ${reply.title}`;
	const emoji = KIND_EMOJI[reply.kind];
	return emoji ? `${emoji} ${reply.title}` : reply.title;
}

/** Two-column fields, ten to a section; past three sections the rest is counted, not shown. */
function fieldSections(fields: Reply["fields"], ui: UiStrings): types.SectionBlock[] {
	const max = MAX_FIELD_SECTIONS * L.fieldsPerSection;
	const texts = fields.map((f) => `*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`);
	const shown = texts.length > max ? [...texts.slice(0, max - 1), ui.andMore(texts.length - max + 1)] : texts;
	const out: types.SectionBlock[] = [];
	for (let i = 0; i < shown.length; i += L.fieldsPerSection) {
		out.push({ type: "section", fields: shown.slice(i, i + L.fieldsPerSection).map((t) => mrkdwn(t, L.fieldText)) });
	}
	return out;
}

function suggestionTitle(reply: Reply, ui: UiStrings): string {
	return reply.kind === "error" ? ui.tryInstead : reply.kind === "help" ? ui.examples : ui.whatWouldChange;
}

function suggestionText(s: SuggestionLine): string {
	// A bare name ("did you mean deepseek-r1") reads as something to type: show it as code.
	const text = !s.run && /^\S+$/.test(s.text) ? `• \`${escapeMrkdwn(s.text)}\`` : `• ${escapeMrkdwn(s.text)}`;
	return s.run && s.run.text !== s.text ? `${text}\n\`${escapeMrkdwn(slashText(s.run))}\`` : text;
}

/** The suggestions: one section with a "Run this" button each, as many as the budget allows, then a list. */
function suggestionBlocks(reply: Reply, ui: UiStrings, withButtons: boolean, budget: number): Block[] {
	if (reply.suggestions.length === 0 || budget < 1) return [];
	const title = `*${escapeMrkdwn(suggestionTitle(reply, ui))}*`;
	const buttoned = withButtons
		? reply.suggestions.filter((s) => s.run !== null && runValue(s.run).length <= L.buttonValue)
		: ([] as SuggestionLine[]);
	const maxButtons = Math.min(MAX_SUGGESTION_SECTIONS, buttoned.length, budget - 2);
	if (maxButtons < 1) {
		return packLines([title, ...reply.suggestions.map(suggestionText)], L.sectionText, budget, ui.andMore).map(section);
	}
	const shown = buttoned.slice(0, maxButtons);
	const rest = reply.suggestions.filter((s) => !shown.includes(s));
	const blocks: Block[] = [section(title)];
	shown.forEach((s, i) => {
		const value = s.run ? runValue(s.run) : "";
		blocks.push({ ...section(suggestionText(s)), accessory: button(ui.rerun, `${RUN_ACTION_PREFIX}${i}`, value) });
	});
	if (rest.length > 0)
		blocks.push(...packLines(rest.map(suggestionText), L.sectionText, budget - blocks.length, ui.andMore).map(section));
	return blocks;
}

function gridBlocks(table: Table, ui: UiStrings, budget: number): Block[] {
	const out: Block[] = [];
	const fence = "```";
	for (const [header, ...rows] of gridParts(table, L.tableLineChars)) {
		const room = budget - out.length;
		if (room < 1) break;
		const head = escapeMrkdwn(header ?? "");
		const texts = packLines(rows.map(escapeMrkdwn), L.sectionText - head.length - 2 * fence.length - 4, room, ui.andMore);
		for (const text of texts) out.push(section(`${fence}\n${head}\n${text}\n${fence}`));
	}
	return out;
}

function tableBlocks(reply: Reply, ui: UiStrings, budget: number): Block[] {
	const table = reply.table;
	if (!table || budget < 2) return [];
	if (table.keyColumns !== undefined) return gridBlocks(table, ui, budget);
	const columns: Block = {
		type: "context",
		elements: [mrkdwn(table.columns.map(escapeMrkdwn).join(" · "), L.contextText)],
	};
	const rows = table.rows.map(([first, ...rest]) => `\`${escapeMrkdwn(first ?? "")}\` ${rest.map(escapeMrkdwn).join(" · ")}`);
	if (rows.length === 0) return [columns];
	return [columns, ...packLines(rows, L.sectionText, budget - 1, ui.andMore).map(section)];
}

function footerBlock(reply: Reply, askedBy: BlockKitOptions["askedBy"]): Block | null {
	const elements: types.MrkdwnElement[] = [];
	if (askedBy) elements.push(mrkdwn(`<@${askedBy.userId}> · \`${escapeMrkdwn(askedBy.command)}\``, L.contextText));
	if (reply.footer) elements.push(mrkdwn(escapeMrkdwn(reply.footer), L.contextText));
	return elements.length ? { type: "context", elements } : null;
}

export function renderBlockKit(reply: Reply, options: BlockKitOptions = {}): BlockKitMessage {
	const ui = uiStrings(options.locale ?? "en");
	const head: Block[] = [
		{ type: "header", text: { type: "plain_text", text: clip(headerText(reply, ui), L.headerText), emoji: true } },
	];
	if (reply.headline) head.push(section(`*${escapeMrkdwn(reply.headline)}*`));
	head.push(...fieldSections(reply.fields, ui));
	if (reply.bar) {
		head.push({
			type: "context",
			elements: [
				mrkdwn(`*${escapeMrkdwn(ui.perGpu)}*  \`${barText(reply.bar, ui.barOver)}\``),
				mrkdwn(escapeMrkdwn(ui.barLegend)),
			],
		});
	}
	if (options.image)
		head.push({ type: "image", image_url: options.image.url, alt_text: clip(options.image.alt, L.imageAltText) });

	const tail: Block[] = [];
	if (reply.example) {
		const example = reply.example;
		const help = slashText({ command: example.command, text: "help" });
		tail.push(section(`*${escapeMrkdwn(ui.example)}*  \`${escapeMrkdwn(slashText(example))}\`\n${ui.helpHint(help)}`));
	}
	const post = options.postRequest;
	if (post && post.length <= L.buttonValue) {
		tail.push({ type: "actions", elements: [button(ui.postToChannel, POST_ACTION_ID, post, true)] });
	}
	const footer = footerBlock(reply, options.askedBy);
	if (footer) tail.push(footer);

	// What is left of the 50 blocks goes to the notes, then the table, then the suggestions.
	let budget = L.blocksPerMessage - head.length - tail.length;
	const notes = reply.notes.length
		? packLines(
				[`*${escapeMrkdwn(ui.why)}*`, ...reply.notes.map((n) => `• ${escapeMrkdwn(n)}`)],
				L.sectionText,
				Math.min(MAX_NOTE_SECTIONS, budget - 1),
				ui.andMore,
			).map(section)
		: [];
	budget -= notes.length;
	const suggestionReserve = reply.suggestions.length ? Math.min(budget, 3) : 0;
	const table = tableBlocks(reply, ui, budget - suggestionReserve);
	budget -= table.length;
	const suggestions = suggestionBlocks(reply, ui, options.runButtons ?? false, budget);

	const blocks = [...head, ...table, ...notes, ...suggestions, ...tail];
	const verdict = reply.verdict ? `${ui.verdict[reply.verdict]}: ` : "";
	return { text: clip(`${verdict}${reply.title}. ${reply.headline}`, L.fallbackText), blocks };
}

/** A one-section card for what is not a command's answer: rate limited, not available, internal error. */
export function renderNotice(emoji: string, text: string): BlockKitMessage {
	return { text: clip(text, L.fallbackText), blocks: [section(`${emoji} ${escapeMrkdwn(text)}`)] };
}
