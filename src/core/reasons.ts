// Why an answer came out as it did, as reason codes and their facts: the core says no words. The commands
// word each code (commands/reason-words.ts): in English for the JSON contract, in the workspace's language on
// the card. Facts are figures (bytes, tokens, counts) and names (models, GPUs, engines, formats, setups).

/** Why a setup cannot run at all: the engine, the weight format or the layout, or the model's context. */
export type Blocker =
	// The engine on this GPU.
	| { code: "engine-not-on-gpu"; engine: string; gpu: string; engines: string | null }
	| { code: "engine-needs-cc"; engine: string; needs: string; gpu: string; has: string | null }
	| { code: "sglang-rocm"; gpu: string; arch: string | null }
	| { code: "sglang-gaudi" }
	| { code: "llamacpp-gaudi" }
	| { code: "nvidia-only"; engine: string; gpu: string; vendor: string }
	| { code: "apple-only"; engine: string; gpu: string; vendor: string }
	// The weight format.
	| { code: "gguf-needs-llamacpp"; format: string }
	| { code: "llamacpp-needs-gguf" }
	| { code: "kernels-need-cc"; kernels: "4-bit" | "MXFP4"; needs: string }
	| { code: "nvfp4-needs-blackwell"; gpu: string }
	// The layout.
	| { code: "layers-only"; engine: string }
	| { code: "more-gpus-than-layers"; layers: number; gpus: number }
	| { code: "stages-for-gpus"; gpus: number; stages: number; layers: number }
	| { code: "layout-not-count"; layout: string; gpus: number }
	| { code: "dp-not-dividing"; dp: number; tp: number }
	| { code: "ep-needs-moe"; model: string }
	| { code: "stages-over-layers"; stages: number; layers: number }
	| { code: "heads-not-splitting"; heads: number; gpus: number }
	// The request.
	| { code: "beyond-context"; context: number; model: string; limit: number };

/** The facts of a blocker that name the card rather than the rule: blockers of one rule group together. */
const CARD_FACTS: Partial<Record<Blocker["code"], string[]>> = {
	"engine-not-on-gpu": ["engines"],
	"engine-needs-cc": ["gpu", "has"],
	"sglang-rocm": ["gpu", "arch"],
	"nvidia-only": ["gpu", "vendor"],
	"apple-only": ["gpu", "vendor"],
	"nvfp4-needs-blackwell": ["gpu"],
};

/** The same key for blockers of the same rule ("vLLM needs compute capability 7.0"), whatever the card. */
export function blockerRule(b: Blocker): string {
	const omit = CARD_FACTS[b.code] ?? [];
	return JSON.stringify(Object.entries(b).filter(([k]) => !omit.includes(k)));
}

/** A note on a sizing: a rule that changed the answer (upcasts, replication, engine rules). */
export type Reason =
	// The engine and the weight format as run.
	| { code: "engine-not-here"; asked: string; gpu: string; chosen: string; ggufFormat: string | null; others: string[] }
	| { code: "gguf-engine"; format: string }
	| { code: "no-bf16"; gpu: string; computeCapability: string }
	| { code: "fp8-upcast"; gpu: string; moe: boolean; to: string }
	| { code: "fp8-weight-only"; gpu: string; computeIn: string }
	| { code: "int8-weight-only"; gpu: string }
	| { code: "mlx-mxfp4" }
	| { code: "mxfp4-weight-only"; gpu: string }
	// The layout.
	| { code: "llamacpp-layers"; layers: number; gpus: number }
	| { code: "fp8-blocks-experts"; expertWidth: number; ranks: number; tp: number; pp: number }
	| { code: "heads-uneven"; heads: number; gpus: number; tp: number; pp: number }
	| { code: "kv-heads-per-rank"; kvHeads: number; tp: number }
	| { code: "mla-cache-per-rank"; tp: number }
	| { code: "layout-as-asked"; layout: string }
	| { code: "dp-attention"; dp: number; attnTp: number; experts: number | null; expertsPerGpu: number | null }
	| { code: "mla-widths-estimated" }
	// The weights.
	| { code: "weights-padded"; weights: string; fileBytes: number; loadedBytes: number }
	| { code: "weights-with-mtp"; weights: string; fileBytes: number; mtpBytes: number }
	| { code: "weights-without-mtp"; weights: string; fileBytes: number; loadedBytes: number; mtpBytes: number }
	| { code: "weights-count"; vision: boolean; audio: boolean; mtpLayers: number }
	| { code: "weights-from-params"; params: number; format: string }
	// The cache and the engine's limits.
	| { code: "context-extension"; how: string; tokens: number }
	| { code: "util-ignored" }
	| { code: "kv-replicated"; times: number }
	| { code: "kv-fp8" }
	| { code: "cannot-run"; blocker: Blocker }
	| { code: "newest-release"; typed: string; name: string; others: string[] }
	| { code: "fixed-needs-exceed"; engine: string; knob: string | null; fraction: number | null }
	| { code: "vllm-max-len"; context: number; maxContext: number };

/** A setup as answers name it: its GPUs (the short name: "H200 SXM 141GB") and the nodes they span. */
export interface SetupName {
	count: number;
	gpu: string;
	nodes: number;
}

/** One setup of a recommendation as notes name it, with its price where said. */
export interface PricedSetup {
	setup: SetupName;
	/** USD per hour (rent) or in all (purchase); null: no price. */
	usd: number | null;
}

/** A weight format the search tried: "FP8", or "FP8 as published" (the model's own checkpoint). */
export interface SearchedFormat {
	format: string;
	published: boolean;
}

/** Why a recommendation came out as it did: what was sized, how it was ranked, why the others lost. */
export type RecommendReason =
	| Extract<Reason, { code: "newest-release" }>
	| { code: "beyond-context"; context: number; model: string; limit: number }
	| { code: "sized-for"; users: number; context: number; defaultContext: boolean }
	| { code: "searched"; ranked: SearchedFormat[]; traded: SearchedFormat[]; fp8KvFallback: boolean }
	| { code: "ranked-by-rent" }
	| { code: "ranked-by-purchase"; hostBaseUsd: number; hostPerGpuUsd: number }
	| {
			code: "filters";
			vendor: string | null;
			pcieOnly: boolean;
			oneNode: boolean;
			budget: { usd: number; perHour: boolean } | null;
			engine: string | null;
	  }
	/** `rule`: the first GPU's blocker; the words say only its rule (what it is about, not which card). */
	| { code: "cannot-run-here"; rule: Blocker; gpus: string[] }
	| { code: "too-small"; oneNode: boolean; nodes: number; gpus: string[] }
	| { code: "upcast"; to: string; setups: PricedSetup[]; perHour: boolean }
	| { code: "no-price"; rent: boolean; setups: SetupName[] }
	| { code: "over-budget"; setups: PricedSetup[]; perHour: boolean }
	| { code: "dearer"; setups: PricedSetup[]; perHour: boolean }
	| {
			code: "slow-prefill";
			setup: SetupName;
			promptTokens: number;
			seconds: number;
			fastest: SetupName;
			fastestSeconds: number;
			peak: { tflops: number; format: string };
			fastestPeak: { tflops: number; format: string };
	  }
	| {
			code: "host-added";
			hostBaseUsd: number;
			hostPerGpuUsd: number;
			setups: { setup: SetupName; usd: number; hostUsd: number }[];
	  }
	| { code: "quantized"; format: string; setup: PricedSetup; perHour: boolean; ask: string }
	| { code: "nothing-within-budget"; budget: { usd: number; perHour: boolean }; closest: PricedSetup[]; perHour: boolean }
	| { code: "nothing-fits"; users: number; context: number }
	| { code: "closest"; setups: { setup: SetupName; near: ClosestNear }[] };

/** How near a closest setup comes: it loads (users at the context, or one user up to a context), or why not. */
export type ClosestNear =
	| { kind: "loads"; users: number; context: number; maxContext: number }
	| { kind: "blocked"; blocker: Blocker }
	| { kind: "short" };

/** What a suggestion changes in the request. */
export type Change =
	| { code: "use-format"; format: string }
	| { code: "format-weights"; format: string }
	| { code: "util"; knob: string; util: number }
	| { code: "kv-fp8"; twice: boolean }
	| { code: "dp-attention"; dp: number }
	| { code: "engine"; engine: string; id: string }
	| { code: "fewer-users"; users: number; asked: number }
	| { code: "context"; tokens: number }
	| { code: "model-limit"; tokens: number; model: string }
	| { code: "more-gpus"; count: number; gpu: string; marginBytes: number }
	| { code: "per-replica"; count: number; gpu: string; replicas: number }
	| { code: "half-gpus"; count: number; gpu: string }
	| { code: "other-gpu"; count: number; gpu: string };

/** What the changed request comes to: its verdict and who it holds. */
export interface Outcome {
	verdict: "fits" | "tight" | "no-fit";
	/** Users it holds at the request's context (0: not one, then `maxContext` is the longest one user gets). */
	users: number;
	context: number;
	maxContext: number;
}

/** What a speed estimate had to change or leave out of the request. */
export type SpeedNote =
	| { code: "prompt-shortened"; asked: number; context: number; prompt: number }
	| { code: "spec-unknown"; method: "MTP" | "EAGLE" }
	| { code: "mtp-no-layers"; model: string }
	| { code: "spec-no-draft-head"; name: string; method: "MTP" | "EAGLE"; model: string }
	| { code: "spec-engine"; engine: string; name: string };

/** What a speed estimate assumes: the load, the constants and the speculative decoding it was made with. */
export type SpeedAssumption =
	// What every estimate assumes (compare and recommend say it once).
	| { code: "fitted-constants" }
	| { code: "workload"; promptTokens: number; outputTokens: number }
	| { code: "decode-at-context" }
	// What one estimate assumes.
	| { code: "load"; users: number; promptTokens: number; outputTokens: number; contextTokens: number }
	| {
			code: "constants";
			profiles: string[];
			version: string | null;
			memoryEfficiency: number;
			prefillEfficiency: number;
			stepOverheadMs: number;
			requestOverheadMs: number;
			/** Prompt tokens per prefill pass (the server's own budget where it was started with one). */
			prefillChunkTokens: number;
			/** Launch cost of an eager prefill pass per layer; 0: none said. */
			prefillLayerOverheadUs: number;
	  }
	| { code: "speculative"; name: string; draftTokens: number; accept: number; asked: boolean }
	| { code: "no-speculative" };
