// KV cache bytes. GQA caches K and V per KV head; MLA caches one compressed latent
// (kv_lora_rank + rope dims) per layer. Under tensor parallelism a GQA rank holds
// ceil(kvHeads / tp) heads (heads are replicated when tp exceeds them) and every MLA rank holds the
// whole latent; pipeline stages split the layers. Sliding-window and chunked layers hold at most
// their window.
import type { Model } from "../catalog/types.js";

/** Bytes one token costs in one layer on one GPU. */
export function layerBytesPerToken(model: Model, tp: number, kvBytes: number): number {
	const a = model.attention;
	if (a.kind === "mla") return (a.kvLoraRank + a.qkRopeHeadDim) * kvBytes;
	return 2 * Math.ceil(a.kvHeads / tp) * a.headDim * kvBytes;
}

/** Bytes one token costs in one layer of one replica, without any replication. */
export function layerBytesPerTokenReplica(model: Model, kvBytes: number): number {
	const a = model.attention;
	if (a.kind === "mla") return (a.kvLoraRank + a.qkRopeHeadDim) * kvBytes;
	return 2 * a.kvHeads * a.headDim * kvBytes;
}

/** How many copies of each token's cache the tensor-parallel ranks hold together. */
export function kvReplication(model: Model, tp: number): number {
	const a = model.attention;
	if (a.kind === "mla") return tp;
	return (Math.ceil(a.kvHeads / tp) * tp) / a.kvHeads;
}

// Plain loops in these two: the search for the longest context calls them some sixty times per sizing,
// and filter/reduce allocated most of what a /fit answer costs the garbage collector.
export function growingLayers(model: Model): number {
	let n = 0;
	for (const g of model.attention.layers) if (g.window === null) n += g.count;
	return n;
}

/** Bytes per request that do not grow past a window, for a request of `tokens` tokens (one replica). */
export function windowedBytes(model: Model, tokens: number, perLayerToken: number): number {
	let bytes = 0;
	for (const g of model.attention.layers) if (g.window !== null) bytes += g.count * Math.min(tokens, g.window) * perLayerToken;
	return bytes;
}

/**
 * Cache of one request of `tokens` tokens on the GPU that holds the most layers of it,
 * for `pp` pipeline stages of equal layer share.
 */
export function requestBytesPerGpu(model: Model, tokens: number, tp: number, pp: number, kvBytes: number): number {
	const perLayer = layerBytesPerToken(model, tp, kvBytes);
	const growing = growingLayers(model) * tokens * perLayer;
	return (growing + windowedBytes(model, tokens, perLayer)) / pp;
}
