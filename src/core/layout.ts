// Tensor parallelism inside a node (it must divide the attention heads), pipeline parallelism
// across nodes and across whatever of a node tensor parallelism cannot use.
import type { Mixer } from "../catalog/architecture.js";
import type { Model } from "../catalog/types.js";
import { cacheEntries } from "./cache.js";
import { totalLayers } from "./kv.js";
import type { EngineId } from "./types.js";

export type Layout = { ok: true; tp: number; pp: number; notes: string[] } | { ok: false; reason: string };

/** FP8 checkpoints quantize weights in 128 x 128 blocks: a TP rank's share of an expert must hold whole blocks. */
export const FP8_BLOCK = 128;

/** Heads a mixer's projections are split over: query heads for attention, value heads for linear attention. */
export function queryHeads(m: Mixer): number {
	return m.kind === "linear" ? m.valueHeads : m.heads;
}

/** The most query heads of any layer: what tensor parallelism must divide (named in notes). */
export function attentionHeads(model: Model): number {
	let heads = 0;
	for (const g of model.layers) heads = Math.max(heads, queryHeads(g.mixer));
	return heads;
}

function validTp(model: Model, tp: number, blockQuantized: boolean): boolean {
	for (const g of model.layers) {
		if (queryHeads(g.mixer) % tp !== 0) return false;
		// Split caches need whole heads per rank, or whole ranks per head (a copied head).
		for (const e of cacheEntries(g.mixer)) if (e.heads !== null && e.heads % tp !== 0 && tp % e.heads !== 0) return false;
	}
	const width = model.moe?.expertWidth;
	if (blockQuantized && width !== undefined && (width / tp) % FP8_BLOCK !== 0) return false;
	return true;
}

/** The fewest K/V heads of any full, windowed or chunked attention layer (null: no such layer). */
function fewestKvHeads(model: Model): number | null {
	let fewest: number | null = null;
	for (const g of model.layers) if (g.mixer.kind === "attention") fewest = Math.min(fewest ?? g.mixer.kvHeads, g.mixer.kvHeads);
	return fewest;
}

/** `blockQuantized`: the weights that run are FP8 with 128-blocks (expert widths constrain TP). */
export function chooseLayout(model: Model, engine: EngineId, count: number, gpusPerNode: number, blockQuantized = false): Layout {
	const layers = totalLayers(model);
	if (engine === "llamacpp") {
		// llama.cpp splits layers across devices; no tensor parallelism.
		if (count > layers) return { ok: false, reason: `llama.cpp splits ${layers} layers; ${count} GPUs is more than layers` };
		return { ok: true, tp: 1, pp: count, notes: count > 1 ? [`llama.cpp splits the ${layers} layers across ${count} GPUs`] : [] };
	}
	const notes: string[] = [];
	let tp = gpusPerNode;
	while (tp > 1 && (gpusPerNode % tp !== 0 || !validTp(model, tp, blockQuantized))) tp--;
	const headsOnly = (() => {
		let t = gpusPerNode;
		while (t > 1 && (gpusPerNode % t !== 0 || !validTp(model, t, false))) t--;
		return t;
	})();
	const pp = count / tp;
	if (pp > layers) {
		return { ok: false, reason: `${count} GPUs would need ${pp} pipeline stages for ${layers} layers` };
	}
	if (tp < headsOnly) {
		notes.push(
			`FP8 128-blocks do not divide the ${model.moe?.expertWidth}-wide experts over ${headsOnly} ranks (${(model.moe?.expertWidth ?? 0) / headsOnly} each): tensor parallel ${tp} x pipeline ${pp} (expert parallelism would also do)`,
		);
	} else if (tp < gpusPerNode) {
		notes.push(
			`${attentionHeads(model)} attention heads do not split evenly over ${gpusPerNode} GPUs: tensor parallel ${tp}, pipeline ${pp}`,
		);
	}
	const kvHeads = fewestKvHeads(model);
	if (kvHeads !== null && tp > kvHeads) {
		notes.push(`${kvHeads} KV heads on ${tp} tensor-parallel ranks: each head's cache is held ${tp / kvHeads}x`);
	}
	if (model.layers.some((g) => g.mixer.kind === "mla") && tp > 1) {
		notes.push(`MLA's latent cache is held in full by each of the ${tp} tensor-parallel ranks (no DP attention)`);
	}
	return { ok: true, tp, pp, notes };
}
