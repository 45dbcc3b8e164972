// Suggestions are checked by the same core: each one's request, run again, gives what it promised.
import { describe, expect, it } from "vitest";
import { runFit } from "../../commands/fit.js";
import { repoCatalog } from "../support/catalog.js";

// biome-ignore lint/suspicious/noExplicitAny: JSON checked field by field
const fitAnswer = (text: string): any => runFit(repoCatalog(), text).json;

describe("suggestions", () => {
	it.each([
		"deepseek-r1 on 8x H100",
		"llama-3.1-70b on 2x rtx-4090",
		"qwen3-32b awq on 1x rtx-4090 ctx 32k users 4",
		"gpt-oss-120b on 1x H100",
		"llama-3.1-405b on 8x A100",
		"deepseek-r1 on 8x H200 ctx 32k users 10",
		"llama-3.1-8b on 512x H100",
		"llama-3.1-70b nvfp4 on 2x H100",
	])("every suggestion for %s reproduces and improves on it", (text) => {
		const base = fitAnswer(text);
		const rank = { "no-fit": 0, tight: 1, fits: 2 } as Record<string, number>;
		expect(base.suggestedRequests.length).toBeGreaterThan(0);
		for (const request of base.suggestedRequests as string[]) {
			const again = fitAnswer(request);
			expect(again.ok, request).toBe(true);
			const better =
				(rank[again.verdict] ?? 0) > (rank[base.verdict] ?? 0) ||
				(again.verdict === base.verdict && again.limits.maxUsersAtContext > base.limits.maxUsersAtContext) ||
				again.verdict === "fits";
			expect(better, request).toBe(true);
		}
	});

	it("8x H100 for DeepSeek-R1 suggests 16x H100, the seed note's configuration", () => {
		expect(fitAnswer("deepseek-r1 on 8x H100").suggestedRequests).toContain("deepseek-r1 on 16x h100-sxm");
	});

	it("more GPUs than one copy can use: a smaller replica is offered", () => {
		const j = fitAnswer("llama-3.1-8b on 512x H100");
		expect(j.verdict).toBe("no-fit");
		expect(j.suggestedRequests[0]).toBe("llama-3.1-8b on 1x h100-sxm");
	});

	it("NVFP4 on Hopper cannot run, and a format Hopper computes is offered", () => {
		const j = fitAnswer("llama-3.1-70b nvfp4 on 2x H100");
		expect(j.verdict).toBe("no-fit");
		expect(j.notes[0]).toMatch(/NVFP4 needs Blackwell/);
		expect(j.suggestedRequests.some((r: string) => / fp8 | awq /.test(r))).toBe(true);
	});
});
