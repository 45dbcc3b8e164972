// vLLM's start-up arithmetic, per release line. All figures per GPU, in bytes. Read in vllm-project/vllm:
// - vllm/v1/worker/gpu_worker.py determine_available_memory: KV = gpu_memory_utilization x total - (weights +
//   torch peak increase + non-torch increase). 0.18/0.19 log an "Estimated CUDA graph memory" but subtract it only
//   with VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS=1 (off in 0.19); 0.10/0.11 capture graphs after sizing the pool.
// - vllm/utils/mem_utils.py memory_profiling: the torch peak is allocated_bytes.all.peak during profile_run; the
//   non-torch increase is what cudaMemGetInfo lost outside torch's allocator (NCCL, custom all-reduce, cuBLAS).
// - vllm/v1/worker/gpu_model_runner.py profile_run: _dummy_run(max_num_batched_tokens) over min(max_num_seqs,
//   tokens) requests, then, on the last pipeline stage, _dummy_sampler_run on one hidden state per request.
// - vllm/engine/arg_utils.py get_batch_defaults: the API server takes 8192 batched tokens and 1024 sequences on
//   GPUs with 70 GiB or more whose name is not an A100, 2048 and 256 elsewhere.
// - vllm/model_executor/layers/fused_moe/fused_moe.py TritonExperts.workspace_shapes: (M, topk, max(N/2, K)) and
//   (M, topk, max(N, K)) in the activation dtype, N = 2 x the expert's intermediate width; the modular kernel keeps
//   them between calls, so they are still held while the sampler runs. MXFP4 experts (gpt-oss) allocate theirs
//   inside the triton_kernels call (gpt_oss_triton_kernels_moe.py) and keep none.
// - vllm/v1/kv_cache_interface.py SlidingWindowSpec / ChunkedLocalAttentionSpec max_memory_usage_bytes and
//   vllm/v1/core/kv_cache_utils.py _get_kv_cache_groups_uniform_page_size: what a request reserves (vllmCacheModel).
// The byte counts per logit and the small constant below are measured, not read: llm-d-planner's vLLM 0.15-0.19
// start-up logs on H100 (test/fixtures/accuracy, rows v-llmd-01, v-llmd-18, v-sweep-01; docs/accuracy.md).
import type { Mixer } from "../catalog/architecture.js";
import type { Gpu, Model } from "../catalog/types.js";
import type { Parallel } from "./layout.js";
import { memoPerOwner } from "./memo.js";
import { GiB } from "./units.js";

/** The release line the rules follow by default (the newest the table's logs cover). */
export const VLLM_LINE = "0.19";

/**
 * Lines whose profile differs: "v1" (0.17 on: the dummy sampler holds about 14 bytes per logit), "v1-sort" (0.8 to
 * 0.16: the sort-based top-k/top-p of vllm/v1/sample/ops/topk_topp_sampler.py held about 38, or 10 where the log
 * says "Using FlashInfer for top-p & top-k sampling"), "v0" (before 0.8: the V0 engine profiled max_model_len tokens
 * at once where chunked prefill was off, and sampled on the driver rank).
 */
type VllmLine = "v1" | "v1-sort" | "v0";

export function vllmLine(version: string): VllmLine {
	const [major = 0, minor = 0] = version.split(".").map(Number);
	if (major > 0 || minor >= 17) return "v1";
	return minor >= 8 ? "v1-sort" : "v0";
}

export interface VllmSettings {
	version: string;
	/** max_num_batched_tokens: the profile run's tokens. */
	batchedTokens: number;
	/** max_num_seqs: the dummy sampler's requests (at most one per batched token). */
	maxSeqs: number;
	/** max_model_len, which the V0 profile ran whole when chunked prefill was off. */
	maxModelLen: number;
	/** FlashInfer's top-k/top-p sampler ran the dummy sampler (the default where installed before 0.11). */
	flashinferSampler: boolean;
}

/**
 * vllm/engine/arg_utils.py get_batch_defaults, OPENAI_API_SERVER usage context (`vllm serve`): 8192 / 1024 where
 * the device's total memory is 70 GiB or more and its name has no "a100", else 2048 / 256. The card's nominal
 * capacity decides it as the total does for every card in the catalog (80 GB: 79.19 GiB; 72 GB: 67 GiB), and keeps
 * the defaults a property of the card: more usable memory never switches them (and never leaves less room).
 */
export function vllmBatchDefaults(gpu: Gpu): { batchedTokens: number; maxSeqs: number } {
	const big = gpu.memory.nominalGB * 1e9 >= 70 * GiB && !gpu.name.toLowerCase().includes("a100");
	return big ? { batchedTokens: 8192, maxSeqs: 1024 } : { batchedTokens: 2048, maxSeqs: 256 };
}

/**
 * Bytes the dummy sampler holds per logit (requests x vocabulary): 0.17 on, the bf16 logits, their fp32 copy,
 * probabilities and the exponential noise (14); before, the sort-based top-k/top-p added sorted values, int64
 * indices, a cumulative sum and a scattered copy (38); FlashInfer's sampler, logits, copy and probabilities (10).
 */
const SAMPLER_BYTES_PER_LOGIT: Record<VllmLine, number> = { v1: 14, "v1-sort": 38, v0: 38 };
const FLASHINFER_SAMPLER_BYTES_PER_LOGIT = 10;
/**
 * Data-parallel ranks with expert parallelism gather every rank's tokens before the experts (the all-gather /
 * reduce-scatter dispatch), in chunks of VLLM_FUSED_MOE_CHUNK_SIZE (vllm/envs.py, 32768 tokens).
 */
const FUSED_MOE_CHUNK = 32768;
/** What the profile holds beside activations and the sampler (0.19: Llama-3.1-8B 1.89 GiB less its sampler and hidden states). */
const PROFILE_BASE = 0.09 * GiB;
/** Activations are 16-bit. */
const ACT_BYTES = 2;

/** One expert's intermediate width: the catalog's, else the active FFN width over the experts each token uses. */
export function expertWidth(model: Model): number {
	const moe = model.moe;
	if (!moe) return 0;
	return moe.expertWidth ?? model.ffnWidth / (moe.expertsPerToken + moe.sharedExperts);
}

/** Dense FFN width each token runs: the FFN of a dense model, the shared experts of an MoE one. */
function denseWidth(model: Model): number {
	const moe = model.moe;
	return moe ? moe.sharedExperts * expertWidth(model) : model.ffnWidth;
}

/** DeepGEMM pads each local expert's rows to its 128-row blocks (deep_gemm_moe.py compute_aligned_M). */
const DEEPGEMM_BLOCK_M = 128;

/** FP8 block-quantized experts run DeepGEMM on Hopper and datacenter Blackwell (SM 9.0 / 10.x). */
function runsDeepGemm(gpu: Gpu, weights: string): boolean {
	const cc = gpu.computeCapability ?? "";
	return weights === "fp8" && (cc === "9.0" || cc.startsWith("10."));
}

/**
 * The fused-MoE workspaces kept between calls, for `tokens` tokens: (M, topk, max(N/2, K)) + (M, topk, max(N, K))
 * in the activation dtype (fused_moe.py TritonExperts.workspace_shapes); DeepGEMM's two (M_sum, max(.., K)) with
 * M_sum = M x topk + local experts x 127 (deep_gemm_moe.py DeepGemmExperts). Experts split by expert parallelism
 * keep their whole width, by tensor parallelism their share; MXFP4 experts keep none.
 */
function moeWorkspace(model: Model, gpu: Gpu, weights: string, parallel: Parallel, tokens: number): number {
	const moe = model.moe;
	if (!moe || weights === "mxfp4") return 0;
	const width = expertWidth(model) / (parallel.ep > 1 ? 1 : parallel.tp);
	const h = model.hiddenSize;
	const m = parallel.dp > 1 && parallel.ep > 1 ? Math.min(parallel.dp * tokens, FUSED_MOE_CHUNK) : tokens;
	let rows = m * moe.expertsPerToken;
	if (runsDeepGemm(gpu, weights)) {
		const localExperts = moe.experts / Math.max(parallel.ep, 1);
		rows = Math.ceil((rows + localExperts * (DEEPGEMM_BLOCK_M - 1)) / DEEPGEMM_BLOCK_M) * DEEPGEMM_BLOCK_M;
	}
	return rows * (Math.max(width, h) + Math.max(2 * width, h)) * ACT_BYTES;
}

/**
 * The torch peak of vLLM's profile run on the last pipeline stage (the stage whose budget sets the pool: the engine
 * takes the fewest blocks of any stage). The forward pass of `tokens` tokens holds about four hidden-size vectors and
 * the gate/up/activation outputs of the dense FFN per token; the sampler, afterwards, its logits for one token per
 * request and the hidden states of the whole batch. Measured on H100 at 8192 tokens / 1024 requests (0.19): Llama-3.1-8B
 * 1.89 GiB (this rule 1.89), Qwen3-8B 2.21 (2.21), Qwen2.5-72B TP2 2.29 (2.28), gemma-2-27b 3.66 (3.63), gpt-oss-20b
 * 2.87 (2.86), Mixtral TP2 1.21 (1.23), Qwen3-30B-A3B 2.68 (2.68); PP2's last stage 2.01 (2.01).
 */
export function vllmPeak(model: Model, gpu: Gpu, weights: string, parallel: Parallel, s: VllmSettings): number {
	const line = vllmLine(s.version);
	const h = model.hiddenSize;
	// V0 without chunked prefill (contexts to 32K) profiled max_model_len tokens in one pass; 256 requests.
	const tokens = line === "v0" && s.maxModelLen <= 32768 ? Math.max(s.maxModelLen, s.batchedTokens) : s.batchedTokens;
	const requests = Math.min(s.maxSeqs, tokens);
	const forward = tokens * ACT_BYTES * (4 * h + (3 * denseWidth(model)) / parallel.tp);
	const perLogit = s.flashinferSampler && line === "v1-sort" ? FLASHINFER_SAMPLER_BYTES_PER_LOGIT : SAMPLER_BYTES_PER_LOGIT[line];
	const sampler = requests * model.vocabSize * perLogit + tokens * h * ACT_BYTES;
	// Pipeline stages keep the received hidden states and residual of a full batch (IntermediateTensors).
	const stageBuffers = parallel.pp > 1 ? 2 * tokens * h * ACT_BYTES : 0;
	return PROFILE_BASE + stageBuffers + moeWorkspace(model, gpu, weights, parallel, tokens) + Math.max(forward, sampler);
}

/**
 * The non-torch increase during profiling: 0.25 GiB alone and 2.07-2.21 GiB under tensor parallelism (NCCL and
 * custom all-reduce buffers) on 0.18/0.19, 0.07 GiB with pipeline stages only; 0.13 / 0.55 GiB on 0.11-0.17.
 */
export function vllmNonTorch(parallel: Parallel, version: string): number {
	const line = vllmLine(version);
	const [major = 0, minor = 0] = version.split(".").map(Number);
	const tpRanks = parallel.tp / parallel.dp;
	const talks = tpRanks > 1 || parallel.dp > 1;
	if (major > 0 || minor >= 18) {
		// TP2 2.06-2.11 GiB, TP4 2.13-2.21 GiB in the 0.19 logs: about 0.09 GiB more per doubling.
		if (talks) return (2.08 + 0.09 * Math.log2(Math.max(2, tpRanks) / 2)) * GiB;
		return (parallel.pp > 1 ? 0.07 : 0.25) * GiB;
	}
	if (line === "v0") return (talks ? 0.25 : 0.3) * GiB;
	return (talks ? 0.55 : 0.13) * GiB;
}

/** Attention layers of one kind: what vLLM groups together (one KV cache spec). */
function specKey(m: Mixer): string | null {
	if (m.kind !== "attention" || m.kvShared) return null;
	return `${m.window ?? "full"}:${m.chunked}:${m.kvHeads}:${m.headDim}:${m.valueHeadDim ?? m.headDim}`;
}

/** Widen a windowed attention layer to what a request reserves: the window (or chunk) plus the batch's tokens. */
function reserved(m: Mixer, batchedTokens: number): Mixer {
	if (m.kind === "attention" && m.window !== null) {
		// SlidingWindowSpec: sliding_window - 1 + max_num_batched_tokens; ChunkedLocalAttentionSpec: chunk + batch.
		return { ...m, window: m.window + batchedTokens - (m.chunked ? 0 : 1) };
	}
	if (m.kind === "compressed") return { ...m, window: m.window + batchedTokens - 1 };
	return m;
}

const cacheModels = memoPerOwner<Model, number, Model>();

/**
 * The model as vLLM's v1 KV cache manager allocates it per request. A sliding-window layer reserves
 * min(window - 1 + max_num_batched_tokens, max_model_len) tokens (SlidingWindowSpec.max_memory_usage_bytes; the cap
 * is the request's own length, as spanEntries takes the smaller), a chunked-local layer its chunk plus the batch.
 * Where full and windowed attention layers mix, the hybrid allocator splits each kind into groups of the smaller
 * kind's layer count (the larger one's where they are within 25%) and pads the last group: a padding layer costs a
 * real layer's pages (Gemma-3-27B: 52 sliding layers in 6 groups of 10, 10 full: 70 layers' worth per request).
 */
export function vllmCacheModel(model: Model, batchedTokens: number): Model {
	return cacheModels(model, batchedTokens, () => {
		const layers = model.layers.map((g) => ({ count: g.count, mixer: reserved(g.mixer, batchedTokens) }));
		const kinds = new Map<string, { count: number; mixer: Mixer }>();
		for (const g of layers) {
			const key = specKey(g.mixer);
			if (key === null) continue;
			const k = kinds.get(key);
			if (k) k.count += g.count;
			else kinds.set(key, { count: g.count, mixer: g.mixer });
		}
		const attentionOnly = model.layers.every((g) => g.mixer.kind === "attention");
		if (attentionOnly && kinds.size > 1) {
			const counts = [...kinds.values()].map((k) => k.count);
			const least = Math.min(...counts);
			const most = Math.max(...counts);
			const group = most < least * 1.25 ? most : least;
			for (const k of kinds.values()) {
				const padding = (group - (k.count % group)) % group;
				if (padding > 0) layers.push({ count: padding, mixer: k.mixer });
			}
		}
		return { ...model, layers };
	});
}
