// Speed estimates: decode tokens per second from memory bandwidth, time to first token from compute
// throughput, both with stated efficiency factors. Pure; the checks against published benchmarks
// live in test/core/speed.test.ts with their sources.
//
// A decode step (every running user gets one token) costs the larger of
//   memory:  weights read (MoE: the experts the batch touches) + every user's KV cache, over the
//            bandwidth of one tensor-parallel group (pipeline stages take turns)
//   compute: matrix multiplies, at least a tensor-core tile of rows each, plus attention over the cache
// and a fixed latency per layer (kernel launches, MoE routing, all-reduces) that bandwidth cannot hide.
// A prefill is the same sum with the prompt's tokens as rows: compute-bound beyond a few hundred tokens.
import type { CheckpointFormat } from "../catalog/schema.js";
import type { Gpu, Model } from "../catalog/types.js";
import { decodeAttentionFlops, prefillAttentionFlops } from "./attention-flops.js";
import { FORMATS, KV_BYTES } from "./formats.js";
import { sixteenBit } from "./hardware.js";
import { requestBytesPerGpu, totalLayers } from "./kv.js";
import type { EngineId, Sizing } from "./types.js";
import { type MoeSplit, moeSplit } from "./weight-split.js";
import { weightBytes } from "./weights.js";

/** Share of peak HBM bandwidth decode kernels reach (vLLM, Llama-3.1-8B on one A100: 77%). */
export const MEMORY_EFFICIENCY = 0.75;
/** Share of dense peak tensor throughput engine kernels reach (model FLOPs utilisation). */
export const COMPUTE_EFFICIENCY = 0.6;
/**
 * Rows a tensor-core GEMM computes at the least: engines pad a small decode batch to a 64-row tile,
 * so a card with little compute per byte (H20) is compute-bound even for one user. llama.cpp runs
 * batch-1 decode through matrix-vector kernels instead.
 */
export const MIN_GEMM_ROWS = 64;
/** Fixed time per layer and decode step: norms, projections, attention as ~10 kernels under CUDA graphs. */
export const LAYER_LATENCY_S = 15e-6;
/** MoE layers add routing, top-k and the grouped expert kernels. */
export const MOE_LAYER_LATENCY_S = 60e-6;
/** One small all-reduce over NVLink/xGMI; two per layer under tensor parallelism. */
export const ALLREDUCE_FABRIC_S = 10e-6;
/** The same over PCIe, where cards have no switch fabric. */
export const ALLREDUCE_PCIE_S = 30e-6;
/** Handing activations from one pipeline stage to the next. */
export const PIPELINE_HOP_S = 30e-6;
/** Prompt length the time to first token is quoted for. */
export const TTFT_PROMPT_TOKENS = 4096;

export interface Parallelism {
	engine: EngineId;
	tp: number;
	pp: number;
}

/** What the matrix multiplies run in. */
export type ComputeKind = "fp8" | "int8" | "fp4" | "bf16" | "fp16" | "tf32";

/** The precision a run computes in: FP8/INT8/FP4 where the card has the units, else its 16-bit format. */
export function computeFormat(gpu: Gpu, weights: CheckpointFormat): ComputeKind {
	const has = (f: string) => (gpu.nativeFormats as string[]).includes(f);
	switch (FORMATS[weights].compute) {
		case "fp8":
			if (has("fp8") && gpu.tflops.fp8 !== null) return "fp8";
			break;
		case "int8":
			if (!FORMATS[weights].gguf && has("int8") && gpu.tflops.int8 !== null) return "int8";
			break;
		case "nvfp4":
		case "mxfp4":
			if ((has("nvfp4") || has("mxfp4")) && gpu.tflops.fp4 !== null) return "fp4";
			break;
		case "fp32":
			return "tf32";
	}
	return sixteenBit(gpu);
}

/** Dense peak TFLOP/s for a compute format (TF32 at half the 16-bit rate). */
export function peakTflops(gpu: Gpu, format: ComputeKind): number {
	const t = gpu.tflops;
	const sixteen = (sixteenBit(gpu) === "bf16" ? t.bf16 : t.fp16) ?? t.fp16 ?? t.bf16 ?? 1;
	switch (format) {
		case "fp8":
			return t.fp8 ?? sixteen;
		case "int8":
			return t.int8 ?? sixteen;
		case "fp4":
			return t.fp4 ?? sixteen;
		case "tf32":
			return sixteen / 2;
		default:
			return sixteen;
	}
}

/** Expected routed experts a batch of `tokens` touches per layer: E x (1 - (1 - k/E)^tokens). */
function expertsTouched(split: MoeSplit, tokens: number): number {
	return split.experts * (1 - (1 - split.perToken / split.experts) ** tokens);
}

/** Parameters read in one forward pass over `tokens` tokens (the input embedding is a lookup, not a read). */
function paramsRead(model: Model, tokens: number): number {
	const lookup = model.tiedEmbeddings ? 0 : model.vocabSize * model.hiddenSize;
	const split = moeSplit(model);
	const used = split ? split.dense + expertsTouched(split, tokens) * split.expert : model.params.total;
	return Math.max(0, used - lookup);
}

/** Matrix-multiply FLOPs of a forward pass over `tokens` tokens, each GEMM padded to `minRows` rows. */
function gemmFlops(model: Model, tokens: number, minRows: number): number {
	const split = moeSplit(model);
	if (!split) return 2 * model.params.total * Math.max(tokens, minRows);
	const touched = expertsTouched(split, tokens);
	return 2 * (split.dense * Math.max(tokens, minRows) + split.expert * Math.max(tokens * split.perToken, touched * minRows));
}

function bytesPerParam(model: Model, weights: CheckpointFormat): number {
	return weightBytes(model, weights).bytes / model.params.total;
}

/** Fixed latency of one forward pass: per layer, plus all-reduces and pipeline hand-offs. */
function passLatency(model: Model, gpu: Gpu, p: Parallelism): number {
	const allReduce = p.tp > 1 ? 2 * (gpu.formFactor === "pcie" ? ALLREDUCE_PCIE_S : ALLREDUCE_FABRIC_S) : 0;
	const perLayer = LAYER_LATENCY_S + (model.moe ? MOE_LAYER_LATENCY_S : 0) + allReduce;
	return totalLayers(model) * perLayer + (p.pp - 1) * PIPELINE_HOP_S;
}

export interface StepTime {
	seconds: number;
	bound: "memory" | "compute";
}

/**
 * One decode step for `users` users whose caches hold `context` tokens each: every user gets one token.
 * Pipeline stages run one after another for a token, so a step reads the whole replica through one
 * tensor-parallel group's bandwidth.
 */
export function decodeStep(
	model: Model,
	gpu: Gpu,
	weights: CheckpointFormat,
	kvBytes: number,
	p: Parallelism,
	users: number,
	context: number,
): StepTime {
	const bandwidth = gpu.bandwidthTBps * 1e12 * MEMORY_EFFICIENCY;
	const weightBytesRead = paramsRead(model, users) * bytesPerParam(model, weights);
	const kvRead = users * requestBytesPerGpu(model, context, p.tp, p.pp, kvBytes) * p.pp;
	const memory = (weightBytesRead / p.tp + kvRead) / bandwidth;
	const minRows = p.engine === "llamacpp" ? 1 : MIN_GEMM_ROWS;
	const gemm = gemmFlops(model, users, minRows) / p.tp / (peakTflops(gpu, computeFormat(gpu, weights)) * 1e12);
	const attention = (users * decodeAttentionFlops(model, context)) / p.tp / (peakTflops(gpu, sixteenBit(gpu)) * 1e12);
	const compute = (gemm + attention) / COMPUTE_EFFICIENCY;
	return {
		seconds: Math.max(memory, compute) + passLatency(model, gpu, p),
		bound: compute > memory ? "compute" : "memory",
	};
}

/** Time to the first token of a `tokens`-token prompt, GPUs otherwise idle. */
export function prefillSeconds(model: Model, gpu: Gpu, weights: CheckpointFormat, p: Parallelism, tokens: number): number {
	const gemm = gemmFlops(model, tokens, 1) / p.tp / (peakTflops(gpu, computeFormat(gpu, weights)) * 1e12);
	const attention = prefillAttentionFlops(model, tokens) / p.tp / (peakTflops(gpu, sixteenBit(gpu)) * 1e12);
	const compute = (gemm + attention) / COMPUTE_EFFICIENCY;
	const memory =
		(paramsRead(model, tokens) * bytesPerParam(model, weights)) / p.tp / (gpu.bandwidthTBps * 1e12 * MEMORY_EFFICIENCY);
	return Math.max(compute, memory) + passLatency(model, gpu, p);
}

export interface SpeedEstimate {
	/** Always true: these figures come from a roofline model, not a measurement. */
	estimate: true;
	users: number;
	/** Tokens each user's cache holds while decoding (the request's context). */
	contextTokens: number;
	decodeTokensPerSecondPerUser: number;
	decodeTokensPerSecondTotal: number;
	/** Which roofline term set the decode step. */
	decodeBound: "memory" | "compute";
	promptTokens: number;
	/** Seconds to the first token of a TTFT_PROMPT_TOKENS prompt with the GPUs otherwise idle. */
	ttftSeconds: number;
	/** The format the matrix multiplies run in (an upcast model computes in 16-bit). */
	computeFormat: ComputeKind;
	/** Rental cost per million output tokens at this load, where a rental price is known. */
	usdPerMillionOutputTokens: number | null;
	assumptions: string[];
}

export const SPEED_ASSUMPTIONS = [
	`${MEMORY_EFFICIENCY * 100}% of peak memory bandwidth in decode`,
	`${COMPUTE_EFFICIENCY * 100}% of dense peak TFLOP/s, GEMMs padded to ${MIN_GEMM_ROWS} rows (not on llama.cpp)`,
	`${LAYER_LATENCY_S * 1e6} µs per layer and step (+${MOE_LAYER_LATENCY_S * 1e6} µs MoE, +2 all-reduces under tensor parallelism)`,
	"no speculative decoding, prefix caching or expert parallelism",
];

/**
 * Speed of a sized setup at its users and context. A tight setup is estimated at the load that fits;
 * null when it does not run at all.
 */
export function estimateSpeed(s: Sizing): SpeedEstimate | null {
	if (s.verdict === "no-fit") return null;
	const fitsAsked = s.verdict === "fits";
	const users = fitsAsked ? s.users : Math.max(1, Math.min(s.users, s.limits.maxUsersAtContext));
	const context = fitsAsked || s.limits.maxUsersAtContext >= 1 ? s.context : s.limits.maxContext;
	const { model, gpu } = s.request;
	const p: Parallelism = { engine: s.engine, ...s.layout };
	const step = decodeStep(model, gpu, s.precision.weights, KV_BYTES[s.precision.kvCache], p, users, context);
	const total = users / step.seconds;
	const hourly = s.cost.hourlyUsd;
	return {
		estimate: true,
		users,
		contextTokens: context,
		decodeTokensPerSecondPerUser: 1 / step.seconds,
		decodeTokensPerSecondTotal: total,
		decodeBound: step.bound,
		promptTokens: TTFT_PROMPT_TOKENS,
		ttftSeconds: prefillSeconds(model, gpu, s.precision.weights, p, TTFT_PROMPT_TOKENS),
		computeFormat: computeFormat(gpu, s.precision.weights),
		usdPerMillionOutputTokens: hourly !== null ? (hourly / (total * 3600)) * 1e6 : null,
		assumptions: SPEED_ASSUMPTIONS,
	};
}
