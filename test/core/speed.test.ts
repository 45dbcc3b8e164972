// The speed model against published measurements. Each case names its source and the band the
// estimate must fall in; the measured figure is the source's, and any conversion is written out.
// Two cases calibrate a factor (said so); every other case is a check of the same constants.
import { describe, expect, it } from "vitest";
import type { CheckpointFormat } from "../../src/catalog/schema.js";
import { size } from "../../src/core/size.js";
import {
	COMPUTE_EFFICIENCY,
	decodeStep,
	estimateSpeed,
	MEMORY_EFFICIENCY,
	MIN_GEMM_ROWS,
	type Parallelism,
	prefillSeconds,
	TTFT_PROMPT_TOKENS,
} from "../../src/core/speed.js";
import { repoCatalog } from "../support/catalog.js";

const catalog = repoCatalog();
const model = (id: string) => catalog.models.find((m) => m.id === id)!;
const gpu = (id: string) => catalog.gpus.find((g) => g.id === id)!;
const BF16_KV = 2;

/** estimate / measured within 1 ± band. */
function expectWithin(estimate: number, measured: number, band: number): void {
	expect(estimate / measured).toBeGreaterThan(1 - band);
	expect(estimate / measured).toBeLessThan(1 + band);
}

/** Output tokens per second of one user, and of all users, decoding together. */
function decode(m: string, g: string, w: CheckpointFormat, p: Parallelism, users: number, context: number) {
	const step = decodeStep(model(m), gpu(g), w, BF16_KV, p, users, context);
	return { perUser: 1 / step.seconds, total: users / step.seconds, stepMs: step.seconds * 1000, bound: step.bound };
}

/**
 * [QW3] QwenLM/Qwen3 docs/source/getting_started/speed_benchmark.md (the copy stored under
 * QwenLM/Qwen2.5 @ac727245): NVIDIA H20 96GB, SGLang 0.4.6.post1, batch size 1, 2048 generated
 * tokens; "Speed = (prompt tokens + generated tokens) / time". So the run takes one prefill of the
 * prompt plus 2048 decode steps, whose caches hold on average prompt + 1024 tokens.
 */
function qw3Speed(m: string, w: CheckpointFormat, tp: number, prompt: number): number {
	const p: Parallelism = { engine: "sglang", tp, pp: 1 };
	const step = decodeStep(model(m), gpu("h20"), w, BF16_KV, p, 1, prompt + 1024).seconds;
	return (prompt + 2048) / (prefillSeconds(model(m), gpu("h20"), w, p, prompt) + 2048 * step);
}

describe("calibration: the two factors set from one measurement each", () => {
	it(`memory efficiency ${MEMORY_EFFICIENCY}: Llama-3.1-8B BF16 on one A100 40GB decodes ~75 tok/s (vLLM 0.23)`, () => {
		// johnmusgrave.com/p/vllm-throughput-latency-sweep-on: "decode at one request per time runs at about
		// 75 tokens/sec, roughly 77% of the GPU's memory-bandwidth ceiling" (1024 in, 128 out: cache ~1.1K).
		expectWithin(decode("llama-3.1-8b", "a100-40gb-sxm", "bf16", { engine: "vllm", tp: 1, pp: 1 }, 1, 1088).perUser, 75, 0.1);
	});

	it(`GEMM tile of ${MIN_GEMM_ROWS} rows at ${COMPUTE_EFFICIENCY} of peak: Qwen3-32B BF16 on one H20 at batch 1 [QW3] 20.72 tok/s`, () => {
		// 65.5 GB of weights over 4.0 TB/s would allow ~46 tok/s; the H20 measures 20.72: its 148 TFLOP/s
		// BF16, not its bandwidth, sets the pace even for one user.
		expectWithin(qw3Speed("qwen3-32b", "bf16", 1, 1), 20.72, 0.1);
		expect(decode("qwen3-32b", "h20", "bf16", { engine: "sglang", tp: 1, pp: 1 }, 1, 1024).bound).toBe("compute");
	});
});

describe("decode checks within ±35%", () => {
	it("Llama-3.1-8B on one H100, SGLang baseline 158.34 tok/s (SGLang speculative decoding docs, EAGLE-3 table, MT-Bench)", () => {
		expectWithin(decode("llama-3.1-8b", "h100-sxm", "bf16", { engine: "sglang", tp: 1, pp: 1 }, 1, 1000).perUser, 158.34, 0.35);
	});

	it("Llama-3.1-8B on one A100 40GB at 8 concurrent requests: 6.6x the 75 tok/s of one (johnmusgrave.com sweep)", () => {
		const total = decode("llama-3.1-8b", "a100-40gb-sxm", "bf16", { engine: "vllm", tp: 1, pp: 1 }, 8, 1088).total;
		expectWithin(total, 6.6 * 75, 0.35);
	});

	// [QW3] rows with a 1-token prompt: decode alone, dense and MoE, BF16 and FP8, 1 to 8 GPUs.
	it.each([
		["qwen3-8b", "bf16", 1, 81.73],
		["qwen3-8b", "fp8", 1, 150.25],
		["qwen3-14b", "bf16", 1, 47.1],
		["qwen3-14b", "fp8", 1, 97.11],
		["qwen3-32b", "fp8", 1, 46.17],
		["qwen3-30b-a3b", "bf16", 1, 137.18],
		["qwen3-30b-a3b", "fp8", 1, 155.55],
		["qwen3-235b-a22b", "bf16", 8, 74.5],
		["qwen3-235b-a22b", "fp8", 4, 71.65],
	] as const)("[QW3] %s %s on %dx H20, 1-token prompt: %d tok/s", (m, w, tp, measured) => {
		expectWithin(qw3Speed(m, w, tp, 1), measured, 0.35);
	});

	it.each([
		[8, 12.8],
		[16, 17.2],
		[32, 25.6],
		[64, 34.6],
	])("DeepSeek-R1-0528 FP8 on 8x H200, SGLang v0.5.7 TP8, %d concurrent 1K/1K requests: TPOT %d ms", (users, tpotMs) => {
		// SemiAnalysisAI/InferenceX issue #870 (2026-03-05), "Mean TPOT (ms)"; caches hold 1024 + ~512 tokens.
		expectWithin(decode("deepseek-r1", "h200-sxm", "fp8", { engine: "sglang", tp: 8, pp: 1 }, users, 1536).stepMs, tpotMs, 0.35);
	});
});

describe("prefill checks within ±35%: [QW3] long prompts, where the prompt's compute dominates the run", () => {
	it.each([
		["qwen3-32b", "bf16", 1, 6144, 77.82],
		["qwen3-32b", "bf16", 1, 30720, 240.75],
		["qwen3-32b", "bf16", 1, 63488, 342.96],
		["qwen3-32b", "fp8", 1, 63488, 532.18],
		["qwen3-8b", "bf16", 1, 63488, 1112.78],
		["qwen3-30b-a3b", "bf16", 1, 63488, 1538.79],
		["qwen3-235b-a22b", "fp8", 4, 63488, 1269.34],
	] as const)("[QW3] %s %s on %dx H20, %d-token prompt: %d tok/s", (m, w, tp, prompt, measured) => {
		expectWithin(qw3Speed(m, w, tp, prompt), measured, 0.35);
	});
});

describe("known deviation: batch-1 DeepSeek on early engines was slower than the per-layer latency allows", () => {
	// The estimate assumes a modern engine (60 µs per MoE layer, checked above on SGLang v0.5.7). Earlier
	// builds spent ~0.5 ms per layer at batch 1; the estimate is an upper bound there, stated as a band.
	it.each([
		[1, 30.29],
		[8, 206.32],
		[32, 760.52],
	])(
		"sgl-project/sglang PR #2643 (v0.4.1.post2, 2024-12): DeepSeek-V3 on 8x H200, batch %d: %d tok/s in all",
		(users, measured) => {
			const ratio = decode("deepseek-r1", "h200-sxm", "fp8", { engine: "sglang", tp: 8, pp: 1 }, users, 256).total / measured;
			expect(ratio).toBeGreaterThan(1);
			expect(ratio).toBeLessThan(5);
		},
	);

	it("tenstorrent/tt-inference-server #356: DeepSeek-R1-0528 on 16x H100, concurrency 1: TPOT 31.2 ms", () => {
		const ms = decode("deepseek-r1", "h100-sxm", "fp8", { engine: "vllm", tp: 8, pp: 2 }, 1, 600).stepMs;
		expect(31.2 / ms).toBeGreaterThan(1);
		expect(31.2 / ms).toBeLessThan(5);
	});

	it.each([
		[128, 208.5],
		[1024, 812.3],
		[2048, 689.7],
	])(
		"same source, %d-token prompt at concurrency 1: TTFT %d ms (the estimate is compute and weight reads only)",
		(prompt, ms) => {
			// Measured TTFT includes HTTP, tokenising, scheduling and the first decode step: the estimate is a
			// lower bound, far below for short prompts on two nodes. Band: measured / estimate in (1, 25).
			const p: Parallelism = { engine: "vllm", tp: 8, pp: 2 };
			const estimateMs = prefillSeconds(model("deepseek-r1"), gpu("h100-sxm"), "fp8", p, prompt) * 1000;
			expect(ms / estimateMs).toBeGreaterThan(1);
			expect(ms / estimateMs).toBeLessThan(25);
		},
	);
});

describe("the H20: fits easily, answers long prompts many times slower than an H100", () => {
	const sizeOn = (g: string) =>
		size(catalog, {
			model: model("deepseek-r1"),
			gpu: gpu(g),
			count: 16,
			nodes: 2,
			gpusPerNode: 8,
			precision: "native",
			context: 32768,
			users: 10,
			engine: "vllm",
			engineExplicit: false,
			kv: null,
			util: null,
		});

	it("DeepSeek-R1 on 16x H20 fits with more room than on 16x H100, but a 4K prompt waits over 5x longer", () => {
		const h20 = sizeOn("h20");
		const h100 = sizeOn("h100-sxm");
		expect(h20.verdict).toBe("fits");
		expect(h20.memory.marginBytes).toBeGreaterThan(h100.memory.marginBytes);
		// Both compute FP8: 1979 / 296 TFLOP/s = 6.7x, less what both spend waiting on latency.
		const ratio = estimateSpeed(h20)!.ttftSeconds / estimateSpeed(h100)!.ttftSeconds;
		expect(ratio).toBeGreaterThan(5);
		expect(ratio).toBeLessThan(1979 / 296 + 0.01);
	});

	it("prefill is compute: a 4K prompt takes about FLOPs / (peak x efficiency)", () => {
		// Llama-3.1-8B, one H100 SXM (989 TFLOP/s BF16): 2 x 8.03e9 x 4096 GEMM FLOPs + causal attention
		// 2 x 32 heads x 128 x 4096^2 x 32 layers, at 60% of peak, plus 32 x 15 µs of layer latency.
		const flops = 2 * 8.03e9 * 4096 + 2 * 32 * 128 * 4096 ** 2 * 32;
		const expected = flops / (989e12 * COMPUTE_EFFICIENCY) + 32 * 15e-6;
		const p: Parallelism = { engine: "vllm", tp: 1, pp: 1 };
		expectWithin(prefillSeconds(model("llama-3.1-8b"), gpu("h100-sxm"), "bf16", p, TTFT_PROMPT_TOKENS), expected, 0.02);
	});
});

describe("what the estimate reports", () => {
	const sized = size(catalog, {
		model: model("llama-3.1-8b"),
		gpu: gpu("h100-sxm"),
		count: 1,
		nodes: 1,
		gpusPerNode: 1,
		precision: "native",
		context: 8192,
		users: 4,
		engine: "vllm",
		engineExplicit: false,
		kv: null,
		util: null,
	});

	it("cost per million output tokens = rent per hour / (tokens per second x 3600) x 1e6", () => {
		const e = estimateSpeed(sized)!;
		expect(e.estimate).toBe(true);
		expect(e.users).toBe(4);
		expect(e.decodeTokensPerSecondTotal).toBeCloseTo(4 * e.decodeTokensPerSecondPerUser, 6);
		const hourly = sized.cost.hourlyUsd!;
		expect(e.usdPerMillionOutputTokens).toBeCloseTo((hourly / (e.decodeTokensPerSecondTotal * 3600)) * 1e6, 6);
		expect(e.assumptions.join(" ")).toMatch(/75% of peak memory bandwidth/);
	});

	it("an upcast model computes in BF16: DeepSeek-R1 on A100s", () => {
		const s = size(catalog, {
			...sized.request,
			model: model("deepseek-r1"),
			gpu: gpu("a100-80gb-sxm"),
			count: 32,
			nodes: 4,
			gpusPerNode: 8,
			users: 1,
		});
		expect(s.precision.weights).toBe("bf16");
		expect(estimateSpeed(s)?.computeFormat).toBe("bf16");
	});

	it("no estimate when the setup does not run", () => {
		expect(estimateSpeed(size(catalog, { ...sized.request, model: model("deepseek-r1") }))).toBeNull();
	});
});
