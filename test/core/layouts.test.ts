// Layouts people run: data-parallel attention with expert parallelism beside TP/PP, a layout named in
// the request, and what would change a verdict offered cheapest first. DeepSeek-R1 (config.json): 61
// layers of MLA with kv_lora_rank 512 + qk_rope_head_dim 64, 256 routed experts.
import { describe, expect, it } from "vitest";
import { parseFit } from "../../src/parse/grammar.js";
import { fitJson } from "../support/catalog.js";

const R1_LATENT_BYTES = 61 * (512 + 64) * 2;

describe("data-parallel attention with expert parallelism", () => {
	const tp = fitJson("deepseek-r1 on 8x h200 ctx 4k users 1000");
	const dp = fitJson("deepseek-r1 on 8x h200 ctx 4k users 1000 layout dp8 ep");

	it("is named in the JSON as the contract says", () => {
		expect(tp.layout).toEqual({ tp: 8, pp: 1 });
		expect(dp.layout).toEqual({ tp: 8, pp: 1, dp: 8, ep: 8 });
	});

	it("each rank keeps only its own requests' latent: 8 ranks hold 8 pools", () => {
		// Under TP8 every rank holds the whole latent of every request; under DP8 a request lives on one rank.
		expect(tp.perGpu.kvBytesPerToken).toBe(R1_LATENT_BYTES);
		expect(dp.perGpu.kvBytesPerToken).toBe(R1_LATENT_BYTES);
		expect(tp.limits.maxKvTokens).toBe(Math.floor(tp.perGpu.kvBudgetBytes / R1_LATENT_BYTES));
		expect(dp.limits.maxKvTokens).toBe(8 * Math.floor(dp.perGpu.kvBudgetBytes / R1_LATENT_BYTES));
		// Published runs serve about 1,000 concurrent requests here; TP8 admits far fewer.
		expect(tp.verdict).not.toBe("fits");
		expect(dp.limits.maxUsersAtContext).toBeGreaterThan(5 * tp.limits.maxUsersAtContext);
	});

	it("pays for it with the attention weights on every rank", () => {
		expect(dp.perGpu.weightsBytes).toBeGreaterThan(tp.perGpu.weightsBytes);
		expect(tp.perGpu.weightsBytes).toBeCloseTo(tp.memory.weightsBytes / 8, 0);
	});
});

describe("a layout named in the request", () => {
	it("parses tp, pp, dp and ep", () => {
		const p = parseFit("llama-3.1-70b on 8x h100 layout tp4 pp2 ctx 8k");
		expect(p.ok && p.value.layout).toEqual({ tp: 4, pp: 2 });
		const q = parseFit("deepseek-r1 on 8x h200 layout dp8 ep");
		expect(q.ok && q.value.layout).toEqual({ dp: 8, ep: true });
		const bare = parseFit("deepseek-r1 on 8x h200 layout");
		expect(bare.ok).toBe(false);
	});

	it("is followed, or refused with the reason", () => {
		expect(fitJson("llama-3.1-70b on 8x h100 layout tp4 pp2").layout).toEqual({ tp: 4, pp: 2 });
		const dense = fitJson("llama-3.1-70b on 8x h100 layout dp8 ep");
		expect(dense.verdict).toBe("no-fit");
		expect(dense.notes[0]).toContain("expert parallelism needs a mixture-of-experts model");
		const odd = fitJson("llama-3.1-70b on 8x h100 layout tp3");
		expect(odd.verdict).toBe("no-fit");
		expect(odd.notes[0]).toContain("does not make 8 GPUs");
	});
});

describe("what would change it, cheapest first", () => {
	it("a near miss is offered the free change that makes it load before more GPUs", () => {
		const j = fitJson("deepseek-r1 on 8x h20");
		// vLLM 0.19's budget leaves about 0.3 GiB per GPU here (a 4.7K context): no-fit or barely tight, never fits.
		expect(j.verdict).not.toBe("fits");
		const requests = j.suggestedRequests as string[];
		const first = requests[0] as string;
		expect(first).toMatch(/ on 8x h20 .*(engine|util|kv|layout)/);
		expect(fitJson(first).verdict).not.toBe("no-fit");
		const moreGpus = requests.findIndex((r) => !r.includes(" on 8x "));
		expect(moreGpus === -1 || moreGpus > 0).toBe(true);
	});

	it("DeepSeek-R1 with many users on 8x H200 is offered the data-parallel layout, which reproduces", () => {
		const j = fitJson("deepseek-r1 on 8x h200 ctx 32k users 64");
		const dp = (j.suggestedRequests as string[]).find((r) => r.includes("layout dp8 ep"));
		expect(dp).toBeDefined();
		expect(fitJson(dp as string).verdict).toBe("fits");
	});
});
