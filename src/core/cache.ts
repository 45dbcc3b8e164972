// What each token mixer keeps per request, the way vLLM's v1 engine allocates it
// (vllm/v1/kv_cache_interface.py: FullAttentionSpec, SlidingWindowSpec, ChunkedLocalAttentionSpec,
// MLAAttentionSpec, SlidingWindowMLASpec, MambaSpec), and how tensor parallelism splits it: K/V and state
// heads are split over the ranks (a head is copied when there are more ranks than heads); MLA latents,
// DeepSeek-V4 caches and indexer keys (DSA's and MiniMax-M3's) are single-head caches that every rank holds whole.
// Sources, versions and quotes: docs/cache-rules.md.
import type { Mixer } from "../catalog/architecture.js";
import type { Model } from "../catalog/types.js";

/** How many entries a request of n tokens holds. */
type Span = { kind: "tokens" } | { kind: "window"; tokens: number } | { kind: "compressed"; every: number } | { kind: "fixed" };

interface CacheEntry {
	what: "kv" | "latent" | "indexer" | "compressed" | "compressor-state" | "conv-state" | "ssm-state";
	/** Elements per entry, all heads of one layer. */
	elements: number;
	/** Bytes per element; null: the engine's KV cache dtype. */
	elementBytes: number | null;
	/**
	 * Bytes of one entry (all heads of one layer) when the KV cache is FP8 and the engine packs its own
	 * layout with scales rather than one byte per element (FlashMLA's fp8_ds_mla: 656 B for DeepSeek-V3.2's
	 * latent, 584 B for DeepSeek-V4's). Absent: elements x 1 byte.
	 */
	fp8Bytes?: number;
	span: Span;
	/** Heads the elements are split over under tensor parallelism; null: every rank holds them all. */
	heads: number | null;
}

/**
 * Bytes of a 16-bit element: convolution states are kept in the model's dtype (mamba_cache_dtype "auto"), and so
 * are MiniMax-M3's index keys under an FP8 KV cache.
 */
const MODEL_DTYPE_BYTES = 2;

/**
 * DSA indexer keys: FP8 with one FP32 scale per 128 elements, whatever the KV cache dtype
 * (vllm/model_executor/models/deepseek_v2.py, DeepseekV32IndexerCache: head_dim + head_dim // 128 * 4 bytes).
 */
const indexerKeyBytes = (headDim: number): number => headDim + (headDim / 128) * 4;

/**
 * FlashMLA sparse's packed FP8 entry (cache_dtype "fp8_ds_mla", vllm/v1/kv_cache_interface.py
 * MLAAttentionSpec.real_page_size_bytes): DeepSeek-V3.2's latent is 512 FP8 NoPE + 4 FP32 scales + 64 BF16
 * RoPE = 656 B; DeepSeek-V4's 512-wide entry is 448 FP8 NoPE + 64 BF16 RoPE + 8 scale bytes = 584 B.
 */
const dsMlaFp8Bytes = (nope: number, rope: number, scaleBytes: number): number => nope + 2 * rope + scaleBytes;

const TOKENS: Span = { kind: "tokens" };
const FIXED: Span = { kind: "fixed" };

function attentionEntries(m: Extract<Mixer, { kind: "attention" }>): CacheEntry[] {
	// A KV-sharing layer writes nothing: vLLM gives it no KV cache spec (kv_sharing_target_layer_name).
	if (m.kvShared) return [];
	// K and V both cached even where keys double as values: vllm/model_executor/models/gemma4.py loads
	// K's weights into both slots of qkv_proj and passes v to a standard Attention layer.
	const perHead = m.headDim + (m.valueHeadDim ?? m.headDim);
	const span: Span = m.window === null ? TOKENS : { kind: "window", tokens: m.window };
	const kv: CacheEntry = { what: "kv", elements: m.kvHeads * perHead, elementBytes: null, span, heads: m.kvHeads };
	if (!m.indexKeys) return [kv];
	// MiniMax-M3 sparse layers (vllm/models/minimax_m3/nvidia/model.py, MiniMaxM3SparseAttention): the main K/V is a
	// FullAttentionSpec of the KV heads; the indexer's side cache (common/indexer.py, MiniMaxM3IndexerCache) is an
	// MLAAttentionSpec(num_kv_heads=1, head_size=sparse_index_dim): one key per token, "index_k is a single shared
	// head, replicated to every rank". Its dtype is the model's when the KV cache is quantized, else the KV cache's
	// (index_cache_torch_dtype in the vLLM plugin model; upstream's indexer_kv_dtype defaults to "bf16"): 16-bit for
	// every KV dtype vLLM accepts on a BF16 model.
	const keys: CacheEntry = {
		what: "indexer",
		elements: m.indexKeys.headDim,
		elementBytes: null,
		fp8Bytes: m.indexKeys.headDim * MODEL_DTYPE_BYTES,
		span: TOKENS,
		heads: null,
	};
	return [kv, keys];
}

function mlaEntries(m: Extract<Mixer, { kind: "mla" }>): CacheEntry[] {
	const latent: CacheEntry = {
		what: "latent",
		elements: m.kvLoraRank + m.qkRopeHeadDim,
		elementBytes: null,
		span: TOKENS,
		heads: null,
	};
	if (!m.indexer) return [latent];
	// Sparse (DSA) models run FlashMLA sparse, whose FP8 cache is the packed fp8_ds_mla layout
	// (vllm/model_executor/models/config.py, DeepseekV32ForCausalLM: fp8 -> "fp8_ds_mla"; "auto" stays BF16).
	latent.fp8Bytes = dsMlaFp8Bytes(m.kvLoraRank, m.qkRopeHeadDim, (m.kvLoraRank / 128) * 4);
	const keys: CacheEntry = {
		what: "indexer",
		elements: indexerKeyBytes(m.indexer.headDim),
		elementBytes: 1,
		span: TOKENS,
		heads: null,
	};
	return [latent, keys];
}

/** DeepSeek-V4's FlashMLA FP8 entry of a 512-wide head with a 64-wide RoPE part: 448 + 128 + 7 scales + 1 pad. */
const v4Fp8Bytes = (headDim: number, rope: number): number => dsMlaFp8Bytes(headDim - rope, rope, (headDim - rope) / 64 + 1);

/** RoPE width of DeepSeek-V4's attention entry (config qk_rope_head_dim; the FP8 layout above is built for it). */
const V4_ROPE_DIM = 64;
/** Bytes of a compressor state element: kv_state and score_state are float32 (deepseek_compressor.py). */
const FP32 = 4;

function compressedEntries(m: Extract<Mixer, { kind: "compressed" }>): CacheEntry[] {
	// vllm/model_executor/layers/deepseek_v4_attention.py: every layer keeps a sliding window of
	// uncompressed entries (DeepseekV4SWACache, SlidingWindowMLASpec); layers with compress_ratio > 1 add one
	// compressed entry per ratio tokens (MLAAttentionSpec, storage_block_size = block_size // compress_ratio)
	// and a compressor state; ratio-4 layers add the indexer's keys and its own compressor state.
	const width = m.kvHeads * m.headDim;
	const fp8Bytes = m.kvHeads * v4Fp8Bytes(m.headDim, V4_ROPE_DIM);
	const out: CacheEntry[] = [
		{ what: "kv", elements: width, elementBytes: null, fp8Bytes, span: { kind: "window", tokens: m.window }, heads: null },
	];
	if (m.compressRatio <= 1) return out;
	const every: Span = { kind: "compressed", every: m.compressRatio };
	out.push({ what: "compressed", elements: width, elementBytes: null, fp8Bytes, span: every, heads: null });
	// vllm/model_executor/layers/deepseek_compressor.py, CompressorStateCache: float32 kv_state + score_state of
	// 2 x coff x head_dim per token over a window of coff x ratio tokens, coff = 2 where windows overlap (ratio 4).
	const coff = m.compressRatio === 4 ? 2 : 1;
	const stateWindow: Span = { kind: "window", tokens: coff * m.compressRatio };
	out.push({ what: "compressor-state", elements: 2 * coff * width, elementBytes: FP32, span: stateWindow, heads: null });
	if (m.indexer) {
		out.push({ what: "indexer", elements: indexerKeyBytes(m.indexer.headDim), elementBytes: 1, span: every, heads: null });
		const indexerState = 2 * coff * m.indexer.headDim;
		out.push({ what: "compressor-state", elements: indexerState, elementBytes: FP32, span: stateWindow, heads: null });
	}
	return out;
}

function computeEntries(m: Mixer): CacheEntry[] {
	switch (m.kind) {
		case "attention":
			return attentionEntries(m);
		case "mla":
			return mlaEntries(m);
		case "compressed":
			return compressedEntries(m);
		case "mamba2": {
			// vllm/model_executor/layers/mamba/mamba_utils.py, mamba2_state_shape: conv state (conv_kernel - 1) x
			// (heads x head_dim + 2 x n_groups x state) split over TP, where n_groups is first raised to a multiple
			// of the ranks (a group is copied to every rank whose heads need it): so the x part splits by heads,
			// the B/C part by groups. SSM state (heads, head_dim, state) in mamba_ssm_cache_dtype.
			const taps = m.convKernel - 1;
			return [
				{
					what: "conv-state",
					elements: taps * m.heads * m.headDim,
					elementBytes: MODEL_DTYPE_BYTES,
					span: FIXED,
					heads: m.heads,
				},
				{
					what: "conv-state",
					elements: taps * 2 * m.groups * m.stateSize,
					elementBytes: MODEL_DTYPE_BYTES,
					span: FIXED,
					heads: m.groups,
				},
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
			// vllm/model_executor/layers/mamba/mamba_utils.py, gated_delta_net_state_shape / kda_state_shape:
			// conv (conv_kernel - 1) x (2 x key dim + value dim), recurrent state (value heads, v_dim, k_dim).
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
function rankShare(entry: CacheEntry, tp: number): number {
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

/** Bytes of one entry on one rank, for a KV cache of `kvBytes` bytes per element (1: FP8). */
export function entryBytes(entry: CacheEntry, tp: number, kvBytes: number): number {
	const whole =
		entry.elementBytes === null && kvBytes === 1 && entry.fp8Bytes !== undefined
			? entry.fp8Bytes
			: entry.elements * (entry.elementBytes ?? kvBytes);
	return whole * rankShare(entry, tp);
}

/** Cache layouts a model's layers use, in schedule order of first appearance: facts for lists and cards. */
type CacheLayout = "gqa" | "sliding" | "chunked" | "msa" | "mla" | "dsa" | "compressed" | "mamba2" | "gated-deltanet" | "kda";

function layoutOf(m: Mixer): CacheLayout {
	switch (m.kind) {
		case "attention":
			if (m.indexKeys) return "msa"; // MiniMax Sparse Attention: GQA plus index keys
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
