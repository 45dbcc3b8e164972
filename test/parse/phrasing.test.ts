// People's own phrasings (contract "Request grammar"): each asks exactly what the grammar's words ask, a word
// that is neither grammar nor such phrasing is named in the error, and two typos at once are both corrected
// into a request that answers when it is run. On the fixture catalog: these are not about catalog data.
import { describe, expect, it } from "vitest";
import { runCompare } from "../../commands/compare.js";
import { runFit } from "../../commands/fit.js";
import { requestErrorWords } from "../../commands/reason-words-request.js";
import { runRecommend } from "../../commands/recommend.js";
import { parseFit } from "../../src/parse/grammar.js";
import { answered } from "../support/answered.js";
import { fixtureCatalog } from "../support/fixture-catalog.js";

const catalog = fixtureCatalog();
const fitOf = (text: string) => runFit(catalog, text);
const parsed = (text: string) => {
	const r = parseFit(text);
	if (!r.ok) throw new Error(`${text}: ${requestErrorWords(r.error, "en").headline}`);
	return r.value;
};

describe("natural phrasing asks what the grammar asks", () => {
	it.each([
		["deepseek-r1 on 16 h100s", "deepseek-r1 on 16x h100s"],
		["deepseek-r1 on sixteen H100s", "deepseek-r1 on 16x h100s"],
		["llama-3.1-8b on a single 4090", "llama-3.1-8b on 1x 4090"],
		["llama-3.1-8b on an H100", "llama-3.1-8b on 1x h100"],
		["llama-3.1-8b on one L4", "llama-3.1-8b on 1x l4"],
		["deepseek-r1 on 2 nodes of 8 h100", "deepseek-r1 on 2x8 h100"],
		["deepseek-r1 on two nodes of eight H100s", "deepseek-r1 on 2x8 h100s"],
		["deepseek-r1 on 2 servers with 8x H100 each", "deepseek-r1 on 2x8 h100"],
		["deepseek-r1 on 8 H100 GPUs", "deepseek-r1 on 8x h100"],
		["deepseek-r1 8 H100 GPUs", "deepseek-r1 on 8x h100"],
		["deepseek-r1 on eight H100s", "deepseek-r1 on 8x h100s"],
		["deepseek-r1 on 8 H20 cards", "deepseek-r1 on 8x h20"],
		["llama-3.1-70b on 2x h100 32k context 10 users", "llama-3.1-70b on 2x h100 ctx 32k users 10"],
		["llama-3.1-70b on 2x h100 with 64k context", "llama-3.1-70b on 2x h100 ctx 64k"],
		["llama-3.1-70b on 2x h100 for 20 users", "llama-3.1-70b on 2x h100 users 20"],
		["llama-3.1-70b on 2x h100 ctx=32k", "llama-3.1-70b on 2x h100 ctx 32k"],
		["llama-3.1-70b on 2x h100 users: 4 context=8k", "llama-3.1-70b on 2x h100 users 4 ctx 8k"],
		["llama-3.1-70b on 2x h100 with a context of 16k and 10 concurrent users", "llama-3.1-70b on 2x h100 ctx 16k users 10"],
		["llama-3.1-70b on 2x h100 at 32k", "llama-3.1-70b on 2x h100 ctx 32k"],
		["llama-3.1-70b on 2x h100 64k tokens of context", "llama-3.1-70b on 2x h100 ctx 64k"],
		["llama-3.1-70b on 2x h100 with fp8 kv cache using sglang", "llama-3.1-70b on 2x h100 kv fp8 engine sglang"],
		["llama-3.1-70b on 2x h100 in fp8", "llama-3.1-70b fp8 on 2x h100"],
		["deepseek-r1 两台八卡 H200 上下文 32k 二十个用户", "deepseek-r1 on 2x8 h200 ctx 32k users 20"],
	])("%s", (typed, grammar) => {
		expect(parsed(typed)).toEqual(parsed(grammar));
		// And the answer is the same answer.
		expect(answered(fitOf(typed))).toEqual(answered(fitOf(grammar)));
	});

	it("a plural GPU name resolves to the GPU", () => {
		expect(answered(fitOf("deepseek-r1 on 16 h100s"))).toEqual(answered(fitOf("deepseek-r1 on 16x h100")));
		expect(answered(fitOf("llama-3.1-8b on 2 4090s")).hardware.gpu).toBe("rtx-4090");
		expect(answered(fitOf("llama-3.1-8b on 2 a100s")).hardware.gpu).toBe("a100-80gb-sxm");
	});

	it("llama 70b answers as the newest release that fits the words, and says so", () => {
		const j = answered(fitOf("llama 70b on a single h200"));
		expect(j.model.id).toBe("llama-3.3-70b");
		expect(j.notes[0]).toMatch(/"llama 70b" is answered as Llama-3\.3-70B.*newest/);
		expect(j.notes[0]).toContain("Llama-3.1-70B");
	});

	it("recommend and compare read the same phrasing", () => {
		const r = answered(runRecommend(catalog, "deepseek-r1 with 32k context for 10 users"));
		expect([r.context, r.users]).toEqual([32 * 1024, 10]);
		const c = answered(runCompare(catalog, "deepseek-r1 on 8 H200 GPUs vs 2 nodes of 8 h100s, 32k context, 10 users"));
		expect(c.setups.map((s) => [s.hardware.gpu, s.hardware.count, s.hardware.nodes])).toEqual([
			["h200-sxm", 8, 1],
			["h100-sxm", 16, 2],
		]);
		expect([c.context, c.users]).toEqual([32 * 1024, 10]);
	});
});

describe("words that are neither grammar nor phrasing", () => {
	it.each([
		["deepseek-r1 on 8x h100 ctx 32k please", "please"],
		["deepseek-r1 on 8x h100 with fast networking", "with"],
		["deepseek-r1 on 8x h100 for everyone", "for"],
		["deepseek-r1 on 8x h100 and friends", "and"],
	])("%s names %s", (text, word) => {
		const r = fitOf(text);
		expect(r.exitCode).toBe(2);
		expect(r.reply.headline).toContain(`"${word}"`);
	});
});

describe("typos", () => {
	it("deepsek-r1 on 8x h1OO corrects both names, into a request that answers", () => {
		const r = fitOf("deepsek-r1 on 8x h1OO");
		expect(r.exitCode).toBe(2);
		expect(r.reply.headline).toMatch(/Unknown model "deepsek-r1" and GPU "h1oo"\. Did you mean: deepseek-r1 on 8x h100-sxm\?/);
		const first = r.reply.suggestions[0];
		expect(first?.run?.text).toBe("deepseek-r1 on 8x h100-sxm");
		// Every request offered answers when it is run, with both names corrected.
		expect(r.reply.suggestions.length).toBeGreaterThan(0);
		for (const s of r.reply.suggestions) {
			expect(s.run).not.toBeNull();
			expect(fitOf(s.run?.text ?? "").exitCode).toBe(0);
		}
		// Discord shows it as its options.
		expect(first?.run?.options).toEqual({ model: "deepseek-r1", hardware: "8x h100-sxm" });
	});

	it("one typo keeps the rest of the request, options and phrasing included", () => {
		const r = fitOf("deepseek-r1 on 16 h1OOs with 32k context for 10 users");
		expect(r.reply.suggestions[0]?.run?.text).toBe("deepseek-r1 on 16x h100-sxm ctx 32k users 10");
		const m = fitOf("deepsek-r1 on 16x h100 ctx 32k");
		expect(m.reply.suggestions[0]?.run?.text).toBe("deepseek-r1 on 16x h100 ctx 32k");
		for (const s of [...r.reply.suggestions, ...m.reply.suggestions]) expect(fitOf(s.run?.text ?? "").exitCode).toBe(0);
	});

	it("/recommend and /compare offer a corrected request that answers", () => {
		const r = runRecommend(catalog, "deepsek-r1 ctx 32k");
		expect(r.reply.suggestions[0]?.run).toMatchObject({ command: "recommend", text: "deepseek-r1 ctx 32k" });
		expect(runRecommend(catalog, r.reply.suggestions[0]?.run?.text ?? "").exitCode).toBe(0);
		const c = runCompare(catalog, "deepseek-r1 on 8x h200 vs 8x h1OO");
		expect(c.reply.suggestions[0]?.run?.text).toBe("deepseek-r1 on 8x h200 vs 8x h100-sxm");
		expect(runCompare(catalog, c.reply.suggestions[0]?.run?.text ?? "").exitCode).toBe(0);
	});
});
