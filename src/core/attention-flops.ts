// Attention FLOPs per layer mixer, for the speed estimates: softmax attention reads the tokens it keeps
// (a window, a chunk, the indexer's top-k); linear attention and SSM layers update a fixed state per token.
import type { Mixer } from "../catalog/architecture.js";
import type { Model } from "../catalog/types.js";

/**
 * MLA prefill runs un-absorbed, decode absorbed: vLLM's MLA module docstring (vllm/v1/attention/backends/mla/common.py,
 * PR #13789; now vllm/model_executor/layers/attention/mla_attention.py) uses "the compute friendly approach for
 * prefill" (keys and values up-projected from the latent, ordinary attention with 192-wide keys, 128 nope + 64
 * rope, and 128-wide values per head) and "the data-movement friendly approach for decode".
 */
const MLA_PREFILL_KEY_DIM = 192;
const MLA_PREFILL_VALUE_DIM = 128;

/** Tokens a layer attends to for a query at position `context`. */
function attended(m: Mixer, context: number): number {
	switch (m.kind) {
		case "attention":
			return Math.min(context, m.window ?? context);
		case "mla":
			return Math.min(context, m.indexer?.topk ?? context);
		case "compressed": {
			const compressed = m.compressRatio > 0 ? Math.ceil(context / m.compressRatio) : 0;
			return Math.min(context, m.window) + Math.min(compressed, m.indexer?.topk ?? compressed);
		}
		default:
			return 0;
	}
}

/** FLOPs per query token and attended token: scores plus values over all heads. */
function decodeWidth(m: Mixer): number {
	switch (m.kind) {
		case "attention":
			return 2 * m.heads * (m.headDim + (m.valueHeadDim ?? m.headDim));
		// Absorbed MLA: scores over the latent plus rope part, values over the latent.
		case "mla":
			return 2 * m.heads * (2 * m.kvLoraRank + m.qkRopeHeadDim);
		case "compressed":
			return 2 * m.heads * 2 * m.headDim;
		default:
			return 0;
	}
}

/** FLOPs per token that do not depend on the context: indexer scoring, recurrent state updates. */
function perTokenFlops(m: Mixer, context: number): number {
	switch (m.kind) {
		case "mla":
			return m.indexer ? 2 * m.indexer.heads * m.indexer.headDim * context : 0;
		case "compressed":
			return m.indexer && m.compressRatio > 0 ? (2 * m.indexer.heads * m.indexer.headDim * context) / m.compressRatio : 0;
		case "mamba2":
			return 6 * m.heads * m.headDim * m.stateSize;
		case "linear":
			return 6 * m.valueHeads * m.keyHeadDim * m.valueHeadDim;
		default:
			return 0;
	}
}

/** Attention FLOPs of one decode token per user, over `context` cached tokens (all heads, all layers). */
export function decodeAttentionFlops(model: Model, context: number): number {
	let sum = 0;
	for (const g of model.layers)
		sum += g.count * (decodeWidth(g.mixer) * attended(g.mixer, context) + perTokenFlops(g.mixer, context));
	return sum;
}

function prefillWidth(m: Mixer): number {
	if (m.kind === "mla") return 2 * m.heads * (MLA_PREFILL_KEY_DIM + MLA_PREFILL_VALUE_DIM);
	return decodeWidth(m);
}

/** Causal attention FLOPs of a prompt of `tokens` tokens (query-key pairs x key and value widths). */
export function prefillAttentionFlops(model: Model, tokens: number): number {
	let sum = 0;
	for (const g of model.layers) {
		const w = attended(g.mixer, tokens);
		const pairs = tokens * w - (w * w) / 2;
		sum += g.count * (prefillWidth(g.mixer) * pairs + tokens * perTokenFlops(g.mixer, tokens / 2));
	}
	return sum;
}

/**
 * What a prefill chunk adds for the `context` tokens cached before it, beyond attending to them: un-absorbed MLA
 * up-projects their latents to per-head keys and values again (kv_c x W_UK, kv_c x W_UV in vLLM's MLA
 * docstring) for every chunk after the first. Other mixers read their cached keys and values as they are.
 */
export function prefillContextFlops(model: Model, context: number): number {
	let sum = 0;
	for (const g of model.layers) {
		const m = g.mixer;
		if (m.kind !== "mla") continue;
		const nope = MLA_PREFILL_KEY_DIM - m.qkRopeHeadDim;
		sum += g.count * 2 * context * m.kvLoraRank * m.heads * (nope + MLA_PREFILL_VALUE_DIM);
	}
	return sum;
}
