// The real memory figures measured on one H200 (shared/reference/h200-measurements.md).
import { describe, expect, it } from "vitest";
import { requestBytesPerGpu } from "../../src/core/kv.js";
import { weightBytes } from "../../src/core/weights.js";
import { repoCatalog, repoModel } from "../support/catalog.js";

const GiB = 2 ** 30;
// shape: [model id, bf16 weight bytes, [tokens, cache bytes] measured]
const MEASURED: [string, number, [number, number][]][] = [
	[
		"qwen3-30b-a3b",
		61_064_245_248,
		[
			[4096, 402_653_184],
			[16384, 1_610_612_736],
		],
	],
	[
		"qwen3-32b",
		65_524_246_528,
		[
			[4096, 1_073_741_824],
			[16384, 4_294_967_296],
		],
	],
	[
		"llama-3.1-8b",
		16_060_522_496,
		[
			[1024, 134_217_728],
			[8192, 1_073_741_824],
			[32768, 4_294_967_296],
		],
	],
	[
		"qwen2.5-7b",
		15_231_233_024,
		[
			[1024, 58_720_256],
			[8192, 469_762_048],
			[32768, 1_879_048_192],
		],
	],
	[
		"mixtral-8x7b",
		93_405_585_408,
		[
			[1024, 134_217_728],
			[8192, 1_073_741_824],
		],
	],
	[
		"llama-3.1-70b",
		141_107_412_992,
		[
			[1024, 335_544_320],
			[4096, 1_342_177_280],
		],
	],
	[
		"qwen2.5-72b",
		145_412_407_296,
		[
			[1024, 335_544_320],
			[4096, 1_342_177_280],
		],
	],
];

describe("H200 measurements", () => {
	it.each(MEASURED)("%s: exact BF16 weight bytes and cache bytes", (id, bytes, caches) => {
		const m = repoModel(id);
		expect(weightBytes(m, "bf16").bytes).toBe(bytes);
		for (const [tokens, cache] of caches) expect(requestBytesPerGpu(m, tokens, 1, 1, 2)).toBe(cache);
	});

	it("DeepSeek-V3's MLA cache is 1152 B per layer per token (18,874,368 B for 4 layers x 4096 tokens)", () => {
		const perLayer = requestBytesPerGpu(repoModel("deepseek-v3"), 4096, 1, 1, 2) / 61;
		expect(perLayer * 4).toBe(18_874_368);
		expect(requestBytesPerGpu(repoModel("deepseek-v3"), 1024, 1, 1, 2) / 61).toBe(4_718_592 / 4);
	});

	it("sliding-window layers: Gemma-3-27B and gpt-oss-20b grow only by their full-attention layers", () => {
		const gemma = repoModel("gemma-3-27b");
		const growth = (requestBytesPerGpu(gemma, 16384, 1, 1, 2) - requestBytesPerGpu(gemma, 4096, 1, 1, 2)) / 12288;
		expect(growth).toBe((1_777_959_328 - 771_326_368) / 12288); // 81,920 B/token measured
		// Beyond their windows, the 52 sliding layers hold a fixed 1024 tokens each (HF kept 1023).
		const fixed = requestBytesPerGpu(gemma, 4096, 1, 1, 2) - 4096 * growth;
		expect(Math.abs(fixed - (771_326_368 - 4096 * 81920)) / fixed).toBeLessThan(0.002);
		const oss = repoModel("gpt-oss-20b");
		const ossGrowth = (requestBytesPerGpu(oss, 8192, 1, 1, 2) - requestBytesPerGpu(oss, 4096, 1, 1, 2)) / 4096;
		expect(ossGrowth).toBe(24_576);
		expect(requestBytesPerGpu(oss, 4096, 1, 1, 2)).toBeCloseTo(103_784_544, -5); // measured, 12 x 128-token windows
	});

	it("the card's usable memory is nvidia-smi's 143,771 MiB", () => {
		const h200 = repoCatalog().gpus.find((g) => g.id === "h200-sxm");
		expect(h200?.memory.usableBytes).toBe(143_771 * 2 ** 20);
	});

	it("70B and 72B models in BF16 leave 7.67 and 3.66 GiB on one H200", async () => {
		const { DRIVER_RESERVE, RUNTIME_BYTES } = await import("../../src/core/engines.js");
		const usable = 143_771 * 2 ** 20;
		const left = (id: string) => (usable - DRIVER_RESERVE - RUNTIME_BYTES - weightBytes(repoModel(id), "bf16").bytes) / GiB;
		expect(left("llama-3.1-70b")).toBeCloseTo(7.67, 1);
		expect(left("qwen2.5-72b")).toBeCloseTo(3.66, 1);
	});
});
