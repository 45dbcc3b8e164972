// How each engine divides a GPU's memory. All figures are per GPU, in bytes.
//   vLLM:    budget = gpu_memory_utilization x total; KV = budget - weights - activation peak
//            - non-torch memory - CUDA graphs (vllm/v1/worker/gpu_worker.py determine_available_memory).
//   SGLang:  KV = free after weights - total x (1 - mem_fraction_static): the reserve is taken from
//            the total, so activations and graphs live in that reserve.
//   TRT-LLM: KV = free_gpu_memory_fraction (0.9) x memory free after weights and activations.
//   llama.cpp: no fraction; weights, the KV cache for the context asked for, and compute buffers.
//   MLX:     the same on Apple silicon: no fraction, weights + KV + the prefill step's activations
//            (mlx-lm generate_step prefill_step_size 2048) within Metal's working set.
// On unified memory (Apple silicon, Strix Halo, GB10) usableBytes is already what the GPU runtime
// may allocate (Metal's recommendedMaxWorkingSetSize, torch's total on GB10): no driver reserve.
import type { Gpu, Model } from "../catalog/types.js";
import type { EngineId } from "./types.js";
import { GiB } from "./units.js";

/** nvidia-smi total minus what cudaMemGetInfo reports (H200: 143771 MiB vs torch 139.80 GiB). */
export const DRIVER_RESERVE = 0.6 * GiB;

/** What the engine sees of a GPU: the driver's total less its reserve; unified memory has none to take off. */
export function engineVisibleBytes(gpu: Gpu): number {
	return gpu.memory.unified ? gpu.memory.usableBytes : gpu.memory.usableBytes - DRIVER_RESERVE;
}
/** CUDA context (527 MiB measured on H200) and library workspaces (0.2 GiB more in the 70B/72B headroom). */
export const RUNTIME_BYTES = 0.7 * GiB;
/** NCCL / custom all-reduce buffers when GPUs talk (aiconfigurator: 342-392 MB per GPU). */
export const COMM_BYTES = 0.4 * GiB;
/**
 * vLLM's profiled peak (activations, sampler, CUDA graphs) as llm-d measured it on H100 at vLLM's
 * defaults for big cards (8192 batched tokens, 1024 sequences): 4.8 GiB for dense Llama, 7.38 GiB
 * for MoE; and its non-torch memory: 0.15 GiB alone, 0.6 GiB with tensor parallelism.
 */
export const VLLM_PEAK_DENSE = 4.8 * GiB;
export const VLLM_PEAK_MOE = 7.38 * GiB;
export const VLLM_NON_TORCH_TP1 = 0.15 * GiB;
export const VLLM_NON_TORCH_TPN = 0.6 * GiB;
/**
 * On cards under 70 GiB (and the A100) vLLM defaults to 2048 batched tokens and 256 sequences;
 * an RTX 3090 log shows a 2.07 GiB peak there, 0.43 of the big-card figure.
 */
export const VLLM_SMALL_DEFAULTS_SHARE = 0.43;
/**
 * Above 70 GiB the peak rises towards the big-card figure by half of each extra byte, so that
 * more memory never leaves less room (the defaults switch at once in vLLM; the answer should not).
 */
const VLLM_PEAK_RAMP = 0.5;

/** vLLM's profiled peak on one GPU: the small-card share below 70 GiB, ramping to the full figure. */
export function vllmPeak(gpu: Gpu, model: Model, total: number): number {
	const big = model.moe ? VLLM_PEAK_MOE : VLLM_PEAK_DENSE;
	const small = big * VLLM_SMALL_DEFAULTS_SHARE;
	if (gpu.id.startsWith("a100") || gpu.id.startsWith("a800")) return small;
	return Math.min(big, small + VLLM_PEAK_RAMP * Math.max(0, total - 70 * GiB));
}

export interface EngineSpec {
	id: EngineId;
	label: string;
	/** Name of the engine's memory knob, for notes and suggestions. */
	knob: string | null;
}

export const ENGINES: Record<EngineId, EngineSpec> = {
	vllm: { id: "vllm", label: "vLLM", knob: "gpu_memory_utilization" },
	sglang: { id: "sglang", label: "SGLang", knob: "mem_fraction_static" },
	trtllm: { id: "trtllm", label: "TensorRT-LLM", knob: "free_gpu_memory_fraction" },
	llamacpp: { id: "llamacpp", label: "llama.cpp", knob: null },
	mlx: { id: "mlx", label: "MLX", knob: null },
};

/** SGLang's default mem_fraction_static grows with the card (a heuristic on GPU memory). */
function sglangFraction(totalBytes: number): number {
	const g = totalBytes / GiB;
	if (g < 20) return 0.8;
	if (g < 35) return 0.82;
	if (g < 60) return 0.85;
	if (g < 100) return 0.88;
	return 0.9;
}

export function defaultFraction(engine: EngineId, gpu: Gpu): number | null {
	const total = engineVisibleBytes(gpu);
	switch (engine) {
		case "vllm":
			return 0.9;
		case "sglang":
			return sglangFraction(total);
		case "trtllm":
			return 0.9;
		case "llamacpp":
		case "mlx":
			return null;
	}
}

/** Engines that run one sequence's forward pass at a time and take no memory fraction. */
const singleStream = (engine: EngineId): boolean => engine === "llamacpp" || engine === "mlx";

/** Tokens one forward pass processes at most: TRT-LLM's max_num_tokens, llama.cpp's n_ubatch, mlx-lm's prefill step. */
function batchTokens(engine: EngineId): number {
	return engine === "llamacpp" ? 512 : engine === "mlx" ? 2048 : 8192;
}

/**
 * Peak activation memory of one forward pass on one GPU: per token about six hidden-size
 * vectors and three FFN-width vectors (the FFN split by tensor parallelism) in 16-bit, plus FP32
 * logits for the sampled sequences. Checked against Transformers prefill peaks on one H200
 * (Llama-3.1-8B 8192 tokens: 0.98 GB measured, 1.11 GB by this rule).
 */
export function activationBytes(engine: EngineId, model: Model, tp: number): number {
	const tokens = batchTokens(engine);
	const perToken = 2 * (6 * model.hiddenSize + (3 * model.ffnWidth) / tp);
	const sequences = singleStream(engine) ? 1 : 256;
	const logits = (sequences * model.vocabSize * 4) / (singleStream(engine) ? 1 : tp);
	return tokens * perToken + logits;
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
}

export function engineBudget(
	engine: EngineId,
	gpu: Gpu,
	model: Model,
	weightsPerGpu: number,
	tp: number,
	pp: number,
	util: number | null,
): Budget {
	const total = engineVisibleBytes(gpu);
	const fraction = util ?? defaultFraction(engine, gpu);
	const comm = tp * pp > 1 ? COMM_BYTES : 0;
	const act = activationBytes(engine, model, tp);
	let capacity: number;
	let overhead: number;
	switch (engine) {
		case "vllm": {
			// The CUDA context predates vLLM's memory snapshot: it sits in the (1 - utilization) slack.
			capacity = (fraction ?? 0.9) * total;
			overhead = (tp * pp > 1 ? VLLM_NON_TORCH_TPN : VLLM_NON_TORCH_TP1) + vllmPeak(gpu, model, total);
			break;
		}
		case "sglang":
			// Activations and graphs live in the (1 - fraction) reserve, outside the capacity.
			capacity = (fraction ?? 0.88) * total;
			overhead = RUNTIME_BYTES + comm;
			break;
		case "trtllm": {
			capacity = total;
			const fixed = RUNTIME_BYTES + comm + act;
			const free = Math.max(0, total - weightsPerGpu - fixed);
			overhead = fixed + (1 - (fraction ?? 0.9)) * free;
			break;
		}
		case "llamacpp":
		case "mlx":
			capacity = total;
			overhead = RUNTIME_BYTES + act;
			break;
	}
	return {
		totalPerGpu: total,
		capacityPerGpu: capacity,
		overheadPerGpu: overhead,
		kvBudgetPerGpu: capacity - weightsPerGpu - overhead,
		fraction,
	};
}
