// The grammar's own words, shared by the grammars (grammar.ts) and the reading of people's phrasings (phrasing.ts).
import type { EngineId } from "../core/types.js";

export const ENGINE_WORDS: Record<string, EngineId> = {
	vllm: "vllm",
	sglang: "sglang",
	trtllm: "trtllm",
	"trt-llm": "trtllm",
	tensorrt: "trtllm",
	"tensorrt-llm": "trtllm",
	llamacpp: "llamacpp",
	"llama.cpp": "llamacpp",
	"llama-cpp": "llamacpp",
	ollama: "llamacpp",
	mlx: "mlx",
	"mlx-lm": "mlx",
	mlx_lm: "mlx",
};

/** Keywords that take a value (`ctx 32k`), or parts (`layout tp8`, `spec mtp`). */
export const OPTION_WORDS: ReadonlySet<string> = new Set([
	"ctx",
	"context",
	"users",
	"user",
	"concurrency",
	"engine",
	"kv",
	"util",
	"layout",
	"spec",
	"prompt",
]);

/** Words that name what the GPUs are, not which: "8 H100 GPUs", "8 H20 cards". */
export const GPU_NOUNS: ReadonlySet<string> = new Set(["gpu", "gpus", "card", "cards", "accelerator", "accelerators"]);
