// Tensor parallelism inside a node (it must divide the attention heads), pipeline parallelism
// across nodes and across whatever of a node tensor parallelism cannot use; or, where the request names it,
// data-parallel attention (each rank keeps the attention weights and its own requests' cache) with the
// experts split by expert parallelism, as SGLang's --enable-dp-attention, vLLM's --data-parallel-size with
// --enable-expert-parallel and TensorRT-LLM's enable_attention_dp run DeepSeek-class models.
import type { Mixer } from "../catalog/architecture.js";
import type { Model } from "../catalog/types.js";
import { cacheEntries } from "./cache.js";
import { totalLayers } from "./kv.js";
import type { Blocker, Reason } from "./reasons.js";
import type { EngineId } from "./types.js";

/**
 * How a setup's GPUs divide the model, in SGLang's terms: `tp` GPUs per pipeline stage, `dp` data-parallel
 * attention ranks among them (attention itself is split over tp / dp GPUs), experts split over `ep` GPUs
 * (1: experts are tensor-parallel like the rest).
 */
export interface Parallel {
	tp: number;
	pp: number;
	dp: number;
	ep: number;
}

/** A layout the request names: `layout tp8`, `layout tp4 pp2`, `layout dp8 ep`. */
export interface LayoutRequest {
	tp?: number;
	pp?: number;
	dp?: number;
	ep?: boolean;
}

export type Layout = ({ ok: true; notes: Reason[] } & Parallel) | { ok: false; reason: Blocker };

/** FP8 checkpoints quantize weights in 128 x 128 blocks: a TP rank's share of an expert must hold whole blocks. */
const FP8_BLOCK = 128;

/** Heads a mixer's projections are split over: query heads for attention, value heads for linear attention. */
function queryHeads(m: Mixer): number {
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

/** Attention's share of a layout: the GPUs one data-parallel attention rank spans. */
export const attentionTp = (p: Parallel): number => p.tp / p.dp;

/** `blockQuantized`: the weights that run are FP8 with 128-blocks (expert widths constrain TP). */
export function chooseLayout(
	model: Model,
	engine: EngineId,
	count: number,
	gpusPerNode: number,
	blockQuantized = false,
	asked: LayoutRequest | null = null,
): Layout {
	const layers = totalLayers(model);
	if (engine === "llamacpp" || engine === "mlx") {
		// llama.cpp and MLX split layers across devices; no tensor parallelism.
		if (asked && (asked.tp ?? 1) * (asked.dp ?? 1) > 1)
			return {
				ok: false,
				reason: { code: "layers-only", engine: engine === "mlx" ? "MLX" : "llama.cpp" },
			};
		if (count > layers) return { ok: false, reason: { code: "more-gpus-than-layers", layers, gpus: count } };
		return {
			ok: true,
			tp: 1,
			pp: count,
			dp: 1,
			ep: 1,
			notes: count > 1 ? [{ code: "llamacpp-layers", layers, gpus: count }] : [],
		};
	}
	if (asked) return askedLayout(model, count, blockQuantized, asked);
	const notes: Reason[] = [];
	let tp = gpusPerNode;
	while (tp > 1 && (gpusPerNode % tp !== 0 || !validTp(model, tp, blockQuantized))) tp--;
	const headsOnly = (() => {
		let t = gpusPerNode;
		while (t > 1 && (gpusPerNode % t !== 0 || !validTp(model, t, false))) t--;
		return t;
	})();
	const pp = count / tp;
	if (pp > layers) {
		return { ok: false, reason: { code: "stages-for-gpus", gpus: count, stages: pp, layers } };
	}
	if (tp < headsOnly) {
		notes.push({ code: "fp8-blocks-experts", expertWidth: model.moe?.expertWidth ?? 0, ranks: headsOnly, tp, pp });
	} else if (tp < gpusPerNode) {
		notes.push({ code: "heads-uneven", heads: attentionHeads(model), gpus: gpusPerNode, tp, pp });
	}
	const kvHeads = fewestKvHeads(model);
	if (kvHeads !== null && tp > kvHeads) {
		notes.push({ code: "kv-heads-per-rank", kvHeads, tp });
	}
	if (model.layers.some((g) => g.mixer.kind === "mla") && tp > 1) {
		notes.push({ code: "mla-cache-per-rank", tp });
	}
	return { ok: true, tp, pp, dp: 1, ep: 1, notes };
}

/** The layout the request names, checked against the model and the GPU count. */
function askedLayout(model: Model, count: number, blockQuantized: boolean, asked: LayoutRequest): Layout {
	const pp = asked.pp ?? (asked.tp ? count / asked.tp : 1);
	const tp = asked.tp ?? count / pp;
	const dp = asked.dp ?? 1;
	const ep = asked.ep ? tp : 1;
	if (!Number.isInteger(tp) || !Number.isInteger(pp) || tp * pp !== count) {
		const named = [asked.tp ? `tp${asked.tp}` : null, asked.pp ? `pp${asked.pp}` : null].filter(Boolean).join(" × ");
		return { ok: false, reason: { code: "layout-not-count", layout: named, gpus: count } };
	}
	const name = layoutText({ tp, pp, dp, ep });
	if (tp % dp !== 0) return { ok: false, reason: { code: "dp-not-dividing", dp, tp } };
	if (ep > 1 && !model.moe) return { ok: false, reason: { code: "ep-needs-moe", model: model.name } };
	if (pp > totalLayers(model))
		return { ok: false, reason: { code: "stages-over-layers", stages: pp, layers: totalLayers(model) } };
	const attnTp = tp / dp;
	if (!validTp(model, attnTp, blockQuantized && ep === 1 && dp === 1)) {
		return { ok: false, reason: { code: "heads-not-splitting", heads: attentionHeads(model), gpus: attnTp } };
	}
	const notes: Reason[] = [{ code: "layout-as-asked", layout: name }];
	if (dp > 1) {
		const experts = model.moe ? model.moe.experts : null;
		const expertsPerGpu = model.moe && ep > 1 ? model.moe.experts / ep : null;
		notes.push({ code: "dp-attention", dp, attnTp, experts, expertsPerGpu });
		// weight-split.ts sizes MLA projections with DeepSeek-V3's widths: an estimate, said where it is used.
		if (model.layers.some((g) => g.mixer.kind === "mla")) {
			notes.push({ code: "mla-widths-estimated" });
		}
	}
	return { ok: true, tp, pp, dp, ep, notes };
}

/** The grammar's words for a layout: "tp8", "tp4 pp2", "dp8 ep". */
export function layoutText(p: Parallel): string {
	const parts = p.dp > 1 ? [`dp${p.dp}`] : [`tp${p.tp}`];
	if (p.dp > 1 && p.dp !== p.tp) parts.unshift(`tp${p.tp}`);
	if (p.ep > 1) parts.push("ep");
	if (p.pp > 1) parts.push(`pp${p.pp}`);
	return parts.join(" ");
}
