// What a reload took out of the catalog: the models and GPUs there before and gone after. Such an edit is valid
// (deleting models/deepseek.yaml is a legal catalog) and is taken, but requests naming those entries start to
// answer "unknown model", so it is said out loud: in the log (watch.ts) and once to the ops channels.
import type { Catalog } from "./types.js";

export interface Removed {
	models: string[];
	gpus: string[];
}

const gone = (before: readonly { id: string }[], after: readonly { id: string }[]) => {
	const kept = new Set(after.map((e) => e.id));
	return before.map((e) => e.id).filter((id) => !kept.has(id));
};

/** The model and GPU ids `before` has and `after` has not; null when nothing went. */
export function removedEntries(before: Catalog, after: Catalog): Removed | null {
	const removed = { models: gone(before.models, after.models), gpus: gone(before.gpus, after.gpus) };
	return removed.models.length + removed.gpus.length > 0 ? removed : null;
}

const SHOWN_IDS = 20;

/** "3 models (deepseek-r1, deepseek-v3, deepseek-v3.1)", at most SHOWN_IDS ids, then how many more. */
export function describeIds(ids: readonly string[], noun: string): string {
	const shown = ids.slice(0, SHOWN_IDS).join(", ");
	const more = ids.length > SHOWN_IDS ? `, and ${ids.length - SHOWN_IDS} more` : "";
	return `${ids.length} ${noun}${ids.length === 1 ? "" : "s"} (${shown}${more})`;
}

/** One line for the log and the ops post: "2 models (a, b) and 1 GPU (x)". */
export function describeRemoved(removed: Removed): string {
	const parts = [];
	if (removed.models.length) parts.push(describeIds(removed.models, "model"));
	if (removed.gpus.length) parts.push(describeIds(removed.gpus, "GPU"));
	return parts.join(" and ");
}
