// Lays an embed's text out within Discord's limits. The description comes first; then the sections
// (fields such as "Why"); a description too long for its 4,096 characters (the full GPU list) runs on in
// untitled fields after it, as far as the 6,000-character total allows, and ends with "…and N more".
import { clip } from "../chat/reply.js";
import { EMBED_LIMITS, takeLines } from "./discord-limits.js";

export interface Section {
	name: string;
	lines: string[];
	inline: boolean;
}

export interface EmbedDraft {
	title: string;
	color: number;
	description: string[];
	sections: Section[];
	footer: string;
}

interface LaidOutField {
	name: string;
	value: string;
	inline: boolean;
}

interface LaidOutEmbed {
	title: string;
	color: number;
	description: string;
	fields: LaidOutField[];
	footer: string;
}

/**
 * Display columns of a code-block line that Discord shows without wrapping it inside an embed on the desktop
 * client (a reading limit, not an API one). Discord's stylesheet caps an embed at 520 px; less its 4 px colour bar
 * and its 12 px + 16 px side paddings, and a code block's 2 × 8 px padding, 472 px remain, at 14 px monospace
 * (0.6 em, 8.4 px a character): 56 characters. Phones show fewer and wrap.
 */
export const DISCORD_TABLE_CHARS = 56;

// A field needs a non-empty name; a zero-width space shows a continuation without a heading.
const UNTITLED = "\u200b";
// A chunk shorter than this is not worth a field of its own.
const MIN_CHUNK = 24;

/** How many of `lines`, from the first, fit whole in `cap` characters joined by newlines. */
function wholeLines(lines: readonly string[], cap: number): number {
	let used = -1;
	let n = 0;
	for (const line of lines) {
		if (used + 1 + line.length > cap) break;
		used += 1 + line.length;
		n++;
	}
	return n;
}

interface Chunk {
	start: number;
	text: string;
	limit: number;
}

export function layOut(draft: EmbedDraft, more: (n: number) => string): LaidOutEmbed {
	const title = clip(draft.title, EMBED_LIMITS.title);
	const footer = clip(draft.footer, EMBED_LIMITS.footer);
	let budget = EMBED_LIMITS.total - title.length - footer.length;
	const lines = draft.description;

	// 1. The description, cut at whole lines when it is too long (its tail is settled in step 3).
	const chunks: Chunk[] = [];
	const descCap = Math.min(EMBED_LIMITS.description, budget);
	const first = wholeLines(lines, descCap);
	chunks.push({ start: 0, text: lines.slice(0, first).join("\n"), limit: EMBED_LIMITS.description });
	budget -= chunks[0]?.text.length ?? 0;
	let next = first;

	// 2. The sections, each within a field's limits; a section left without room is dropped.
	const maxSections = EMBED_LIMITS.fields;
	const sections: LaidOutField[] = [];
	for (const [i, s] of draft.sections.entries()) {
		const name = clip(s.name, EMBED_LIMITS.fieldName);
		const lastSlot = sections.length === maxSections - 1 && i < draft.sections.length - 1;
		const value = lastSlot
			? more(draft.sections.length - i)
			: takeLines(s.lines, Math.min(EMBED_LIMITS.fieldValue, budget - name.length), more);
		if (value === "" || name === "") continue;
		sections.push({ name, value, inline: s.inline });
		budget -= name.length + value.length;
		if (lastSlot) break;
	}

	// 3. The rest of the description in untitled fields, then "…and N more" if some still does not fit.
	let slots = EMBED_LIMITS.fields - sections.length;
	while (next < lines.length && slots > 0) {
		const cap = Math.min(EMBED_LIMITS.fieldValue, budget - UNTITLED.length);
		if (cap < MIN_CHUNK) break;
		const n = wholeLines(lines.slice(next), cap);
		if (n === 0) break;
		const text = lines.slice(next, next + n).join("\n");
		chunks.push({ start: next, text, limit: EMBED_LIMITS.fieldValue });
		budget -= UNTITLED.length + text.length;
		next += n;
		slots--;
	}
	if (next < lines.length) {
		const last = chunks.pop() as Chunk;
		budget += last.text.length;
		const text = takeLines(lines.slice(last.start), Math.min(last.limit, budget), more);
		chunks.push({ ...last, text });
	}

	const [description, ...continued] = chunks;
	return {
		title,
		color: draft.color,
		description: description?.text ?? "",
		fields: [
			...continued.filter((c) => c.text !== "").map((c) => ({ name: UNTITLED, value: c.text, inline: false })),
			...sections,
		],
		footer,
	};
}
