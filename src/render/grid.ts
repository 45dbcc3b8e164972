// Tables laid out for a monospace code block of a given width (Slack's message column, Discord's embed).
import type { Table } from "../chat/reply.js";
import { displayWidth, fitTo } from "./width.js";

/**
 * A grid (a ranking, a comparison) as aligned lines of at most `width` display columns, for a code block that
 * must not wrap: as many columns as fit on a line, then the rest in further parts, each repeating the key columns
 * that name the row.
 */
export function gridParts(table: Table, width: number): string[][] {
	const keys = Math.max(1, Math.min(table.keyColumns ?? 1, table.columns.length));
	const widthOf = (i: number) =>
		Math.max(displayWidth(table.columns[i] ?? ""), ...table.rows.map((r) => displayWidth(r[i] ?? "")));
	const widths = table.columns.map((_, i) => widthOf(i));
	// Keys are cut where they would leave no room for the widest other column beside them (never below half a
	// line), so that each part has room for figures.
	const widest = Math.max(0, ...widths.slice(keys));
	const keyRoom = Math.max(Math.floor(width / 2), width - widest - 2);
	let keyWidth = widths.slice(0, keys).reduce((a, b) => a + b + 2, 0);
	for (let i = keys - 1; i >= 0 && keyWidth > keyRoom; i--) {
		const cut = Math.min(widths[i] as number, keyWidth - keyRoom);
		widths[i] = (widths[i] as number) - cut;
		keyWidth -= cut;
	}
	const parts: number[][] = [];
	let part: number[] = [];
	let used = keyWidth;
	for (let i = keys; i < table.columns.length; i++) {
		const w = Math.min(widths[i] as number, width - keyWidth);
		widths[i] = w;
		if (part.length > 0 && used + w > width) {
			parts.push(part);
			part = [];
			used = keyWidth;
		}
		part.push(i);
		used += w + 2;
	}
	if (part.length > 0 || parts.length === 0) parts.push(part);
	const keyColumns = Array.from({ length: keys }, (_, i) => i);
	const line = (cells: string[], columns: number[]) =>
		columns
			.map((i) => fitTo(cells[i] ?? "", widths[i] as number))
			.join("  ")
			.trimEnd();
	return parts.map((p) => {
		const columns = [...keyColumns, ...p];
		return [line(table.columns, columns), ...table.rows.map((r) => line(r, columns))];
	});
}
