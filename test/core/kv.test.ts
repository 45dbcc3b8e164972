import { describe, expect, it } from "vitest";
import { kvReplication, requestBytesPerGpu, tokenBytesPerRank, tokenBytesReplica } from "../../src/core/kv.js";
import { deepseekV3, gemma3_27b, llama31_8b, qwen3_30b_a3b } from "../shapes.js";

describe("KV cache per token", () => {
	it("dense GQA: 2 x layers x kv_heads x head_dim x 2 bytes", () => {
		// Llama-3.1-8B: 2 * 32 * 8 * 128 * 2 = 131072 B/token (h200-measurements: 131072)
		expect(tokenBytesReplica(llama31_8b, 2)).toBe(2 * 32 * 8 * 128 * 2);
		expect(requestBytesPerGpu(llama31_8b, 8192, 1, 1, 2)).toBe(1_073_741_824); // measured cache at 8192
	});

	it("MoE GQA counts KV heads, not experts: Qwen3-30B-A3B", () => {
		// 2 * 48 * 4 * 128 * 2 = 98304 B/token; h200-measurements: 402,653,184 B at 4096 tokens
		expect(requestBytesPerGpu(qwen3_30b_a3b, 4096, 1, 1, 2)).toBe(402_653_184);
		expect(requestBytesPerGpu(qwen3_30b_a3b, 16384, 1, 1, 2)).toBe(1_610_612_736);
	});

	it("MLA caches the latent: (512 + 64) x 61 layers x 2 bytes", () => {
		expect(tokenBytesReplica(deepseekV3, 2)).toBe((512 + 64) * 61 * 2); // 70272
		// A naive MHA formula (2 x 128 heads x 128 x 61 x 2) is ~28x larger.
		expect(2 * 128 * 128 * 61 * 2).toBeGreaterThan(25 * 70272);
	});

	it("MLA latent is held in full by every TP rank; pipeline stages split it", () => {
		expect(tokenBytesPerRank(deepseekV3, 8, 2)).toBe(576 * 2 * 61);
		expect(kvReplication(deepseekV3, 8)).toBe(8);
		expect(requestBytesPerGpu(deepseekV3, 1000, 8, 2, 2)).toBe((1000 * 576 * 2 * 61) / 2);
	});

	it("GQA heads split over TP, replicated past the KV head count", () => {
		// Qwen3-30B-A3B has 4 KV heads: TP2 holds 2 per rank, TP8 still 1 per rank (2x copies)
		expect(tokenBytesPerRank(qwen3_30b_a3b, 2, 2)).toBe(48 * 2 * 2 * 128 * 2);
		expect(tokenBytesPerRank(qwen3_30b_a3b, 8, 2)).toBe(48 * 2 * 1 * 128 * 2);
		expect(kvReplication(qwen3_30b_a3b, 8)).toBe(2);
		expect(kvReplication(qwen3_30b_a3b, 4)).toBe(1);
	});

	it("sliding-window layers hold at most their window: Gemma-3-27B", () => {
		const perLayer = 2 * 16 * 128 * 2; // 8192 B per layer-token
		expect(tokenBytesReplica(gemma3_27b, 2)).toBe(10 * perLayer);
		// Below the window every layer grows.
		expect(requestBytesPerGpu(gemma3_27b, 512, 1, 1, 2)).toBe(62 * 512 * perLayer);
		// Above it: 10 global layers grow, 52 hold 1024 tokens.
		const at16k = 10 * 16384 * perLayer + 52 * 1024 * perLayer;
		expect(requestBytesPerGpu(gemma3_27b, 16384, 1, 1, 2)).toBe(at16k);
		// Measured growth between 4096 and 16384 tokens on one H200: 81920 B/token.
		const growth = (requestBytesPerGpu(gemma3_27b, 16384, 1, 1, 2) - requestBytesPerGpu(gemma3_27b, 4096, 1, 1, 2)) / 12288;
		expect(growth).toBe((1_777_959_328 - 771_326_368) / 12288);
	});

	it("FP8 KV halves the bytes", () => {
		expect(tokenBytesReplica(llama31_8b, 1)).toBe(tokenBytesReplica(llama31_8b, 2) / 2);
	});
});
