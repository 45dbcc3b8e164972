// MTP speculative decoding loads the MTP module the checkpoint ships; without it engines skip it.
// DeepSeek-R1's FP8 files (catalog source: HF safetensors dtype counts): 688,574,839,360 B in all, of which
// the MTP layer 61 is 15,424,227,552 B (deepseek-ai/DeepSeek-V3 README_WEIGHTS.md arithmetic).
import { describe, expect, it } from "vitest";
import { fitJson } from "../support/catalog.js";

const FILES = 688_574_839_360;
const MTP = 15_424_227_552;

describe("speculative decoding with the model's MTP layers", () => {
	it("counts the MTP module in the weights only when spec mtp asks for it", () => {
		expect(fitJson("deepseek-r1 on 8x h200").memory.weightsBytes).toBe(FILES - MTP);
		const spec = fitJson("deepseek-r1 on 8x h200 spec mtp");
		expect(spec.memory.weightsBytes).toBe(FILES);
		expect(spec.notes.join(" ")).toContain("MTP module drafts tokens");
	});
});
