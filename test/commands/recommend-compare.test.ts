// The recommend and compare grammars, and /compare: setups side by side, each sized as fit sizes it.
import { describe, expect, it } from "vitest";
import { runCompare } from "../../commands/compare.js";
import { runFit } from "../../commands/fit.js";
import { requestErrorWords } from "../../commands/reason-words-request.js";
import { parseCompare } from "../../src/parse/compare-grammar.js";
import { parseRecommend } from "../../src/parse/recommend-grammar.js";
import { answered } from "../support/answered.js";
import { repoCatalog } from "../support/catalog.js";

const catalog = repoCatalog();

describe("recommend grammar", () => {
	it("reads the fit options and the search's own words", () => {
		const p = parseRecommend(
			"DeepSeek-R1 fp8 ctx 32k users 10 engine sglang kv fp8 buy budget $400,000 vendor NVIDIA pcie one node",
		);
		expect(p).toEqual({
			ok: true,
			value: {
				model: "deepseek-r1",
				precision: "fp8",
				context: 32768,
				users: 10,
				engine: "sglang",
				kv: "fp8",
				ranking: "buy",
				budget: { per: "total", usd: 400_000 },
				vendor: "nvidia",
				pcieOnly: true,
				oneNode: true,
			},
		});
	});

	it.each([
		["budget $30/h", { per: "hour", usd: 30 }],
		["budget $30 /h", { per: "hour", usd: 30 }],
		["budget 30 per hour", { per: "hour", usd: 30 }],
		["budget $2.5k", { per: "total", usd: 2500 }],
		["budget 1.2m", { per: "total", usd: 1_200_000 }],
		["budget $300,000", { per: "total", usd: 300_000 }],
	])("%s", (words, budget) => {
		const p = parseRecommend(`llama-3.1-70b ${words}`);
		expect(p.ok && p.value.budget).toEqual(budget);
		expect(p.ok && p.value.model).toBe("llama-3.1-70b");
	});

	it("one-node spellings, rent, vendor aliases", () => {
		for (const w of ["one-node", "single node", "1 node", "单机"]) {
			const p = parseRecommend(`qwen3-32b ${w}`);
			expect(p.ok && p.value.oneNode).toBe(true);
		}
		const p = parseRecommend("qwen3-32b rent vendor ascend");
		expect(p.ok && [p.value.ranking, p.value.vendor]).toEqual(["rent", "huawei"]);
	});
});

describe("compare grammar", () => {
	it("setups joined by vs; options anywhere apply to all", () => {
		const p = parseCompare("deepseek-r1 on 8x H200 vs 2x8 H100 ctx 32k vs 16卡 H20 users 10");
		expect(p.ok).toBe(true);
		if (!p.ok) return;
		expect(p.value.model).toBe("deepseek-r1");
		expect(p.value.context).toBe(32768);
		expect(p.value.users).toBe(10);
		expect(p.value.hardware).toEqual([
			{ count: 8, nodes: null, gpusPerNode: null, gpu: "h200" },
			{ count: 16, nodes: 2, gpusPerNode: 8, gpu: "h100" },
			{ count: 16, nodes: null, gpusPerNode: null, gpu: "h20" },
		]);
	});

	it.each([
		["deepseek-r1 on 8x H200", /two setups/],
		["deepseek-r1 on 8x H200 vs", /Setup 2 names no GPUs/],
		["on 8x H200 vs 8x H100", /starts with the model/],
		["deepseek-r1 on 8x H200 vs 16x H100 ctx 32k now", /Unknown word "now"/],
	])("%s is refused", (text, message) => {
		const p = parseCompare(text);
		expect(p.ok).toBe(false);
		if (!p.ok) expect(requestErrorWords(p.error, "en").headline).toMatch(message);
	});
});

describe("/compare", () => {
	const r = runCompare(catalog, "deepseek-r1 on 8x H200 vs 16x H100 vs 16x H20 vs 2x10 A100 PCIe ctx 32k users 10");
	// biome-ignore lint/suspicious/noExplicitAny: the JSON is checked field by field
	const j = r.json as any;

	it("each setup is exactly fit's answer, with a speed estimate", () => {
		expect(r.exitCode).toBe(0);
		expect(j.setups).toHaveLength(4);
		// Without fit's suggestions: a comparison is the alternatives.
		const { suggestions, suggestedRequests, ...fit } = answered(runFit(catalog, "deepseek-r1 on 16x H100 ctx 32k users 10"));
		expect(j.setups[1]).toEqual({ ...fit, suggestions: [], suggestedRequests: [] });
		expect(suggestions).toBeDefined();
		expect(suggestedRequests).toBeDefined();
		expect(j.setups.map((s: { verdict: string }) => s.verdict)).toEqual(["fits", "fits", "fits", "fits"]);
		expect(j.setups[3].precision.weights).toBe("bf16");
		for (const s of j.setups) expect(s.speed.estimate).toBe(true);
	});

	it("side by side: one column per setup, one row per figure", () => {
		const t = r.reply.table!;
		expect(t.columns).toHaveLength(5);
		expect(t.rows.map((row) => row[0])).toEqual([
			"verdict",
			"margin",
			"users × ctx",
			"runs as",
			"layout",
			"rent",
			"buy",
			"power",
			"decode/user",
			"decode total",
			"TTFT 4K",
			"$/M out",
		]);
		expect(t.rows.every((row) => row.length === 5)).toBe(true);
	});

	it("exposes the H20: it fits, and its first token comes several times later than on the H200", () => {
		const [h200, , h20] = j.setups;
		expect(h20.verdict).toBe("fits");
		expect(h20.speed.ttftSeconds / h200.speed.ttftSeconds).toBeGreaterThan(4);
	});

	it("an unknown GPU or word in any setup is an error", () => {
		const bad = runCompare(catalog, "deepseek-r1 on 8x H200 vs 8x H900");
		expect(bad.exitCode).toBe(2);
		expect(bad.json).toMatchObject({ ok: false, error: { code: "unknown_gpu" } });
		const word = runCompare(catalog, "deepseek-r1 on 8x H200 vs 16x H100 now");
		expect(word.exitCode).toBe(2);
		expect(word.reply.headline).toMatch(/"now"/);
	});
});
