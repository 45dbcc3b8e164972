// Each command's error cards show that command's grammar and an example of it that works: a /recommend user who
// mistypes a budget sees recommend's grammar, not fit's, in English and in Chinese, on the card and in the JSON.
import { describe, expect, it } from "vitest";
import { runCompare } from "../../commands/compare.js";
import { runFit } from "../../commands/fit.js";
import { runRecommend } from "../../commands/recommend.js";
import type { Locale } from "../../src/chat/reply.js";
import { COMPARE_GRAMMAR, parseCompare } from "../../src/parse/compare-grammar.js";
import { GRAMMAR, type GrammarName, type Problem } from "../../src/parse/errors.js";
import { type Parsed, parseFit } from "../../src/parse/grammar.js";
import { parseRecommend, RECOMMEND_GRAMMAR } from "../../src/parse/recommend-grammar.js";
import { findModel, resolveFit } from "../../src/parse/resolve.js";
import { runCli } from "../support/cli-run.js";
import { fixtureCatalog } from "../support/fixture-catalog.js";
import { COMMAND_PROBLEM_REQUESTS, PROBLEM_EXAMPLES } from "../support/problem-examples.js";

const catalog = fixtureCatalog();
const RUN = { fit: runFit, recommend: runRecommend, compare: runCompare };
const PARSE: Record<GrammarName, (text: string) => Parsed<unknown>> = {
	fit: parseFit,
	recommend: parseRecommend,
	compare: parseCompare,
};
// The grammars as src/parse states them; a card of one command showing another's fails.
const GRAMMAR_OF: Record<GrammarName, string> = { fit: GRAMMAR, recommend: RECOMMEND_GRAMMAR, compare: COMPARE_GRAMMAR };
// How each locale labels the lines (commands/reason-words-request-en.ts, -zh.ts).
const GRAMMAR_LINE: Record<Locale, (grammar: string) => string> = {
	en: (g) => `Grammar: ${g}`,
	zh: (g) => `语法：\`${g}\``,
};
const EXAMPLE_LINE: Record<Locale, RegExp> = { en: /^Example: (.+)$/, zh: /^示例：`(.+)`$/ };
// Problems of names (and the total GPU count) name ids instead of grammar lines.
const NAME_PROBLEMS = new Set<Problem["code"]>(["unknown-model", "unknown-gpu", "too-many-gpus"]);

/** The problem a request meets: the parser's, or the first of resolving its names. */
function problemOf(command: GrammarName, request: string): Problem["code"] | undefined {
	if (command === "recommend") {
		const parsed = parseRecommend(request);
		if (!parsed.ok) return parsed.error.problem.code;
		return findModel(catalog, parsed.value.model) ? undefined : "unknown-model";
	}
	const parsed = command === "fit" ? parseFit(request) : parseCompare(request);
	if (!parsed.ok) return parsed.error.problem.code;
	const { hardware, ...options } = parsed.value;
	for (const hw of Array.isArray(hardware) ? hardware : [hardware]) {
		const resolved = resolveFit(catalog, { ...options, hardware: hw });
		if (!resolved.ok) return resolved.error.problem.code;
	}
	return undefined;
}

describe("error cards show the grammar of the command answering", () => {
	it("the requests cover every problem recommend and compare can meet", () => {
		const all = Object.keys(PROBLEM_EXAMPLES) as Problem["code"][];
		// Another command's words, or a name (a GPU, a Hugging Face repository read by commands/hub-models.ts).
		const hardware = ["hardware-twice", "no-hardware", "no-count", "bad-count", "bad-node-count", "which-gpu"];
		const setups = ["two-setups", "too-many-setups", "setup-no-gpus"];
		const names = ["unknown-gpu", "unknown-model-and-gpu", "not-in-name", "too-many-gpus", "hub"];
		const recommendOnly = ["bad-budget", "budget-zero", "rent-and-buy", "bad-vendor", "recommend-hardware"];
		const unreachable: Record<"recommend" | "compare", string[]> = {
			recommend: [...hardware, ...setups, ...names],
			// An empty /compare is one without two setups; a second `on` in a setup is a word it does not know.
			compare: ["empty", "hardware-twice", "no-hardware", "unknown-model-and-gpu", "hub", ...recommendOnly],
		};
		for (const command of ["recommend", "compare"] as const) {
			const covered = new Set(COMMAND_PROBLEM_REQUESTS[command].map((r) => r.code));
			expect([...covered].sort()).toEqual(all.filter((c) => !unreachable[command].includes(c)).sort());
		}
	});

	for (const command of ["fit", "recommend", "compare"] as const) {
		for (const { request, code } of COMMAND_PROBLEM_REQUESTS[command]) {
			it(`${command} ${JSON.stringify(request.slice(0, 60))}: ${code}`, () => {
				expect(problemOf(command, request)).toBe(code);
				for (const locale of ["en", "zh"] as const) {
					const result = RUN[command](catalog, request, locale);
					expect(result.exitCode).toBe(2);
					const lines = result.reply.suggestions.filter((s) => s.grammar).map((s) => s.text);
					for (const line of lines) {
						const example = EXAMPLE_LINE[locale].exec(line)?.[1];
						if (example === undefined) expect(line, locale).toBe(GRAMMAR_LINE[locale](GRAMMAR_OF[command]));
						else expect(PARSE[command](example).ok, `${locale} ${example}`).toBe(true);
					}
					// Recommend and compare show both lines (fit's unknown word shows its example alone, its words not in a name
					// the corrected requests).
					if (command !== "fit" && !NAME_PROBLEMS.has(code)) {
						expect(lines[0], locale).toBe(GRAMMAR_LINE[locale](GRAMMAR_OF[command]));
						expect(lines, locale).toHaveLength(2);
					}
					// Nothing on the card (the headline included) quotes another command's grammar.
					for (const other of Object.values(GRAMMAR_OF).filter((g) => g !== GRAMMAR_OF[command]))
						expect(JSON.stringify(result.reply), locale).not.toContain(other);
					if (locale === "en" && "error" in result.json)
						expect(result.json.error.suggestions.slice(0, lines.length)).toEqual(lines);
				}
			});
		}
	}

	it("the CLI's /recommend card with a mistyped budget shows recommend's grammar, not fit's", async () => {
		const run = await runCli(["recommend", "llama-3.1-8b budget lots"]);
		expect(run.code).toBe(2);
		const out = run.stdout + run.stderr;
		expect(out).toContain(RECOMMEND_GRAMMAR);
		expect(out).not.toContain(GRAMMAR);
	});
});
