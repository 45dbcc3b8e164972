// Every problem the parser (or the hub reader) can name has its English (the JSON contract, English cards) and its
// Chinese, each saying the problem's own facts; the problems said otherwise in named options are the same in both
// locales. The examples are typed by Problem: a new code without one fails the type check.
import { describe, expect, it } from "vitest";
import { requestErrorWords } from "../../commands/reason-words-request.js";
import { EN_REQUEST } from "../../commands/reason-words-request-en.js";
import { ZH_REQUEST } from "../../commands/reason-words-request-zh.js";
import { COMPARE_EXAMPLE, COMPARE_GRAMMAR } from "../../src/parse/compare-grammar.js";
import { grammarHelp, type Problem, type RequestError } from "../../src/parse/errors.js";
import { PROBLEM_EXAMPLES } from "../support/problem-examples.js";

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
		// The hub reader's facts (the endpoint, the HTTP status, the file, the config's keys), said in every locale;
		// `why` and `token` choose the sentence, `report` is the config reader's English (checked below).
		else if (key === "reason" && typeof value === "object" && value !== null)
			said.push(
				...factsSaid(
					Object.fromEntries(Object.entries(value).filter(([k]) => !["why", "token", "report"].includes(k))) as Problem,
				),
			);
	}
	return said;
}

const errorOf = (problem: Problem): RequestError => ({ code: "bad_request", suggestions: [], help: [], problem });
const CJK = /[\u4e00-\u9fff]/;
const problems = Object.values(PROBLEM_EXAMPLES).flat() as Problem[];

describe("each problem in each locale's words", () => {
	it("every code has an example, and both locales word every code", () => {
		// (A code of Problem missing from PROBLEM_EXAMPLES fails the type check; this says the same at run time.)
		expect(new Set(problems.map((p) => p.code)).size).toBe(37);
		for (const code of Object.keys(PROBLEM_EXAMPLES)) {
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
			if (p.code === "hub" && p.reason.why === "config-unread") expect(en.headline).toContain(p.reason.report);
		});
	}

	it("the English titles the card as the contract has it; Chinese labels the grammar and example lines", () => {
		const error = { ...errorOf({ code: "empty" }), help: grammarHelp("compare") };
		expect(requestErrorWords(error, "en").title).toBe("Request not understood");
		expect(requestErrorWords(error, "en").help).toEqual([`Grammar: ${COMPARE_GRAMMAR}`, `Example: ${COMPARE_EXAMPLE}`]);
		expect(requestErrorWords(error, "zh").help).toEqual([`语法：\`${COMPARE_GRAMMAR}\``, `示例：\`${COMPARE_EXAMPLE}\``]);
	});
});
