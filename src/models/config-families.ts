// The architectures the config reader understands, each with the model_type values its configs carry and
// the rules its layer schedule follows. Anything not listed here is refused: a config of another family may
// put its caches somewhere this reader does not look.

/** How a family's decoder layers mix tokens (config-layers.ts builds the schedule from it). */
type LayerPlan =
	/** Softmax attention on every layer, full or per layer_types / the family's window rule. */
	| "attention"
	/** Llama 4: chunked local attention except on the NoPE layers (no_rope_layers). */
	| "llama4"
	/** Gemma 4: per-layer-type heads and head sizes, K = V on global layers, KV-shared tail layers. */
	| "gemma4"
	/** DeepSeek MLA, with the DSA indexer when the config has index_topk. */
	| "mla"
	/** DeepSeek-V4: sliding window plus compressed entries per compress_ratios. */
	| "deepseek-v4"
	/** Nemotron-H: hybrid_override_pattern of Mamba2, attention, MLP and MoE blocks. */
	| "nemotron-h"
	/** Qwen3-Next / Qwen3.5: Gated DeltaNet layers with a full-attention layer every full_attention_interval. */
	| "gated-deltanet"
	/** MiniMax-M3: GQA on every layer, index keys on the sparse_attention_freq layers. */
	| "minimax-m3"
	/** Kimi-Linear / Kimi-K3: KDA on the (1-indexed) kda_layers of linear_attn_config, MLA on the others. */
	| "kimi-linear";

/** Which layers run sliding-window attention when the config has no layer_types. */
type WindowRule =
	/** None: a sliding_window value is ignored unless use_sliding_window is set (Qwen), which is refused. */
	| "qwen"
	/** Every layer, when sliding_window is set (Mistral, Mixtral, Phi-3). */
	| "all"
	/** Even layers (Gemma 2). */
	| "even"
	/** All but every sliding_window_pattern-th layer (Gemma 3, default pattern 6). */
	| "pattern"
	/** layer_types is required (gpt-oss, Step-3.7). */
	| "layer-types"
	/** No sliding window in this family. */
	| "none";

export interface Family {
	modelTypes: readonly string[];
	plan: LayerPlan;
	windows: WindowRule;
	/** The MLP is up/down only (Nemotron-H's relu2), not gate/up/down. */
	ungatedMlp?: boolean;
	/** The checkpoint ships a vision encoder even when the config copy has no vision_config (Llama 4). */
	vision?: boolean;
	/**
	 * Text keys the family's transformers config class supplies when config.json leaves them out (Gemma 3's
	 * Gemma3TextConfig): filled in before reading, as transformers does when it loads the file.
	 */
	textDefaults?: Readonly<Record<string, unknown>>;
	/** tie_word_embeddings when neither the text config nor the root sets it (the config class's default). */
	tiedByDefault?: boolean;
}

const attention = (modelTypes: string[], windows: WindowRule): Family => ({ modelTypes, plan: "attention", windows });

/**
 * transformers' Gemma3TextConfig defaults (src/transformers/models/gemma3/configuration_gemma3.py, commit 008f5c8c:
 * vocab_size=262_208, num_attention_heads=8, num_key_value_heads=4, head_dim=256, max_position_embeddings=131_072,
 * sliding_window=4096, sliding_window_pattern=6, tie_word_embeddings=True). Published Gemma 3 configs such as
 * google/gemma-3-4b-it's leave these out of text_config.
 */
const GEMMA3_TEXT_DEFAULTS = {
	vocab_size: 262_208,
	hidden_size: 2304,
	intermediate_size: 9216,
	num_hidden_layers: 26,
	num_attention_heads: 8,
	num_key_value_heads: 4,
	head_dim: 256,
	max_position_embeddings: 131_072,
	sliding_window: 4096,
	sliding_window_pattern: 6,
};

/** Gemma 2 and 3 tie the LM head to the embedding unless the config says otherwise (Gemma2Config, Gemma3TextConfig: tie_word_embeddings=True). */
const gemma = (modelTypes: string[], windows: WindowRule, textDefaults?: Record<string, unknown>): Family => ({
	...attention(modelTypes, windows),
	tiedByDefault: true,
	...(textDefaults ? { textDefaults } : {}),
});

/** The allow-list, by architectures[0]. */
export const FAMILIES: Readonly<Record<string, Family>> = {
	LlamaForCausalLM: attention(["llama"], "none"),
	MistralForCausalLM: attention(["mistral"], "all"),
	// Mistral Small 3.x: a Mistral text_config beside a Pixtral vision tower (vllm/model_executor/models/mistral3.py
	// builds the language model from text_config and always loads the tower).
	Mistral3ForConditionalGeneration: attention(["mistral3"], "all"),
	MixtralForCausalLM: attention(["mixtral"], "all"),
	Phi3ForCausalLM: attention(["phi3"], "all"),
	Qwen2ForCausalLM: attention(["qwen2"], "qwen"),
	Qwen2MoeForCausalLM: attention(["qwen2_moe"], "qwen"),
	Qwen3ForCausalLM: attention(["qwen3"], "qwen"),
	Qwen3MoeForCausalLM: attention(["qwen3_moe"], "qwen"),
	Qwen3VLForConditionalGeneration: attention(["qwen3_vl"], "qwen"),
	Qwen3VLMoeForConditionalGeneration: attention(["qwen3_vl_moe"], "qwen"),
	Gemma2ForCausalLM: gemma(["gemma2"], "even"),
	Gemma3ForCausalLM: gemma(["gemma3_text"], "pattern", GEMMA3_TEXT_DEFAULTS),
	Gemma3ForConditionalGeneration: gemma(["gemma3"], "pattern", GEMMA3_TEXT_DEFAULTS),
	Glm4MoeForCausalLM: attention(["glm4_moe"], "none"),
	MiniMaxM2ForCausalLM: attention(["minimax_m2"], "none"),
	GptOssForCausalLM: attention(["gpt_oss"], "layer-types"),
	Step3p7FlashForCausalLM: attention(["step3p7"], "layer-types"),
	Llama4ForConditionalGeneration: { modelTypes: ["llama4"], plan: "llama4", windows: "none", vision: true },
	Gemma4ForConditionalGeneration: { modelTypes: ["gemma4"], plan: "gemma4", windows: "layer-types" },
	DeepseekV2ForCausalLM: { modelTypes: ["deepseek_v2"], plan: "mla", windows: "none" },
	DeepseekV3ForCausalLM: { modelTypes: ["deepseek_v3", "kimi_k2"], plan: "mla", windows: "none" },
	DeepseekV32ForCausalLM: { modelTypes: ["deepseek_v32"], plan: "mla", windows: "none" },
	GlmMoeDsaForCausalLM: { modelTypes: ["glm_moe_dsa"], plan: "mla", windows: "none" },
	KimiK25ForConditionalGeneration: { modelTypes: ["kimi_k25"], plan: "mla", windows: "none" },
	// sgl-project's FP8 re-release names its model_type deepseek_ref.
	DeepseekV4ForCausalLM: { modelTypes: ["deepseek_v4", "deepseek_ref"], plan: "deepseek-v4", windows: "none" },
	NemotronHForCausalLM: { modelTypes: ["nemotron_h"], plan: "nemotron-h", windows: "none", ungatedMlp: true },
	Qwen3NextForCausalLM: { modelTypes: ["qwen3_next"], plan: "gated-deltanet", windows: "none" },
	Qwen3_5ForConditionalGeneration: { modelTypes: ["qwen3_5"], plan: "gated-deltanet", windows: "none" },
	Qwen3_5MoeForConditionalGeneration: { modelTypes: ["qwen3_5_moe"], plan: "gated-deltanet", windows: "none" },
	// MiniMax-M3: the text checkpoint's config and the vision-language release's (text_config beside vision_config).
	MiniMaxM3ForCausalLM: { modelTypes: ["minimax_m3"], plan: "minimax-m3", windows: "none" },
	MiniMaxM3SparseForConditionalGeneration: { modelTypes: ["minimax_m3_vl"], plan: "minimax-m3", windows: "none" },
	// Kimi-Linear, and Kimi-K3 (its text_config is a KimiLinearForCausalLM beside a MoonViT vision tower).
	KimiLinearForCausalLM: { modelTypes: ["kimi_linear"], plan: "kimi-linear", windows: "none" },
	KimiK3ForConditionalGeneration: { modelTypes: ["kimi_k3"], plan: "kimi-linear", windows: "none" },
};

/** The layer_types entries the reader understands. */
const LAYER_TYPES = ["full_attention", "sliding_attention", "chunked_attention", "linear_attention"] as const;
export type LayerType = (typeof LAYER_TYPES)[number];

export const isLayerType = (v: unknown): v is LayerType =>
	typeof v === "string" && (LAYER_TYPES as readonly string[]).includes(v);
