// The decoder's layer schedule from config.json: one block per decoder layer (Nemotron-H: per pattern
// character or layers_block_type entry), each with the token mixer that decides its cache. Which keys each family uses follows the
// engines' model files (docs/cache-rules.md); MTP layers are never part of it.
import type { LayerGroup, Mixer } from "../catalog/architecture.js";
import { type AttentionShape, attention, attentionShape, type Block, layerTypes } from "./config-attention.js";
import type { Family, LayerType } from "./config-families.js";
import { gatedDeltaNetBlocks, kimiLinearBlocks, nemotronBlocks, nemotronLayers } from "./config-hybrid.js";
import type { ConfigSource } from "./config-source.js";
import { minimaxM3Blocks } from "./config-sparse.js";

export type { Block } from "./config-attention.js";

/** Which layers slide when the config has no layer_types, per the family's rule. */
function ruleTypes(text: ConfigSource, family: Family, layers: number, window: number | null): LayerType[] {
	const all = (t: LayerType) => Array.from({ length: layers }, () => t);
	switch (family.windows) {
		case "qwen":
			// Qwen configs carry a sliding_window that only applies with use_sliding_window (and max_window_layers).
			if (text.optBool("use_sliding_window")) text.reject("use_sliding_window");
			return all("full_attention");
		case "all":
			return all(window === null ? "full_attention" : "sliding_attention");
		case "even":
			return Array.from({ length: layers }, (_, i) => (i % 2 === 0 ? "sliding_attention" : "full_attention"));
		case "pattern": {
			const every = text.optInt("sliding_window_pattern") ?? 6; // Gemma 3's default
			return Array.from({ length: layers }, (_, i) => ((i + 1) % every === 0 ? "full_attention" : "sliding_attention"));
		}
		case "layer-types":
			text.reject("layer_types", undefined);
			return all("full_attention");
		case "none":
			return all("full_attention");
	}
}

function attentionBlocks(text: ConfigSource, family: Family, layers: number): Block[] {
	const shape = attentionShape(text);
	const window = text.window("sliding_window");
	const chunk = text.window("attention_chunk_size");
	const types = layerTypes(text, layers) ?? ruleTypes(text, family, layers, window);
	// Step-3.7: layers of attention_other_setting.attention_type use that setting's heads (vLLM step3p5.py).
	const other = text.child("attention_other_setting");
	const otherType = other?.optStr("attention_type");
	const otherShape: AttentionShape | undefined =
		other && otherType
			? { heads: other.int("num_attention_heads"), kvHeads: other.int("num_attention_groups"), headDim: other.int("head_dim") }
			: undefined;
	return types.map((t, i) => {
		const s = otherShape && t === otherType ? otherShape : shape;
		if (t === "linear_attention") text.rejectAt(`layer_types[${i}]`, t);
		if (t === "chunked_attention") {
			if (chunk === null) text.reject("attention_chunk_size");
			return { mixer: attention(s, chunk, true) };
		}
		return { mixer: attention(s, t === "sliding_attention" ? window : null) };
	});
}

/**
 * Llama 4: NoPE layers (no_rope_layers[i] == 0) attend globally, the others over aligned chunks of
 * attention_chunk_size (vllm/model_executor/models/llama4.py). Without no_rope_layers, transformers'
 * Llama4TextConfig default applies: every no_rope_layer_interval-th layer (default 4) is NoPE.
 */
function llama4Blocks(text: ConfigSource, layers: number): Block[] {
	const shape = attentionShape(text);
	const chunk = text.window("attention_chunk_size");
	const flags = text.optList("no_rope_layers");
	const every = text.optInt("no_rope_layer_interval") ?? 4;
	return Array.from({ length: layers }, (_, i) => {
		let rope = (i + 1) % every !== 0;
		if (flags) {
			const f = flags[i];
			if (f !== 0 && f !== 1) text.rejectAt(`no_rope_layers[${i}]`, f);
			rope = f === 1;
		}
		return { mixer: rope && chunk !== null ? attention(shape, chunk, true) : attention(shape) };
	});
}

/**
 * Gemma 4 (vllm/model_executor/models/gemma4.py): global layers use global_head_dim and, with
 * attention_k_eq_v, num_global_key_value_heads; the last num_kv_shared_layers layers reuse an earlier
 * layer's cache.
 */
function gemma4Blocks(text: ConfigSource, layers: number): Block[] {
	const shape = attentionShape(text);
	const window = text.window("sliding_window");
	const kEqV = text.optBool("attention_k_eq_v") ?? false;
	const globalDim = text.optInt("global_head_dim") ?? shape.headDim;
	const globalKv = kEqV ? (text.optInt("num_global_key_value_heads") ?? shape.kvHeads) : shape.kvHeads;
	const shared = text.optInt("num_kv_shared_layers") ?? 0;
	const types = layerTypes(text, layers);
	if (!types) text.reject("layer_types", undefined);
	return (types ?? []).map((t, i) => {
		const kvShared = i >= layers - shared;
		if (t === "full_attention") {
			const s = { heads: shape.heads, kvHeads: globalKv, headDim: globalDim };
			return { mixer: { ...attention(s), keyIsValue: kEqV, kvShared } };
		}
		if (t !== "sliding_attention") text.rejectAt(`layer_types[${i}]`, t);
		return { mixer: { ...attention(shape, window), kvShared } };
	});
}

function mlaBlocks(text: ConfigSource, layers: number): Block[] {
	// DSA when the config has index_topk (vllm deepseek_v2.py: is_v32 = hasattr(config, "index_topk")).
	const indexer = text.has("index_topk")
		? { heads: text.int("index_n_heads"), headDim: text.int("index_head_dim"), topk: text.int("index_topk") }
		: null;
	const mixer: Mixer = {
		kind: "mla",
		heads: text.int("num_attention_heads"),
		kvLoraRank: text.int("kv_lora_rank"),
		qkRopeHeadDim: text.int("qk_rope_head_dim"),
		indexer,
	};
	return Array.from({ length: layers }, () => ({ mixer }));
}

/** DeepSeek-V4: compress_ratios[i] per decoder layer (the list also covers the MTP layer, which is dropped). */
function deepseekV4Blocks(text: ConfigSource, layers: number): Block[] {
	const ratios = text.optList("compress_ratios");
	if (!ratios) text.reject("compress_ratios", undefined);
	else if (ratios.length < layers) text.reject("compress_ratios", `${ratios.length} entries for ${layers} layers`);
	const window = text.int("sliding_window");
	const base = {
		heads: text.int("num_attention_heads"),
		kvHeads: text.int("num_key_value_heads"),
		headDim: text.int("head_dim"),
	};
	const indexer = { heads: text.int("index_n_heads"), headDim: text.int("index_head_dim"), topk: text.int("index_topk") };
	return (ratios ?? []).slice(0, layers).map((r, i) => {
		const ratio = r === 0 || r === 1 || r === 4 || r === 128 ? r : Number.NaN;
		if (Number.isNaN(ratio)) text.rejectAt(`compress_ratios[${i}]`, r);
		// Only ratio-4 layers (C4A) select entries with an indexer (vllm deepseek_v4.py: compress_ratio == 4).
		const mixer: Mixer = { kind: "compressed", ...base, window, compressRatio: ratio, indexer: ratio === 4 ? indexer : null };
		return { mixer };
	});
}

/** The blocks of the decoder, in order. */
export function decoderBlocks(text: ConfigSource, family: Family): Block[] {
	const layers = family.plan === "nemotron-h" ? nemotronLayers(text) : text.int("num_hidden_layers");
	if (Number.isNaN(layers)) return [];
	switch (family.plan) {
		case "attention":
			return attentionBlocks(text, family, layers);
		case "llama4":
			return llama4Blocks(text, layers);
		case "gemma4":
			return gemma4Blocks(text, layers);
		case "mla":
			return mlaBlocks(text, layers);
		case "deepseek-v4":
			return deepseekV4Blocks(text, layers);
		case "nemotron-h":
			return nemotronBlocks(text, layers);
		case "gated-deltanet":
			return gatedDeltaNetBlocks(text, layers);
		case "minimax-m3":
			return minimaxM3Blocks(text, layers);
		case "kimi-linear":
			return kimiLinearBlocks(text, layers);
	}
}

/** Consecutive blocks with equal mixers as one group; MLP/MoE-only blocks carry no cache and are left out. */
export function groupLayers(blocks: readonly Block[]): LayerGroup[] {
	const out: LayerGroup[] = [];
	let lastKey = "";
	for (const b of blocks) {
		if (!b.mixer) continue;
		const key = JSON.stringify(b.mixer);
		const last = out.at(-1);
		if (last && key === lastKey) last.count++;
		else out.push({ count: 1, mixer: b.mixer });
		lastKey = key;
	}
	return out;
}
