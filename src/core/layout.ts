// Tensor parallelism inside a node (it must divide the attention heads), pipeline parallelism
// across nodes and across whatever of a node tensor parallelism cannot use.
import type { Model } from "../catalog/types.js";
import type { EngineId } from "./types.js";

export type Layout = { ok: true; tp: number; pp: number; notes: string[] } | { ok: false; reason: string };

function validTp(model: Model, tp: number): boolean {
	const a = model.attention;
	if (a.heads % tp !== 0) return false;
	if (a.kind === "gqa" && a.kvHeads % tp !== 0 && tp % a.kvHeads !== 0) return false;
	return true;
}

export function totalLayers(model: Model): number {
	return model.attention.layers.reduce((n, g) => n + g.count, 0);
}

export function chooseLayout(model: Model, engine: EngineId, count: number, gpusPerNode: number): Layout {
	const layers = totalLayers(model);
	if (engine === "llamacpp") {
		// llama.cpp splits layers across devices; no tensor parallelism.
		if (count > layers) return { ok: false, reason: `llama.cpp splits ${layers} layers; ${count} GPUs is more than layers` };
		return { ok: true, tp: 1, pp: count, notes: count > 1 ? [`llama.cpp splits the ${layers} layers across ${count} GPUs`] : [] };
	}
	const notes: string[] = [];
	let tp = gpusPerNode;
	while (tp > 1 && (gpusPerNode % tp !== 0 || !validTp(model, tp))) tp--;
	const pp = count / tp;
	if (pp > layers) {
		return { ok: false, reason: `${count} GPUs would need ${pp} pipeline stages for ${layers} layers` };
	}
	if (tp < gpusPerNode) {
		notes.push(
			`${model.attention.heads} attention heads do not split evenly over ${gpusPerNode} GPUs: tensor parallel ${tp}, pipeline ${pp}`,
		);
	}
	const a = model.attention;
	if (a.kind === "gqa" && tp > a.kvHeads) {
		notes.push(`${a.kvHeads} KV heads on ${tp} tensor-parallel ranks: each head's cache is held ${tp / a.kvHeads}x`);
	}
	if (a.kind === "mla" && tp > 1) {
		notes.push(`MLA's latent cache is held in full by each of the ${tp} tensor-parallel ranks (no DP attention)`);
	}
	return { ok: true, tp, pp, notes };
}
