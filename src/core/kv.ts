// KV cache bytes of the whole layer schedule: each layer's caches (cache.ts) summed over the groups.
// Pipeline stages split the layers evenly; tensor-parallel ranks split or copy each cache (cache.ts).
import type { Model } from "../catalog/types.js";
import { cacheEntries, entryBytes, spanEntries, spanGrowth } from "./cache.js";

// Plain loops: the search for the longest context calls these some sixty times per sizing, and
// filter/reduce allocated most of what a /fit answer costs the garbage collector.

/** Bytes each extra token of one request adds on one tensor-parallel rank, all layers (windows full). */
export function tokenBytesPerRank(model: Model, tp: number, kvBytes: number): number {
	let bytes = 0;
	for (const g of model.layers) {
		for (const e of cacheEntries(g.mixer)) bytes += g.count * spanGrowth(e.span) * entryBytes(e, tp, kvBytes);
	}
	return bytes;
}

/** The contract's kvBytesPerToken: growth per token of one replica, without tensor-parallel copies. */
export function tokenBytesReplica(model: Model, kvBytes: number): number {
	return tokenBytesPerRank(model, 1, kvBytes);
}

/** Cache of one request of `tokens` tokens on one rank, all layers (windows, compressed entries, fixed state). */
function requestBytesPerRank(model: Model, tokens: number, tp: number, kvBytes: number): number {
	let bytes = 0;
	for (const g of model.layers) {
		for (const e of cacheEntries(g.mixer)) bytes += g.count * spanEntries(e.span, tokens) * entryBytes(e, tp, kvBytes);
	}
	return bytes;
}

/**
 * Cache of one request of `tokens` tokens on the GPU that holds the most layers of it,
 * for `pp` pipeline stages of equal layer share.
 */
export function requestBytesPerGpu(model: Model, tokens: number, tp: number, pp: number, kvBytes: number): number {
	return requestBytesPerRank(model, tokens, tp, kvBytes) / pp;
}

/** How many copies of each token's growing cache the tensor-parallel ranks hold together. */
export function kvReplication(model: Model, tp: number): number {
	const replica = tokenBytesReplica(model, 2);
	return replica > 0 ? (tp * tokenBytesPerRank(model, tp, 2)) / replica : 1;
}

/** Layers in the schedule (MTP layers excluded). */
export function totalLayers(model: Model): number {
	let n = 0;
	for (const g of model.layers) n += g.count;
	return n;
}
