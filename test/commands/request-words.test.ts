// Every problem the parser (or the hub reader) can name has its English (the JSON contract, English cards) and its
// Chinese, each saying the problem's own facts; the problems said otherwise in named options are the same in both
// locales. The examples are typed by Problem: a new code without one fails the type check.
import { describe, expect, it } from "vitest";
import { requestErrorWords } from "../../commands/reason-words-request.js";
import { EN_REQUEST } from "../../commands/reason-words-request-en.js";
import { ZH_REQUEST } from "../../commands/reason-words-request-zh.js";
import { COMPARE_EXAMPLE, COMPARE_GRAMMAR } from "../../src/parse/compare-grammar.js";
import { grammarHelp, type Problem, type RequestError } from "../../src/parse/errors.js";

const EXAMPLES: { [K in Problem["code"]]: Extract<Problem, { code: K }>[] } = {
	"too-long": [{ code: "too-long", chars: 1200, limit: 1000 }],
	"control-chars": [{ code: "control-chars" }],
	empty: [{ code: "empty" }],
	"model-first": [
		{ code: "model-first", grammar: "fit" },
		{ code: "model-first", grammar: "compare" },
		{ code: "model-first", grammar: "recommend" },
	],
	"unknown-word": [
		{ code: "unknown-word", word: "please", grammar: "fit" },
		{ code: "unknown-word", word: "now", grammar: "compare" },
		{ code: "unknown-word", word: "soon", grammar: "recommend" },
	],
	"needs-value": [{ code: "needs-value", word: "ctx" }],
	"two-precisions": [{ code: "two-precisions", first: "fp8", second: "bf16" }],
	"bad-context": [{ code: "bad-context", value: "lots" }],
	"bad-users": [{ code: "bad-users", value: "zero", max: 500 }],
	"unknown-engine": [{ code: "unknown-engine", value: "turbo", engines: ["vllm", "sglang"] }],
	"bad-kv": [{ code: "bad-kv", value: "int3" }],
	"bad-util": [{ code: "bad-util", value: "2" }],
	"bad-prompt": [{ code: "bad-prompt", value: "long" }],
	"layout-size": [{ code: "layout-size", part: "tp0" }],
	"layout-parts": [{ code: "layout-parts" }],
	"spec-method": [{ code: "spec-method" }],
	"bad-accept": [{ code: "bad-accept", value: "1.5" }],
	"hardware-twice": [{ code: "hardware-twice" }],
	"no-hardware": [{ code: "no-hardware" }],
	"no-count": [
		{ code: "no-count", found: "h100", option: "hardware" },
		{ code: "no-count", found: "", option: "setups" },
	],
	"bad-count": [{ code: "bad-count", count: "0x", max: 512, option: "hardware" }],
	"bad-node-count": [{ code: "bad-node-count", count: "64x64", max: 512, option: "setups" }],
	"which-gpu": [{ code: "which-gpu", count: "8x", option: "hardware" }],
	"too-many-gpus": [{ code: "too-many-gpus", count: 800, max: 512 }],
	"two-setups": [{ code: "two-setups" }],
	"too-many-setups": [{ code: "too-many-setups", max: 6 }],
	"setup-no-gpus": [{ code: "setup-no-gpus", setup: 3 }],
	"bad-budget": [{ code: "bad-budget", value: "lots" }],
	"budget-zero": [{ code: "budget-zero", value: "$0" }],
	"rent-and-buy": [{ code: "rent-and-buy" }],
	"bad-vendor": [{ code: "bad-vendor", value: "acme" }],
	"recommend-hardware": [{ code: "recommend-hardware", model: "llama-3.1-8b" }],
	"unknown-model": [
		{ code: "unknown-model", typed: "llama-3.1-8c", near: ["llama-3.1-8b", "llama-3-8b"] },
		{ code: "unknown-model", typed: "nosuchmodel", near: [] },
	],
	"unknown-gpu": [{ code: "unknown-gpu", typed: "h1oo", near: ["h100-sxm"] }],
	"unknown-model-and-gpu": [
		{ code: "unknown-model-and-gpu", model: "deepsek-r1", gpu: "h1oo", request: "deepseek-r1 on 8x h100-sxm" },
		{ code: "unknown-model-and-gpu", model: "zzz", gpu: "yyy", request: null },
	],
	"not-in-name": [
		{ code: "not-in-name", word: "please", after: "model" },
		{ code: "not-in-name", word: "please", after: "GPU" },
	],
	hub: (["unknown_model", "gated_model", "hub_unreachable", "bad_config", "unsupported_architecture"] as const).map(
		(failure) => ({ code: "hub", failure, repo: "acme/x", near: [], report: `the hub reader's ${failure} report` }),
	),
};

/** The facts a wording must say, as people read them: names and values as typed, numbers with thousands grouped. */
function factsSaid(p: Problem): string[] {
	const said: string[] = [];
	for (const [key, value] of Object.entries(p)) {
		// The grammar is quoted whole, the option is the options' wording's, the hub's detail is checked below.
		if (["code", "grammar", "option", "after", "failure", "report", "repo"].includes(key)) continue;
		if (key === "found" && value === "") continue;
		if (typeof value === "number") said.push(value.toLocaleString("en-US"));
		else if (typeof value === "string") said.push(value);
		else if (Array.isArray(value)) said.push(...value);
	}
	return said;
}

const errorOf = (problem: Problem): RequestError => ({ code: "bad_request", suggestions: [], help: [], problem });
const CJK = /[\u4e00-\u9fff]/;
const problems = Object.values(EXAMPLES).flat() as Problem[];

describe("each problem in each locale's words", () => {
	it("every code has an example, and both locales word every code", () => {
		// (A code of Problem missing from EXAMPLES fails the type check; this says the same at run time.)
		expect(new Set(problems.map((p) => p.code)).size).toBe(37);
		for (const code of Object.keys(EXAMPLES)) {
			expect(typeof EN_REQUEST.problem[code as Problem["code"]], `en ${code}`).toBe("function");
			expect(typeof ZH_REQUEST.problem[code as Problem["code"]], `zh ${code}`).toBe("function");
		}
		expect(Object.keys(ZH_REQUEST.options).sort()).toEqual(Object.keys(EN_REQUEST.options).sort());
	});

	for (const p of problems) {
		it(`${p.code} ${JSON.stringify(p)}`, () => {
			const en = requestErrorWords(errorOf(p), "en");
			const zh = requestErrorWords(errorOf(p), "zh");
			expect(en.headline).not.toBe("");
			expect(en.headline).not.toMatch(CJK);
			expect(zh.headline).toMatch(CJK);
			for (const fact of factsSaid(p)) {
				expect(en.headline, `en says ${fact}`).toContain(fact);
				expect(zh.headline, `zh says ${fact}`).toContain(fact);
			}
			// Said of named options in both locales or in neither; the option asked with is named.
			expect(zh.options === undefined).toBe(en.options === undefined);
			if (en.options !== undefined && "option" in p) {
				expect(en.options.startsWith(`${p.option}: `)).toBe(true);
				expect(zh.options?.startsWith(`${p.option}: `)).toBe(true);
			}
			if (p.code === "hub") expect(en.headline).toContain(p.report);
		});
	}

	it("the English titles the card as the contract has it; Chinese labels the grammar and example lines", () => {
		const error = { ...errorOf({ code: "empty" }), help: grammarHelp("compare") };
		expect(requestErrorWords(error, "en").title).toBe("Request not understood");
		expect(requestErrorWords(error, "en").help).toEqual([`Grammar: ${COMPARE_GRAMMAR}`, `Example: ${COMPARE_EXAMPLE}`]);
		expect(requestErrorWords(error, "zh").help).toEqual([`语法：\`${COMPARE_GRAMMAR}\``, `示例：\`${COMPARE_EXAMPLE}\``]);
	});
});
