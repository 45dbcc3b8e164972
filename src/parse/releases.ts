// A name that fits several releases ("llama 70b", "qwen3 235b") means the newest of them: the catalog
// entries of the same family whose names hold every word typed, newest by the version in their id
// (3.3 > 3.1 > 3 > 2), then by a dated release tag (2507 > none). The others are named on the card.
import type { Catalog, Model } from "../catalog/types.js";

export interface ReleaseMatch {
	model: Model;
	/** The other releases the words also fit, newest first. */
	others: Model[];
}

const words = (s: string): string[] =>
	s
		.toLowerCase()
		.split(/[\s\-_/:]+/)
		.filter(Boolean);

/** Version numbers in an id, in order ("llama-3.3-70b" -> [3, 3]; "qwen2.5-72b" -> [2, 5]), sizes left out. */
function versionOf(id: string): number[] {
	const out: number[] = [];
	for (const w of words(id)) {
		if (/^\d+(\.\d+)*$/.test(w) && w.length < 4) out.push(...w.split(".").map(Number));
		else {
			const tail = /^[a-z]+(\d+(?:\.\d+)*)$/.exec(w);
			if (tail) out.push(...(tail[1] as string).split(".").map(Number));
		}
		if (/\d+b$/.test(w)) break;
	}
	return out;
}

/** A dated release tag: "2507", "0905" (year-month) or "20250514"; 0 when none. */
function dateTag(id: string): number {
	const tag = words(id).find((w) => /^\d{4}$/.test(w) || /^20\d{6}$/.test(w));
	return tag ? Number(tag.length === 4 ? `20${tag}` : tag.slice(0, 6)) : 0;
}

/** Sort order, newest release first: negative when `a` is newer than `b`, 0 when neither is (different sizes). */
export function newerFirst(a: Model, b: Model): number {
	const va = versionOf(a.id);
	const vb = versionOf(b.id);
	for (let i = 0; i < Math.max(va.length, vb.length); i++) {
		const d = (vb[i] ?? 0) - (va[i] ?? 0);
		if (d !== 0) return d;
	}
	return dateTag(b.id) - dateTag(a.id);
}

/**
 * The newest release whose family and names hold every typed word, or null (none matching, or a single word,
 * unless `oneWord`: a family's own alias such as "kimi").
 */
export function newestRelease(catalog: Catalog, typed: string, options: { oneWord?: boolean } = {}): ReleaseMatch | null {
	const asked = words(typed);
	if (asked.length < (options.oneWord ? 1 : 2)) return null;
	const [family] = asked;
	const matches = catalog.models.filter((m) => {
		if (!m.id.startsWith(family as string)) return false;
		const names = [m.id, m.name, ...m.aliases].map(words);
		return asked.every((w) => names.some((n) => n.includes(w)));
	});
	if (matches.length === 0) return null;
	const [model, ...others] = [...matches].sort(newerFirst);
	return { model: model as Model, others };
}
