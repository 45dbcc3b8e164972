// MiniMax-M3's schedule: GQA on every layer; the layers sparse_attention_config.sparse_attention_freq marks run
// MiniMax Sparse Attention, which adds an index-key side cache (vllm/models/minimax_m3/nvidia/model.py:
// layer_id in _sparse_attention_layer_ids(config) -> MiniMaxM3SparseAttention, else MiniMaxM3Attention).
import type { Mixer } from "../catalog/architecture.js";
import { attention, attentionShape, type Block } from "./config-attention.js";
import type { ConfigSource } from "./config-source.js";

/** A per-layer 0/1 list of at least `layers` entries; undefined (recorded) when it is not one. */
function layerFlags(s: ConfigSource, key: string, layers: number): boolean[] | undefined {
	const list = s.optList(key);
	if (list === undefined) return undefined;
	if (list.length < layers) {
		s.reject(key, `${list.length} entries for ${layers} layers`);
		return undefined;
	}
	return list.slice(0, layers).map((v, i) => {
		if (v !== 0 && v !== 1) s.rejectAt(`${key}[${i}]`, v);
		return v === 1;
	});
}

/**
 * MiniMax-M3 (model_type minimax_m3, or the minimax_m3_vl release's text_config). A sparse layer keeps the GQA
 * K/V of every layer plus one index key of sparse_index_dim per token; the engines build its index queries on the
 * KV-head sharding, so sparse_num_index_heads must equal num_key_value_heads (vLLM asserts it). The index is
 * key-only: a layer whose sparse_disable_index_value is 0 would cache index values too, which no engine reads, so
 * it is refused. moe_layer_freq, a per-layer list here, is the FFN rule (config-moe.ts).
 */
export function minimaxM3Blocks(text: ConfigSource, layers: number): Block[] {
	const shape = attentionShape(text);
	const dense = attention(shape);
	layerFlags(text, "moe_layer_freq", layers);
	// vLLM reads sparse_attention_freq alone (use_sparse_attention is not consulted); no list: no sparse layer.
	const sparse = text.child("sparse_attention_config");
	const freq = sparse ? layerFlags(sparse, "sparse_attention_freq", layers) : undefined;
	if (!sparse || !freq?.some(Boolean)) return Array.from({ length: layers }, () => ({ mixer: dense }));
	const heads = sparse.int("sparse_num_index_heads");
	if (!Number.isNaN(heads) && heads !== shape.kvHeads) sparse.reject("sparse_num_index_heads");
	const noValue = layerFlags(sparse, "sparse_disable_index_value", layers);
	freq.forEach((on, i) => {
		if (on && noValue && !noValue[i]) sparse.rejectAt(`sparse_disable_index_value[${i}]`, 0);
	});
	const indexKeys = {
		heads,
		headDim: sparse.int("sparse_index_dim"),
		topkBlocks: sparse.int("sparse_topk_blocks"),
		blockSize: sparse.int("sparse_block_size"),
	};
	const indexed: Mixer = {
		kind: "attention",
		...shape,
		keyIsValue: false,
		window: null,
		chunked: false,
		kvShared: false,
		indexKeys,
	};
	return freq.map((on) => ({ mixer: on ? indexed : dense }));
}
