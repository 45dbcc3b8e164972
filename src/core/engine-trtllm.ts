// TensorRT-LLM's start-up arithmetic, release line 0.20 (the PyTorch backend, the default from 1.0). All figures per
// GPU, in bytes. Read in NVIDIA/TensorRT-LLM:
// - tensorrt_llm/_torch/pyexecutor/_util.py KvCacheCreator: a dry run at max_num_tokens measures the peak; the pool
//   is free_gpu_memory_fraction (KvCacheConfig default 0.9) x (total - peak), and max_tokens, where set, caps it.
// - cpp/tensorrt_llm/batch_manager/kvCacheManager.cpp (the TensorRT engine runtime, before 0.20): the same fraction
//   of what is free once the engine, its execution context and the runtime and decoder buffers for max_batch_size
//   are allocated ("Memory usage when calculating max tokens in paged kv cache: total, available").
// - tensorrt_llm/llmapi defaults: max_batch_size 2048, max_num_tokens 8192, max_seq_len the model's context.
// The engine runtime's buffer bytes per sequence are measured, not read: the runtime and decoder buffers TRT-LLM
// logged for Qwen2.5-Coder-0.5B on an A4000 (2.66 + 5.76 GB at the defaults, t-i1188) and what an RTX 5090 had left
// for the pool (17.83 of 31.84 GiB, t-i4275). The PyTorch backend keeps no such buffers: with max_batch_size 4096 and
// 23,552 tokens, 0.8 of what was free still exceeded a 52.5 GiB pool (t-i6294).
import type { Model } from "../catalog/types.js";

export const TRTLLM_LINE = "0.20";

interface TrtllmSettings {
	version: string;
	/** max_batch_size: the engine runtime's decoder and runtime buffers are sized for it. */
	maxBatch: number;
	/** max_num_tokens: the dry run's (or execution context's) activations. */
	maxTokens: number;
	/** max_seq_len: the engine runtime's output ids and log-probs per sequence. */
	maxSeqLen: number;
}

export const TRTLLM_DEFAULTS = { maxBatch: 2048, maxTokens: 8192 } as const;

/** Engine runtime buffers per sequence and vocabulary entry: logits, probabilities and sampling workspace. */
const BUFFER_BYTES_PER_LOGIT = 22;
/** Per sequence and position: output ids, log-probs (int32 / float32). */
const BUFFER_BYTES_PER_POSITION = 8;

/** Activations of a forward pass over `tokens` tokens: about six hidden-size and three FFN-width vectors (split by TP), 16-bit. */
function forwardPeak(model: Model, tp: number, tokens: number): number {
	return tokens * 2 * (6 * model.hiddenSize + (3 * model.ffnWidth) / tp);
}

/** Before 0.20 the TensorRT engine runtime served by default; from 0.20 the PyTorch backend. */
export function trtllmEngineRuntime(version: string): boolean {
	const [major = 0, minor = 0] = version.split(".").map(Number);
	return major === 0 && minor < 20;
}

/** What TensorRT-LLM holds beside the weights when it sizes the pool. */
export function trtllmBuffers(model: Model, tp: number, s: TrtllmSettings): number {
	const forward = forwardPeak(model, tp, s.maxTokens);
	if (!trtllmEngineRuntime(s.version)) return forward;
	const perSequence = model.vocabSize * BUFFER_BYTES_PER_LOGIT + s.maxSeqLen * BUFFER_BYTES_PER_POSITION;
	return forward + s.maxBatch * perSequence;
}
