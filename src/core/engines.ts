// How each engine divides a GPU's memory, per release line. All figures per GPU, in bytes.
//   vLLM 0.19 (engine-vllm.ts): KV = gpu_memory_utilization x total - weights - the profile run's torch peak
//            - non-torch memory; a request reserves its windows plus the batch's tokens.
//   SGLang 0.5 (engine-sglang.ts): KV = mem_fraction_static x (free before the weights) - weights.
//   TensorRT-LLM 0.20 (engine-trtllm.ts): KV = free_gpu_memory_fraction (0.9) x memory free after the weights and
//            a dry run at max_num_tokens (the engine runtime before 0.20 also held buffers for max_batch_size).
//   llama.cpp: no fraction; weights, the KV cache for the context asked for, and compute buffers.
//   MLX:     the same on Apple silicon: no fraction, weights + KV + the prefill step's activations
//            (mlx-lm generate_step prefill_step_size 2048) within Metal's working set.
// On unified memory (Apple silicon, Strix Halo, GB10) usableBytes is already what the GPU runtime
// may allocate (Metal's recommendedMaxWorkingSetSize, torch's total on GB10): no driver reserve.
// The rules are checked against published start-up logs in test/golden/accuracy.test.ts (docs/accuracy.md).
import type { CheckpointFormat } from "../catalog/schema.js";
import type { Gpu, Model } from "../catalog/types.js";
import { SGLANG_LINE, sglangCacheModel, sglangFraction, sglangKvBudget } from "./engine-sglang.js";
import { TRTLLM_DEFAULTS, TRTLLM_LINE, trtllmBuffers } from "./engine-trtllm.js";
import { VLLM_LINE, vllmBatchDefaults, vllmCacheModel, vllmNonTorch, vllmPeak } from "./engine-vllm.js";
import type { Parallel } from "./layout.js";
import type { EngineId } from "./types.js";
import { GiB } from "./units.js";

/** nvidia-smi total minus what cudaMemGetInfo reports (H200: 143771 MiB vs torch 139.80 GiB). */
export const DRIVER_RESERVE = 0.6 * GiB;

/**
 * The driver's reserve where engines logged the total cudaMemGetInfo gives (GiB, nvidia-smi's total less it): H100
 * 80GB 79.65 - 79.19 (vLLM 0.19 "total_memory=79.19GiB", v-llmd-*), A100 80GB 80.00 - 79.28 (vLLM 0.10: util 0.25
 * -> 0.5 added 19.82 GiB of KV, v-dl-01/02), RTX 3090 24.00 - 23.58 ("total_gpu_memory=23.58GiB", v-i10517), RTX
 * 5090 none (TensorRT-LLM "total: 31.84 GiB", t-i4275), L4 / A10 / A10G 22.49 - 22.03 (PyTorch's "total capacity
 * of 22.03 GiB"). Elsewhere DRIVER_RESERVE.
 */
const LOGGED_RESERVES: Readonly<Record<string, number>> = {
	"h100-sxm": 0.46,
	"h100-pcie": 0.46,
	"a100-80gb-sxm": 0.72,
	"a100-80gb-pcie": 0.72,
	"rtx-3090": 0.42,
	"rtx-5090": 0,
	l4: 0.46,
	a10: 0.46,
	a10g: 0.46,
};

/** What the engine sees of a GPU: the driver's total less its reserve; unified memory has none to take off. */
export function engineVisibleBytes(gpu: Gpu): number {
	if (gpu.memory.unified) return gpu.memory.usableBytes;
	const logged = LOGGED_RESERVES[gpu.id];
	return gpu.memory.usableBytes - (logged !== undefined ? logged * GiB : DRIVER_RESERVE);
}
/** CUDA context (527 MiB measured on H200) and library workspaces (0.2 GiB more in the 70B/72B headroom). */
export const RUNTIME_BYTES = 0.7 * GiB;
/** NCCL / custom all-reduce buffers when GPUs talk (aiconfigurator: 342-392 MB per GPU). */
const COMM_BYTES = 0.4 * GiB;

interface EngineSpec {
	id: EngineId;
	label: string;
	/** Name of the engine's memory knob, for notes and suggestions. */
	knob: string | null;
	/** The release line the budget rules follow; null where they follow no particular release. */
	line: string | null;
}

export const ENGINES: Record<EngineId, EngineSpec> = {
	vllm: { id: "vllm", label: "vLLM", knob: "gpu_memory_utilization", line: VLLM_LINE },
	sglang: { id: "sglang", label: "SGLang", knob: "mem_fraction_static", line: SGLANG_LINE },
	trtllm: { id: "trtllm", label: "TensorRT-LLM", knob: "free_gpu_memory_fraction", line: TRTLLM_LINE },
	llamacpp: { id: "llamacpp", label: "llama.cpp", knob: null, line: null },
	mlx: { id: "mlx", label: "MLX", knob: null, line: null },
};

/** "vllm 0.19": the engine and the release line its rules follow (null for llama.cpp and MLX). */
export function engineVersion(engine: EngineId): string | null {
	const line = ENGINES[engine].line;
	return line === null ? null : `${engine} ${line}`;
}

/** The engine's own default for its memory knob on this GPU, model and layout (null: it has none). */
function defaultFraction(engine: EngineId, gpu: Gpu, model: Model, parallel: Parallel): number | null {
	switch (engine) {
		case "vllm":
			return 0.9;
		case "sglang":
			return sglangFraction(gpu, model, parallel);
		case "trtllm":
			return 0.9;
		case "llamacpp":
		case "mlx":
			return null;
	}
}
/**
 * Peak activation memory of one forward pass on one GPU for llama.cpp (n_ubatch 512) and mlx-lm (prefill step
 * 2048): per token about six hidden-size vectors and three FFN-width vectors in 16-bit, plus FP32 logits of one
 * sequence. Checked against Transformers prefill peaks on one H200 (Llama-3.1-8B 8192 tokens: 0.98 GB measured,
 * 1.11 GB by this rule).
 */
function activationBytes(engine: "llamacpp" | "mlx", model: Model, tp: number): number {
	const tokens = engine === "llamacpp" ? 512 : 2048;
	return tokens * 2 * (6 * model.hiddenSize + (3 * model.ffnWidth) / tp) + model.vocabSize * 4;
}

/** Engine settings a start-up log may show; absent: the engine's defaults for the GPU (what `fit` answers for). */
export interface BudgetOptions {
	/** Release the rules follow ("0.11"): the current line when absent. */
	version?: string;
	/** vLLM max_num_batched_tokens, TensorRT-LLM max_num_tokens. */
	batchedTokens?: number;
	/** vLLM max_num_seqs, TensorRT-LLM max_batch_size. */
	maxSeqs?: number;
	/** max_model_len (vLLM V0 profiled it whole; TensorRT-LLM's max_seq_len). */
	maxModelLen?: number;
	/** vLLM before 0.11 sampled with FlashInfer where it was installed (the log says so). */
	flashinferSampler?: boolean;
}

export interface Budget {
	/** Memory the engine sees (the driver's total less its reserve). */
	totalPerGpu: number;
	/** What the engine may use for weights, overhead and KV. */
	capacityPerGpu: number;
	/** Inside the capacity: runtime, communication, activations, graphs, engine reserves. */
	overheadPerGpu: number;
	/** Capacity left for the KV cache (negative when the weights do not fit). */
	kvBudgetPerGpu: number;
	fraction: number | null;
	/** "vllm 0.19": the engine and release line the rules followed (null: no particular release). */
	version: string | null;
	/** Tokens one forward pass takes at most (vLLM's max_num_batched_tokens): windows reserve them too. */
	batchedTokens: number;
}

export function engineBudget(
	engine: EngineId,
	gpu: Gpu,
	model: Model,
	weights: { perGpu: number; format: CheckpointFormat },
	parallel: Parallel,
	util: number | null,
	options: BudgetOptions = {},
): Budget {
	const total = engineVisibleBytes(gpu);
	const fraction = util ?? defaultFraction(engine, gpu, model, parallel);
	const { tp, pp } = parallel;
	const weightsPerGpu = weights.perGpu;
	const line = options.version ?? ENGINES[engine].line;
	let batchedTokens = 0;
	let capacity: number;
	let overhead: number;
	switch (engine) {
		case "vllm": {
			// The CUDA context predates vLLM's memory snapshot: it sits in the (1 - utilization) slack.
			const defaults = vllmBatchDefaults(gpu);
			const version = options.version ?? VLLM_LINE;
			batchedTokens = options.batchedTokens ?? defaults.batchedTokens;
			const settings = {
				version,
				batchedTokens,
				maxSeqs: options.maxSeqs ?? defaults.maxSeqs,
				maxModelLen: options.maxModelLen ?? model.contextLength,
				flashinferSampler: options.flashinferSampler ?? false,
			};
			capacity = (fraction ?? 0.9) * total;
			overhead = vllmNonTorch(parallel, version) + vllmPeak(model, gpu, weights.format, parallel, settings);
			break;
		}
		case "sglang": {
			// Activations and graphs live in the (1 - fraction) reserve, outside the capacity.
			const f = fraction ?? 0.88;
			capacity = f * total;
			overhead = capacity - weightsPerGpu - sglangKvBudget(total, weightsPerGpu, f);
			break;
		}
		case "trtllm": {
			batchedTokens = options.batchedTokens ?? TRTLLM_DEFAULTS.maxTokens;
			const settings = {
				version: options.version ?? TRTLLM_LINE,
				maxBatch: options.maxSeqs ?? TRTLLM_DEFAULTS.maxBatch,
				maxTokens: batchedTokens,
				maxSeqLen: options.maxModelLen ?? model.contextLength,
			};
			capacity = total;
			const fixed = RUNTIME_BYTES + (tp * pp > 1 ? COMM_BYTES : 0) + trtllmBuffers(model, tp, settings);
			const free = Math.max(0, total - weightsPerGpu - fixed);
			overhead = fixed + (1 - (fraction ?? 0.9)) * free;
			break;
		}
		case "llamacpp":
		case "mlx":
			capacity = total;
			overhead = RUNTIME_BYTES + activationBytes(engine, model, tp);
			break;
	}
	return {
		totalPerGpu: total,
		capacityPerGpu: capacity,
		overheadPerGpu: overhead,
		kvBudgetPerGpu: capacity - weightsPerGpu - overhead,
		fraction,
		version: line === null ? null : `${engine} ${line}`,
		batchedTokens,
	};
}

/**
 * The model as the engine allocates its cache per request: vLLM reserves each window plus the batch's tokens and
 * pads mixed layer kinds to whole groups (engine-vllm.ts vllmCacheModel); SGLang keeps whole requests on Gemma 2/3
 * and gpt-oss windows; the others keep the windows as the model defines them.
 */
export function engineCacheModel(engine: EngineId, model: Model, budget: Budget): Model {
	if (engine === "vllm") return vllmCacheModel(model, budget.batchedTokens);
	if (engine === "sglang") return sglangCacheModel(model);
	return model;
}
