// What each token mixer keeps per request, the way vLLM's v1 engine allocates it
// (vllm/v1/kv_cache_interface.py: FullAttentionSpec, SlidingWindowSpec, ChunkedLocalAttentionSpec,
// MLAAttentionSpec, MambaSpec), and how tensor parallelism splits it: K/V and state heads are split over
// the ranks (a head is copied when there are more ranks than heads); MLA latents and indexer keys are
// single-head caches that every rank holds whole.
import type { Mixer } from "../catalog/architecture.js";
import type { Model } from "../catalog/types.js";

/** How many entries a request of n tokens holds. */
export type Span =
	| { kind: "tokens" }
	| { kind: "window"; tokens: number }
	| { kind: "compressed"; every: number }
	| { kind: "fixed" };

export interface CacheEntry {
	what: "kv" | "latent" | "indexer" | "compressed" | "conv-state" | "ssm-state";
	/** Elements per entry, all heads of one layer. */
	elements: number;
	/** Bytes per element; null: the engine's KV cache dtype. */
	elementBytes: number | null;
	span: Span;
	/** Heads the elements are split over under tensor parallelism; null: every rank holds them all. */
	heads: number | null;
}

/** Bytes of a 16-bit element: convolution states are kept in the model's dtype. */
const MODEL_DTYPE_BYTES = 2;

/**
 * DSA indexer keys: FP8 with one FP32 scale per 128 elements, whatever the KV cache dtype
 * (vllm/model_executor/models/deepseek_v2.py, DeepseekV32IndexerCache: head_dim + head_dim // 128 * 4 bytes).
 */
export const indexerKeyBytes = (headDim: number): number => headDim + (headDim / 128) * 4;

const TOKENS: Span = { kind: "tokens" };
const FIXED: Span = { kind: "fixed" };

function computeEntries(m: Mixer): CacheEntry[] {
	switch (m.kind) {
		case "attention": {
			const perHead = m.keyIsValue ? m.headDim : m.headDim + (m.valueHeadDim ?? m.headDim);
			const span: Span = m.window === null ? TOKENS : { kind: "window", tokens: m.window };
			return [{ what: "kv", elements: m.kvHeads * perHead, elementBytes: null, span, heads: m.kvHeads }];
		}
		case "mla": {
			const out: CacheEntry[] = [
				{ what: "latent", elements: m.kvLoraRank + m.qkRopeHeadDim, elementBytes: null, span: TOKENS, heads: null },
			];
			if (m.indexer) {
				out.push({ what: "indexer", elements: indexerKeyBytes(m.indexer.headDim), elementBytes: 1, span: TOKENS, heads: null });
			}
			return out;
		}
		case "compressed": {
			const width = m.kvHeads * m.headDim;
			const out: CacheEntry[] = [
				{ what: "kv", elements: width, elementBytes: null, span: { kind: "window", tokens: m.window }, heads: null },
			];
			if (m.compressRatio > 0) {
				const every: Span = { kind: "compressed", every: m.compressRatio };
				out.push({ what: "compressed", elements: width, elementBytes: null, span: every, heads: null });
				if (m.indexer) {
					out.push({ what: "indexer", elements: indexerKeyBytes(m.indexer.headDim), elementBytes: 1, span: every, heads: null });
				}
			}
			return out;
		}
		case "mamba2": {
			// vllm/model_executor/layers/mamba/mamba_utils.py, mamba2_state_shape.
			const conv = (m.convKernel - 1) * (m.heads * m.headDim + 2 * m.groups * m.stateSize);
			return [
				{ what: "conv-state", elements: conv, elementBytes: MODEL_DTYPE_BYTES, span: FIXED, heads: m.heads },
				{
					what: "ssm-state",
					elements: m.heads * m.headDim * m.stateSize,
					elementBytes: m.stateBytes,
					span: FIXED,
					heads: m.heads,
				},
			];
		}
		case "linear": {
			// vllm/model_executor/layers/mamba/mamba_utils.py, gated_delta_net_state_shape.
			const keyDim = m.keyHeads * m.keyHeadDim;
			const valueDim = m.valueHeads * m.valueHeadDim;
			const conv = (m.convKernel - 1) * (2 * keyDim + valueDim);
			return [
				{ what: "conv-state", elements: conv, elementBytes: MODEL_DTYPE_BYTES, span: FIXED, heads: m.valueHeads },
				{
					what: "ssm-state",
					elements: m.valueHeads * m.keyHeadDim * m.valueHeadDim,
					elementBytes: m.stateBytes,
					span: FIXED,
					heads: m.valueHeads,
				},
			];
		}
	}
}

const entriesMemo = new WeakMap<Mixer, CacheEntry[]>();

/** The caches one layer with this mixer keeps per request (computed once per mixer). */
export function cacheEntries(m: Mixer): readonly CacheEntry[] {
	let entries = entriesMemo.get(m);
	if (!entries) {
		entries = computeEntries(m);
		entriesMemo.set(m, entries);
	}
	return entries;
}

/** Share of an entry one tensor-parallel rank holds: ceil(heads / tp) of its heads, or all of a copied cache. */
export function rankShare(entry: CacheEntry, tp: number): number {
	return entry.heads === null ? 1 : Math.ceil(entry.heads / tp) / entry.heads;
}

/** Entries a request of `tokens` tokens holds. */
export function spanEntries(span: Span, tokens: number): number {
	switch (span.kind) {
		case "tokens":
			return tokens;
		case "window":
			return Math.min(tokens, span.tokens);
		case "compressed":
			return Math.ceil(tokens / span.every);
		case "fixed":
			return 1;
	}
}

/** Entries each extra token adds once the request is long (windows full): the growth rate. */
export function spanGrowth(span: Span): number {
	switch (span.kind) {
		case "tokens":
			return 1;
		case "compressed":
			return 1 / span.every;
		default:
			return 0;
	}
}

/** Bytes of one entry on one rank. */
export function entryBytes(entry: CacheEntry, tp: number, kvBytes: number): number {
	return entry.elements * (entry.elementBytes ?? kvBytes) * rankShare(entry, tp);
}

/** Cache layouts a model's layers use, in schedule order of first appearance: facts for lists and cards. */
export type CacheLayout = "gqa" | "sliding" | "chunked" | "mla" | "dsa" | "compressed" | "mamba2" | "gated-deltanet" | "kda";

function layoutOf(m: Mixer): CacheLayout {
	switch (m.kind) {
		case "attention":
			return m.window === null ? "gqa" : m.chunked ? "chunked" : "sliding";
		case "mla":
			return m.indexer ? "dsa" : "mla";
		case "compressed":
			return "compressed";
		case "mamba2":
			return "mamba2";
		case "linear":
			return m.rule;
	}
}

export function cacheLayouts(model: Model): CacheLayout[] {
	const out: CacheLayout[] = [];
	for (const g of model.layers) {
		const l = layoutOf(g.mixer);
		if (!out.includes(l)) out.push(l);
	}
	return out;
}
