// Model shapes written out from published config.json values, for formula tests that do not
// depend on the catalog files. Sources are named on each shape.
import { modelSchema } from "../src/catalog/schema.js";
import type { Model } from "../src/catalog/types.js";

const base = { source: "config.json (see test)", asOf: "2026-11-28", family: "test" };

/** meta-llama/Llama-3.1-8B config.json: 32 layers, 32 heads, 8 KV heads, head_dim 128, hidden 4096. */
export const llama31_8b: Model = modelSchema.parse({
	...base,
	id: "t-llama-3.1-8b",
	name: "Llama-3.1-8B",
	hfRepo: "meta-llama/Llama-3.1-8B",
	params: { total: 8_030_261_248, active: 8_030_261_248 },
	hiddenSize: 4096,
	ffnWidth: 14336,
	vocabSize: 128256,
	tiedEmbeddings: false,
	layers: [{ count: 32, mixer: { kind: "attention", heads: 32, kvHeads: 8, headDim: 128 } }],
	moe: null,
	contextLength: 131072,
	nativePrecision: "bf16",
	variants: [{ precision: "bf16", repo: "meta-llama/Llama-3.1-8B", ...base }],
});

/** deepseek-ai/DeepSeek-V3 config.json: 61 layers, 128 heads, kv_lora_rank 512, qk_rope_head_dim 64. */
export const deepseekV3: Model = modelSchema.parse({
	...base,
	id: "t-deepseek-v3",
	name: "DeepSeek-V3",
	hfRepo: "deepseek-ai/DeepSeek-V3",
	params: { total: 671e9, active: 37e9 },
	hiddenSize: 7168,
	ffnWidth: 2048 * 9,
	vocabSize: 129280,
	tiedEmbeddings: false,
	layers: [{ count: 61, mixer: { kind: "mla", heads: 128, kvLoraRank: 512, qkRopeHeadDim: 64 } }],
	moe: { experts: 256, sharedExperts: 1, expertsPerToken: 8 },
	contextLength: 163840,
	nativePrecision: "fp8",
	variants: [{ precision: "fp8", repo: "deepseek-ai/DeepSeek-V3", ...base }],
});

/** google/gemma-3-27b-it config.json: 62 layers (10 global, 52 sliding of 1024), 16 KV heads, head_dim 128. */
export const gemma3_27b: Model = modelSchema.parse({
	...base,
	id: "t-gemma-3-27b",
	name: "Gemma 3 27B",
	hfRepo: "google/gemma-3-27b-it",
	params: { total: 27_009_346_304, active: 27_009_346_304 },
	hiddenSize: 5376,
	ffnWidth: 21504,
	vocabSize: 262208,
	tiedEmbeddings: true,
	layers: [
		{ count: 10, mixer: { kind: "attention", heads: 32, kvHeads: 16, headDim: 128 } },
		{ count: 52, mixer: { kind: "attention", heads: 32, kvHeads: 16, headDim: 128, window: 1024 } },
	],
	moe: null,
	contextLength: 131072,
	nativePrecision: "bf16",
	variants: [{ precision: "bf16", repo: "google/gemma-3-27b-it", ...base }],
});

/** Qwen/Qwen3-30B-A3B config.json: 48 layers, 32 heads, 4 KV heads, head_dim 128, 128 experts, 8 per token. */
export const qwen3_30b_a3b: Model = modelSchema.parse({
	...base,
	id: "t-qwen3-30b-a3b",
	name: "Qwen3-30B-A3B",
	hfRepo: "Qwen/Qwen3-30B-A3B",
	params: { total: 30_532_122_624, active: 3.3e9 },
	hiddenSize: 2048,
	ffnWidth: 768 * 8,
	vocabSize: 151936,
	tiedEmbeddings: false,
	layers: [{ count: 48, mixer: { kind: "attention", heads: 32, kvHeads: 4, headDim: 128 } }],
	moe: { experts: 128, sharedExperts: 0, expertsPerToken: 8 },
	contextLength: 40960,
	nativePrecision: "bf16",
	variants: [{ precision: "bf16", repo: "Qwen/Qwen3-30B-A3B", ...base }],
});
