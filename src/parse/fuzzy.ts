// Closest catalog names for what someone typed: prefix and substring matches first, then edit distance.
import type { NameTable } from "../catalog/indexes.js";
import { normalizeName } from "../catalog/names.js";

function editDistance(a: string, b: string): number {
	const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let diag = prev[0] as number;
		prev[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const up = prev[j] as number;
			prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
			diag = up;
		}
	}
	return prev[b.length] as number;
}

/** Letters typed for the digits they look like ("h1OO", "mi3OOx"): compared as digits. */
const lookalike = (s: string): string => s.replace(/o/g, "0").replace(/[il]/g, "1");

/** Up to `limit` ids, best first. Look-alike and prefix matches rank before substrings, then by edit distance. */
export function closest<T extends { id: string }>(table: NameTable<T>, typed: string, limit = 3): string[] {
	const q = normalizeName(typed).slice(0, 64);
	if (q.length === 0) return [];
	const shape = /\d/.test(q) ? lookalike(q) : null;
	const scored = table.entries.map((e) => {
		const score =
			shape !== null && lookalike(e.key) === shape
				? 0
				: e.key.startsWith(q)
					? 0
					: e.key.includes(q)
						? 1
						: 2 + editDistance(q, e.key) / Math.max(q.length, e.key.length);
		return { id: e.value.id, score, len: e.key.length };
	});
	scored.sort((a, b) => a.score - b.score || a.len - b.len);
	const ids: string[] = [];
	for (const s of scored) {
		if (s.score > 2.6) break;
		if (!ids.includes(s.id)) ids.push(s.id);
		if (ids.length >= limit) break;
	}
	return ids;
}

/** Autocomplete: names that start with or contain what was typed, as (display name, id) pairs. */
export function complete<T extends { id: string }>(
	table: NameTable<T>,
	typed: string,
	limit = 25,
): { name: string; id: string }[] {
	const q = normalizeName(typed);
	const out: { name: string; id: string; score: number }[] = [];
	const seen = new Set<string>();
	for (const e of table.entries) {
		const score = q === "" || e.key.startsWith(q) ? 0 : e.key.includes(q) ? 1 : -1;
		if (score < 0) continue;
		out.push({ name: e.name, id: e.value.id, score });
	}
	out.sort((a, b) => a.score - b.score || a.id.localeCompare(b.id));
	return out
		.filter((o) => {
			if (seen.has(o.id)) return false;
			seen.add(o.id);
			return true;
		})
		.slice(0, limit)
		.map(({ name, id }) => ({ name, id }));
}
