// A model's context is a limit: engines refuse a max_model_len past max_position_embeddings, so more
// context than the config allows is no-fit, and the answer offers the model's own limit instead.
// Limits from the published configs (test/fixtures/configs): DeepSeek-R1 163,840; Qwen3-235B-A22B 40,960.
import { describe, expect, it } from "vitest";
import { runCompare } from "../../commands/compare.js";
import { runRecommend } from "../../commands/recommend.js";
import { fitJson, repoCatalog } from "../support/catalog.js";

const R1_LIMIT = 163_840;
const QWEN3_235B_LIMIT = 40_960;

describe("context beyond the model's limit", () => {
	it("fit: no-fit, never 'tight', with the limit offered first and reproducible", () => {
		const j = fitJson("deepseek-r1 on 8x h200 ctx 10m");
		expect(j.verdict).toBe("no-fit");
		expect(j.context).toBe(10 * 1024 * 1024);
		expect(j.notes[0]).toContain("beyond DeepSeek-R1's context of 160K");
		const first = j.suggestedRequests[0] as string;
		expect(first).toContain("ctx 160k");
		const again = fitJson(first);
		expect(again.context).toBe(R1_LIMIT);
		expect(again.verdict).not.toBe("no-fit");
	});

	it("fit at exactly the limit is sized normally", () => {
		const j = fitJson(`deepseek-r1 on 8x h200 ctx ${R1_LIMIT / 1024}k`);
		expect(j.context).toBe(R1_LIMIT);
		expect(j.notes.join(" ")).not.toContain("beyond");
	});

	it("recommend: nothing qualifies past the limit; the closest setups are sized at it", () => {
		const r = runRecommend(repoCatalog(), "qwen3-235b ctx 128k users 20");
		const json = r.json as { options: unknown[]; closest: { request: string }[]; notes: string[] };
		expect(json.options).toEqual([]);
		expect(json.notes[0]).toContain("beyond Qwen3-235B-A22B's context of 40K");
		expect(json.closest.length).toBeGreaterThan(0);
		for (const c of json.closest) {
			expect(c.request).toContain("ctx 40k");
			expect(fitJson(c.request).context).toBe(QWEN3_235B_LIMIT);
		}
	});

	it("compare: every setup past the limit is no-fit, with no margin shown", () => {
		const r = runCompare(repoCatalog(), "qwen3-235b on 8x h100 vs 8x h200 ctx 128k");
		const json = r.json as { setups: { verdict: string }[] };
		expect(json.setups.map((s) => s.verdict)).toEqual(["no-fit", "no-fit"]);
	});
});
