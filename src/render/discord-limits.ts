// Discord's embed limits, and cutting text to them at line boundaries so that a long answer stays readable:
// https://discord.com/developers/docs/resources/message#embed-object-embed-limits
import { clip } from "../chat/reply.js";

export const EMBED_LIMITS = {
	title: 256,
	description: 4096,
	fields: 25,
	fieldName: 256,
	fieldValue: 1024,
	footer: 2048,
	/** Title, description, field names and values, footer text and author name together. */
	total: 6000,
} as const;

/**
 * As many whole lines as fit in `budget` characters, then one line saying how many were left out
 * (`more(n)`). A first line too long on its own is clipped; with no room for any line, only the count is
 * left, or nothing. The result never exceeds the budget.
 */
export function takeLines(lines: readonly string[], budget: number, more: (n: number) => string): string {
	if (budget <= 0 || lines.length === 0) return "";
	const full = lines.join("\n");
	if (full.length <= budget) return full;
	let used = -1; // no newline before the first line
	let kept = 0;
	for (const line of lines) {
		const tail = more(lines.length - kept - 1);
		if (used + 1 + line.length + 1 + tail.length > budget) break;
		used += 1 + line.length;
		kept++;
	}
	const tail = more(lines.length - Math.max(kept, 1));
	if (kept > 0) return `${lines.slice(0, kept).join("\n")}\n${tail}`;
	// Not even one line fits whole beside the tail: clip the first one, or say only how many there are.
	const room = budget - tail.length - 1;
	if (room >= 8) return `${clip(lines[0] ?? "", room)}\n${tail}`;
	const all = more(lines.length);
	return all.length <= budget ? all : "";
}
