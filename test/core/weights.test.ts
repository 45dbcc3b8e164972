import { describe, expect, it } from "vitest";
import { FORMATS } from "../../src/core/formats.js";
import { embeddingParams, weightBytes, weightBytesFromParams } from "../../src/core/weights.js";
import { deepseekV3, llama31_8b } from "../shapes.js";

describe("weight bytes", () => {
	it("BF16 is two bytes per parameter: Llama-3.1-8B = 16,060,522,496 B as measured on one H200", () => {
		expect(weightBytesFromParams(llama31_8b, "bf16")).toBe(16_060_522_496);
	});

	it("MoE counts every expert: DeepSeek 671B upcast to BF16 is 1.342 TB", () => {
		expect(weightBytesFromParams(deepseekV3, "bf16")).toBe(671e9 * 2);
	});

	it("quantized formats keep embeddings and head in 16-bit and pay for their scales", () => {
		const embed = 128256 * 4096 * 2; // untied embedding + lm_head
		expect(embeddingParams(llama31_8b)).toBe(embed);
		const rest = 8_030_261_248 - embed;
		// AWQ/GPTQ group 128: 4 bits + fp16 scale and 4-bit zero per 128 weights
		expect(weightBytesFromParams(llama31_8b, "awq")).toBe(Math.round(embed * 2 + (rest * (4 + 20 / 128)) / 8));
		// NVFP4: 9/16 byte per weight (fp8 scale per 16)
		expect(FORMATS.nvfp4.bitsPerWeight / 8).toBe(9 / 16);
		expect(weightBytesFromParams(llama31_8b, "nvfp4")).toBe(Math.round(embed * 2 + (rest * 9) / 16));
	});

	it("GGUF types by their bits per weight, embeddings included", () => {
		expect(weightBytesFromParams(llama31_8b, "q8_0")).toBe(Math.round((8_030_261_248 * 8.5) / 8));
	});

	it("a lower precision never needs more bytes", () => {
		const chains = [
			["fp32", "bf16", "fp8", "nvfp4", "mxfp4"],
			["bf16", "int8", "awq"],
			["q8_0", "q6_k", "q5_k_m", "q4_k_m", "q4_0", "q3_k_m", "q2_k"],
		] as const;
		for (const chain of chains) {
			const bytes = chain.map((f) => weightBytesFromParams(llama31_8b, f));
			for (let i = 1; i < bytes.length; i++) expect(bytes[i]).toBeLessThan(bytes[i - 1] as number);
		}
	});

	it("uses the checkpoint's real size and leaves out modules engines do not load", () => {
		const model = {
			...deepseekV3,
			variants: [{ ...deepseekV3.variants[0]!, bytes: 700e9, unloadedBytes: 12e9 }],
		};
		const w = weightBytes(model, "fp8");
		expect(w).toMatchObject({ bytes: 688e9, basis: "checkpoint" });
		// The note says the MTP module's bytes were left out: 700 GB of files, 12 GB of them MTP.
		expect(w.note).toMatchObject({ code: "weights-without-mtp", fileBytes: 700e9, loadedBytes: 688e9, mtpBytes: 12e9 });
	});
});
