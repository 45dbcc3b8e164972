// The engines' budget rules, piece by piece, against the figures the engines logged (test/fixtures/accuracy rows
// named in each case) and the source rules they follow. The whole rows: test/golden/accuracy.test.ts.
import { describe, expect, it } from "vitest";
import type { Model } from "../../src/catalog/types.js";
import { sglangFraction, sglangKvBudget } from "../../src/core/engine-sglang.js";
import { trtllmBuffers, trtllmEngineRuntime } from "../../src/core/engine-trtllm.js";
import {
	type VllmSettings,
	vllmBatchDefaults,
	vllmCacheModel,
	vllmLine,
	vllmNonTorch,
	vllmPeak,
} from "../../src/core/engine-vllm.js";
import { engineBudget, engineCacheModel, engineVersion, engineVisibleBytes } from "../../src/core/engines.js";
import { requestBytesPerGpu, tokenBytesPerRank } from "../../src/core/kv.js";
import type { Parallel } from "../../src/core/layout.js";
import { fitJson, repoCatalog } from "../support/catalog.js";

const GiB = 2 ** 30;
const catalog = repoCatalog();
const model = (id: string): Model => {
	const m = catalog.models.find((x) => x.id === id);
	if (!m) throw new Error(`no model ${id}`);
	return m;
};
const gpu = (id: string) => {
	const g = catalog.gpus.find((x) => x.id === id);
	if (!g) throw new Error(`no GPU ${id}`);
	return g;
};
const layout = (tp: number, pp = 1): Parallel => ({ tp, pp, dp: 1, ep: 1 });
/** vLLM 0.19 on an H100 at `vllm serve`'s defaults there. */
const h100 = (version = "0.19"): VllmSettings => ({
	version,
	batchedTokens: 8192,
	maxSeqs: 1024,
	maxModelLen: 8192,
	flashinferSampler: false,
});
/** Within `tol` GiB. */
const near = (value: number, expected: number, tol = 0.08) => expect(Math.abs(value - expected)).toBeLessThanOrEqual(tol);
const peakGiB = (id: string, weights: string, p: Parallel, s = h100()) =>
	vllmPeak(model(id), gpu("h100-sxm"), weights, p, s) / GiB;

describe("vLLM: defaults by card (vllm/engine/arg_utils.py get_batch_defaults)", () => {
	it("8192 batched tokens and 1024 sequences at 70 GiB and more, unless the name says A100; else 2048 and 256", () => {
		expect(vllmBatchDefaults(gpu("h100-sxm"))).toEqual({ batchedTokens: 8192, maxSeqs: 1024 });
		expect(vllmBatchDefaults(gpu("h20"))).toEqual({ batchedTokens: 8192, maxSeqs: 1024 });
		expect(vllmBatchDefaults(gpu("a800-80gb"))).toEqual({ batchedTokens: 8192, maxSeqs: 1024 });
		expect(vllmBatchDefaults(gpu("a100-80gb-sxm"))).toEqual({ batchedTokens: 2048, maxSeqs: 256 });
		expect(vllmBatchDefaults(gpu("l40s"))).toEqual({ batchedTokens: 2048, maxSeqs: 256 });
		expect(vllmBatchDefaults(gpu("rtx-4090"))).toEqual({ batchedTokens: 2048, maxSeqs: 256 });
	});

	it("what vLLM sees: H100 79.19 GiB, H200 139.80 GiB (cudaMemGetInfo's totals in the logs)", () => {
		expect(engineVisibleBytes(gpu("h100-sxm")) / GiB).toBeCloseTo(79.19, 2);
		expect(engineVisibleBytes(gpu("h200-sxm")) / GiB).toBeCloseTo(139.8, 1);
	});
});

describe("vLLM: the profiled torch peak by release line", () => {
	it("0.17 on: follows the vocabulary (the dummy sampler), not TP (v-llmd-01..03, 18, 09, 10, 11, 13, 14)", () => {
		near(peakGiB("llama-3.1-8b", "bf16", layout(1)), 1.89);
		near(peakGiB("llama-3.1-8b", "bf16", layout(4)), 1.89);
		near(peakGiB("qwen3-8b", "bf16", layout(1)), 2.21);
		near(peakGiB("qwen2.5-72b", "bf16", layout(2)), 2.29);
		near(peakGiB("gpt-oss-20b", "mxfp4", layout(1)), 2.87);
		// MoE: the fused-MoE workspaces stay allocated while the sampler runs.
		near(peakGiB("mixtral-8x7b", "bf16", layout(2)), 1.21);
		near(peakGiB("qwen3-30b-a3b", "bf16", layout(1)), 2.68);
	});

	it("the last pipeline stage adds the received hidden states and residual: 2.01 GiB on PP2 (v-llmd-04)", () => {
		near(peakGiB("llama-3.1-8b", "bf16", layout(1, 2)), 2.01);
	});

	it("0.8 to 0.16: the sort-based sampler held about 2.6x more (Qwen3-14B 5.64 GiB on 0.15/0.16, 2.23 on 0.17/0.18)", () => {
		expect(vllmLine("0.16")).toBe("v1-sort");
		expect(vllmLine("0.17")).toBe("v1");
		expect(vllmLine("0.6")).toBe("v0");
		near(peakGiB("qwen3-14b", "bf16", layout(1), h100("0.15")), 5.64);
		near(peakGiB("qwen3-14b", "bf16", layout(1), h100("0.17")), 2.23);
		// 0.11: gpt-oss-20b 7.38 GiB, Qwen3-32B 5.64 GiB, Llama-3.3-70B FP8 4.84 GiB (v-lld-*).
		near(peakGiB("gpt-oss-20b", "mxfp4", layout(1), h100("0.11")), 7.38);
		near(peakGiB("qwen3-32b", "bf16", layout(1), h100("0.11")), 5.64);
		near(peakGiB("llama-3.3-70b", "fp8", layout(1), h100("0.11")), 4.84);
	});

	it("with FlashInfer's sampler (0.10, where installed) the sampler is small: Qwen2-7B at 256 requests ~0.4 GiB (v-dl-01/02)", () => {
		const s = { ...h100("0.10"), batchedTokens: 2048, maxSeqs: 256, flashinferSampler: true };
		const peak = vllmPeak(model("qwen2.5-7b"), gpu("a100-80gb-sxm"), "bf16", layout(1), s) / GiB;
		expect(peak).toBeGreaterThan(0.3);
		expect(peak).toBeLessThan(0.5);
	});

	it("FP8 block-quantized experts on Hopper run DeepGEMM, whose workspace pads every local expert to 128 rows", () => {
		const r1 = model("deepseek-r1");
		const s = h100();
		const hopper = vllmPeak(r1, gpu("h200-sxm"), "fp8", layout(8), s);
		const ampere = vllmPeak(r1, gpu("a100-80gb-sxm"), "fp8", layout(8), s);
		// 256 experts x 127 padding rows x (7168 + 7168) x 2 B = 0.87 GiB more.
		expect((hopper - ampere) / GiB).toBeCloseTo((256 * 127 * 14336 * 2) / GiB, 1);
	});
});

describe("vLLM: non-torch memory (NCCL and custom all-reduce buffers)", () => {
	it("0.19: 0.25 GiB alone, ~2.1 GiB under TP, 0.07 GiB with pipeline stages only; 0.11: 0.13 / 0.55 GiB", () => {
		expect(vllmNonTorch(layout(1), "0.19") / GiB).toBeCloseTo(0.25, 2);
		expect(vllmNonTorch(layout(2), "0.19") / GiB).toBeCloseTo(2.08, 2);
		expect(vllmNonTorch(layout(4), "0.19") / GiB).toBeCloseTo(2.17, 2);
		expect(vllmNonTorch(layout(1, 2), "0.19") / GiB).toBeCloseTo(0.07, 2);
		expect(vllmNonTorch(layout(1), "0.11") / GiB).toBeCloseTo(0.13, 2);
		expect(vllmNonTorch(layout(2), "0.11") / GiB).toBeCloseTo(0.55, 2);
	});

	it("the budget: 0.95 x 79.19 - (14.96 + 1.89 + 0.25) = 58.1 GiB for Llama-3.1-8B (logged 58.11, v-llmd-01)", () => {
		const m = model("llama-3.1-8b");
		const b = engineBudget("vllm", gpu("h100-sxm"), m, { perGpu: 16_060_522_496, format: "bf16" }, layout(1), 0.95);
		expect(b.kvBudgetPerGpu / GiB).toBeCloseTo(58.11, 1);
		expect(b.version).toBe("vllm 0.19");
	});
});

describe("vLLM: what a request reserves (kv_cache_interface.py, kv_cache_utils.py)", () => {
	it("a sliding-window layer reserves its window plus the batch's tokens, up to max_model_len", () => {
		const oss = model("gpt-oss-20b");
		const cached = vllmCacheModel(oss, 8192);
		const layerToken = 8 * 64 * 2 * 2; // 8 KV heads x 64 x K and V x 2 B
		// At 4096 tokens the 12 window layers (128 + 8191 reserved) hold the whole request, like the 12 full ones.
		expect(requestBytesPerGpu(cached, 4096, 1, 1, 2)).toBe(24 * 4096 * layerToken);
		// At 32768 they hold 128 - 1 + 8192 = 8319 tokens each.
		expect(requestBytesPerGpu(cached, 32768, 1, 1, 2)).toBe((12 * 32768 + 12 * 8319) * layerToken);
		// Without the batch (the model as defined) they would hold 128.
		expect(requestBytesPerGpu(oss, 32768, 1, 1, 2)).toBe((12 * 32768 + 12 * 128) * layerToken);
	});

	it("Gemma-3-27B: 52 sliding layers in 6 groups of 10 beside 10 full ones, so a request costs 70 layers' pages", () => {
		const gemma = model("gemma-3-27b");
		const cached = vllmCacheModel(gemma, 8192);
		const layerToken = 16 * 128 * 2 * 2;
		expect(requestBytesPerGpu(cached, 8192, 1, 1, 2)).toBe(70 * 8192 * layerToken);
		// 19.53 GiB of pool (v-llmd-15): 4.46 requests of 8192 ("Maximum concurrency ... 4.46x").
		expect((19.53 * GiB) / requestBytesPerGpu(cached, 8192, 1, 1, 2)).toBeCloseTo(4.46, 2);
		// "GPU KV cache size: 36,560 tokens": the pool over 70 layers' bytes per token.
		const everyToken = 70 * layerToken;
		expect(Math.abs((19.53 * GiB) / everyToken - 36_560) / 36_560).toBeLessThan(0.005);
		expect(tokenBytesPerRank(cached, 1, 2)).toBe(10 * layerToken);
	});

	it("fit answers users at a context with the reservation: Gemma-3-27B at 8K on one H100 holds 4 (windows alone: 19)", () => {
		const j = fitJson("gemma-3-27b on 1x h100 ctx 8k util 0.95");
		expect(j.limits.maxUsersAtContext).toBe(4);
	});

	it("SGLang keeps whole requests on Gemma and gpt-oss windows (disable_hybrid_swa_memory); TensorRT-LLM the window", () => {
		const gemma = model("gemma-3-27b");
		const b = engineBudget("sglang", gpu("h100-sxm"), gemma, { perGpu: 50 * GiB, format: "bf16" }, layout(1), null);
		expect(requestBytesPerGpu(engineCacheModel("sglang", gemma, b), 8192, 1, 1, 2)).toBe(62 * 8192 * 16 * 128 * 2 * 2);
		const t = engineBudget("trtllm", gpu("h100-sxm"), gemma, { perGpu: 50 * GiB, format: "bf16" }, layout(1), null);
		expect(engineCacheModel("trtllm", gemma, t)).toBe(gemma);
	});
});

describe("SGLang: mem_fraction_static and the pool", () => {
	it("the 0.5 heuristic (server_args.py): (gpu_mem - reserved) / gpu_mem, rounded to 3 places", () => {
		// H100, TP1: 512 + 8192 x 1.5 + 256 x 2 + 1/8 x 1024 = 13,440 MiB of 81,559.
		expect(sglangFraction(gpu("h100-sxm"), model("llama-3.1-8b"), layout(1))).toBe(0.835);
		// 8x B200 with DP attention: 16K chunks, 512 graphs, x8 ranks: 45,568 MiB reserved.
		const b200 = gpu("b200");
		const mib = b200.memory.usableBytes / 2 ** 20;
		const dp = sglangFraction(b200, model("deepseek-v3.2"), { tp: 8, pp: 1, dp: 8, ep: 1 });
		expect(dp).toBe(Math.round(((mib - 45_568) / mib) * 1000) / 1000);
		// A multimodal checkpoint gives 5% more to its vision encoder (adjust_mem_fraction_for_vlm).
		expect(sglangFraction(gpu("h100-sxm"), model("kimi-k2.5"), layout(1))).toBeCloseTo(0.835 * 0.95, 6);
	});

	it("the pool: mem_fraction_static x (free before the weights) - weights (QwQ-32B on 4x L4: 2.84 GiB, s-qwq-l4)", () => {
		// With the logged 15.54 GiB of weights per GPU and 21.63 GiB free before them.
		expect(sglangKvBudget(engineVisibleBytes(gpu("l4")), 15.54 * GiB, 0.85) / GiB).toBeCloseTo(2.84, 1);
	});
});

describe("TensorRT-LLM: what is held before the fraction", () => {
	it("the engine runtime (before 0.20) sizes decoder buffers for max_batch_size; the PyTorch backend does not", () => {
		expect(trtllmEngineRuntime("0.19")).toBe(true);
		expect(trtllmEngineRuntime("0.20")).toBe(false);
		expect(trtllmEngineRuntime("1.0")).toBe(false);
		const m = model("llama-3.1-8b");
		const settings = { maxBatch: 2048, maxTokens: 1024, maxSeqLen: 2048 };
		const engine = trtllmBuffers(m, 1, { ...settings, version: "0.19" });
		const torch = trtllmBuffers(m, 1, { ...settings, version: "0.20" });
		expect((engine - torch) / GiB).toBeGreaterThan(4);
		expect(torch / GiB).toBeLessThan(0.2);
	});

	it("RTX 5090, Llama-3.1-8B FP8 engine: 0.9 x 17.83 GiB free = 16.05 GiB (t-i4275), within 0.7 GiB", () => {
		const b = engineBudget(
			"trtllm",
			gpu("rtx-5090"),
			model("llama-3.1-8b"),
			{ perGpu: 8.46 * GiB, format: "fp8" },
			layout(1),
			0.9,
			{ version: "0.19", maxSeqs: 2048, batchedTokens: 1024, maxModelLen: 2048 },
		);
		expect(Math.abs(b.kvBudgetPerGpu / GiB - 16.05)).toBeLessThan(0.7);
	});
});

describe("the release line in the answer", () => {
	it("fit --json says which engine release the memory rules follow, and the card's Runs as line too", () => {
		expect(engineVersion("vllm")).toBe("vllm 0.19");
		expect(engineVersion("sglang")).toBe("sglang 0.5");
		expect(engineVersion("trtllm")).toBe("trtllm 0.20");
		expect(engineVersion("llamacpp")).toBeNull();
		expect(fitJson("llama-3.1-8b on 1x h100").engineVersion).toBe("vllm 0.19");
		expect(fitJson("llama-3.1-8b on 1x h100 engine sglang").engineVersion).toBe("sglang 0.5");
		expect(fitJson("llama-3.1-8b q4_k_m on 1x rtx-4090").engineVersion).toBeNull();
	});
});
