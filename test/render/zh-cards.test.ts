// Chinese workspaces read Chinese cards: fit (fits, tight, no-fit with suggestions, the speed line and its
// notes), recommend, compare, help and every request error the parser names, on the fixture catalog, rendered as
// the CLI's text, Slack's Block Kit and Discord's embed, show no run of three English words or more outside
// names, units and what people type (requests, options, engine settings).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPrepared } from "../../commands/answer.js";
import { prepareCatalog } from "../../commands/hub-models.js";
import { COMMANDS } from "../../commands/index.js";
import type { Reply } from "../../src/chat/reply.js";
import { HubClient } from "../../src/models/hub.js";
import { COMPARE_EXAMPLE, COMPARE_GRAMMAR, parseCompare } from "../../src/parse/compare-grammar.js";
import type { Problem } from "../../src/parse/errors.js";
import { parseFit } from "../../src/parse/grammar.js";
import { parseRecommend } from "../../src/parse/recommend-grammar.js";
import { resolveFit } from "../../src/parse/resolve.js";
import { renderBlockKit } from "../../src/render/blockkit.js";
import { embedOf } from "../../src/render/embed.js";
import { renderText } from "../../src/render/text.js";
import { englishRuns } from "../support/english-runs.js";
import { fixtureCatalog } from "../support/fixture-catalog.js";
import { type HubStandIn, hubFixture, startHubStandIn } from "../support/hub-stand-in.js";

/** Names people read as they are written: the catalog's models and GPUs (long and short), the engines. */
function names(): string[] {
	const catalog = fixtureCatalog();
	const gpus = catalog.gpus.flatMap((g) => [
		g.name,
		g.name.replace(/^(NVIDIA|AMD|Intel|Huawei)\s+(Instinct\s+|GeForce\s+)?/, "").replace(/\s*\(.*\)$/, ""),
	]);
	const models = catalog.models.flatMap((m) => [m.name, m.id]);
	const engines = ["vLLM", "SGLang", "TensorRT-LLM", "llama.cpp", "MLX", "Hugging Face"];
	// Provider names in prices ("nebius (global)", "vast.ai (global)").
	const providers = catalog.prices.map((p) => p.provider);
	return [...gpus, ...models, ...engines, ...providers].sort((a, b) => b.length - a.length);
}

/** Examples that are requests as typed (a help card's) are what people type, not sentences: left out. */
function withoutRequests(reply: Reply): Reply {
	return { ...reply, suggestions: reply.suggestions.filter((s) => s.run?.text !== s.text) };
}

/** Every text a platform shows of the card: the CLI's text, Block Kit's texts, the embed's. */
function rendered(reply: Reply): string[] {
	const texts: string[] = [renderText(reply, "zh")];
	JSON.stringify(renderBlockKit(reply, { locale: "zh" }), (key, value) => {
		if (key === "text" && typeof value === "string") texts.push(value);
		return value;
	});
	const e = embedOf(reply, "zh");
	texts.push(e.title ?? "", e.description ?? "", e.footer?.text ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value]));
	return texts;
}

function zhCard(command: "fit" | "recommend" | "compare", text: string): Reply {
	const result = COMMANDS[command].run(fixtureCatalog(), text, "zh");
	expect(result.exitCode, `${command} ${text}`).toBe(0);
	return result.reply;
}

const FIT = [
	{ request: "deepseek-r1 on 8x H200 ctx 32k users 10", verdict: "fits" },
	{ request: "llama-3.1-70b on 2x H100 ctx 128k users 20", verdict: "tight" },
	{ request: "gpt-oss-120b on 1x H100 ctx 128k users 4", verdict: "tight" },
	{ request: "llama-3.1-8b on 1x rtx-4090 ctx 128k users 8", verdict: "tight" },
	{ request: "llama-3.1-70b on 1x H100", verdict: "no-fit" },
	{ request: "deepseek-r1 on 8x H100", verdict: "no-fit" },
	{ request: "qwen3-32b on 1x L4", verdict: "no-fit" },
	// "llama 70b": the newest release it names, said in a note.
	{ request: "llama 70b on 4x H100", verdict: "fits" },
	// Setups that cannot run at all: past the model's context, a format the GPU has no units for, an engine the
	// GPU does not run.
	{ request: "llama-3.1-8b on 1x H100 ctx 256k", verdict: "no-fit" },
	{ request: "llama-3.1-8b nvfp4 on 1x H100", verdict: "no-fit" },
	// (No card of the fixture catalog runs TensorRT-LLM with more memory: nothing to suggest.)
	{ request: "llama-3.1-8b on 1x MI300X engine trtllm", verdict: "no-fit", suggests: false },
	// The speed line's notes: speculative decoding the model cannot use, a prompt longer than the context.
	{ request: "llama-3.1-8b on 1x H100 spec mtp", verdict: "fits" },
	{ request: "llama-3.1-70b on 4x H100 ctx 4k prompt 8k", verdict: "fits" },
] as const;

const RECOMMEND = [
	"deepseek-r1 ctx 32k users 10",
	"llama-3.1-70b ctx 8k users 5",
	"llama-3.1-8b buy",
	"llama-3.1-70b budget $1/h",
	"deepseek-r1 ctx 32k users 500",
	"llama-3.1-8b ctx 256k",
	// The GPUs an engine does not run on are named with the engine's rule.
	"llama-3.1-70b engine trtllm",
];

/** A request that reaches each problem the parser can name (a hub model's: below), and the command it is asked of. */
const PROBLEMS: Record<Exclude<Problem["code"], "hub">, ["fit" | "compare" | "recommend", string]> = {
	"too-long": ["fit", `llama-3.1-8b on 1x H100 ${"ctx 8k ".repeat(200)}`],
	"control-chars": ["fit", "llama-3.1-8b on 1x H100\u0007"],
	empty: ["recommend", "在"],
	"model-first": ["fit", "on 8x H100"],
	"unknown-word": ["fit", "llama-3.1-8b on 1x H100 ctx 8k please"],
	"needs-value": ["fit", "llama-3.1-8b on 1x H100 ctx"],
	"two-precisions": ["fit", "llama-3.1-8b fp8 on 1x H100 bf16"],
	"bad-context": ["fit", "llama-3.1-8b on 1x H100 ctx lots"],
	"bad-users": ["fit", "llama-3.1-8b on 1x H100 users zero"],
	"unknown-engine": ["fit", "llama-3.1-8b on 1x H100 engine turbo"],
	"bad-kv": ["fit", "llama-3.1-8b on 1x H100 kv int3"],
	"bad-util": ["fit", "llama-3.1-8b on 1x H100 util 2"],
	"bad-prompt": ["fit", "llama-3.1-8b on 1x H100 prompt long"],
	"layout-size": ["fit", "llama-3.1-8b on 1x H100 layout tp0"],
	"layout-parts": ["fit", "llama-3.1-8b on 1x H100 layout"],
	"spec-method": ["fit", "llama-3.1-8b on 1x H100 spec"],
	"bad-accept": ["fit", "llama-3.1-8b on 1x H100 spec mtp accept 2"],
	"hardware-twice": ["fit", "llama-3.1-8b on 1x H100 on 2x H100"],
	"no-hardware": ["fit", "llama-3.1-8b ctx 8k"],
	"no-count": ["fit", "llama-3.1-8b on H100"],
	"bad-count": ["fit", "llama-3.1-8b on 0x H100"],
	"bad-node-count": ["fit", "llama-3.1-8b on 64x64 H100"],
	"which-gpu": ["fit", "llama-3.1-8b on 8x"],
	"too-many-gpus": ["fit", "llama-3.1-8b on 100x dgx h200"],
	"two-setups": ["compare", "llama-3.1-8b on 1x H100"],
	"too-many-setups": ["compare", `llama-3.1-8b on ${Array.from({ length: 7 }, (_, i) => `${i + 1}x H100`).join(" vs ")}`],
	"setup-no-gpus": ["compare", "llama-3.1-8b on 1x H100 vs ctx 8k"],
	"bad-budget": ["recommend", "llama-3.1-8b budget lots"],
	"budget-zero": ["recommend", "llama-3.1-8b budget $0"],
	"rent-and-buy": ["recommend", "llama-3.1-8b rent buy"],
	"bad-vendor": ["recommend", "llama-3.1-8b vendor acme"],
	"recommend-hardware": ["recommend", "llama-3.1-8b on 8x H100"],
	"unknown-model": ["fit", "nosuchmodel on 1x H100"],
	"unknown-gpu": ["fit", "llama-3.1-8b on 1x h1OO"],
	"unknown-model-and-gpu": ["fit", "deepsek-r1 on 8x h1OO"],
	"not-in-name": ["fit", "llama-3.1-8b please on 1x H100"],
};

/** The problem the parser (and, for /fit, name resolution) finds in a request. */
function problemOf(command: "fit" | "compare" | "recommend", text: string): string {
	const parsed = command === "fit" ? parseFit(text) : command === "compare" ? parseCompare(text) : parseRecommend(text);
	if (!parsed.ok) return parsed.error.problem.code;
	if (command !== "fit") return "none";
	const resolved = resolveFit(fixtureCatalog(), parsed.value as Parameters<typeof resolveFit>[1]);
	return resolved.ok ? "none" : resolved.error.problem.code;
}

const COMPARE = ["deepseek-r1 on 8x H200 vs 16x H100 vs 8x MI300X", "llama-3.1-70b on 1x H100 vs 2x H100 vs 4x L4"];

describe("Chinese cards speak Chinese", () => {
	const allowed = names();

	it("the check finds English sentences and lets names, units and requests be", () => {
		expect(englishRuns("放不下：Weights and engine fixed needs exceed 可用", allowed)).toEqual([
			"Weights and engine fixed needs exceed",
		]);
		expect(englishRuns("~48.9 tok/s per user, 487 tok/s in all at 10 users", allowed)).toEqual(["in all at users"]);
		expect(englishRuns("8x NVIDIA H200 SXM 141GB：可以运行，18 个用户 × 32K · 48.9 tok/s · `kv fp8`", allowed)).toEqual([]);
		expect(englishRuns('gpufit fit "deepseek-r1 on 8x h200-sxm ctx 32k users 10 kv fp8"', allowed)).toEqual([]);
	});

	it("a memory bar past the memory says so in Chinese, on every platform", () => {
		const reply = zhCard("fit", "llama-3.1-70b on 1x H100");
		expect(reply.bar?.overflow).toBe(true);
		const bars = rendered(reply).filter((t) => /█{5}/.test(t));
		// The text, Block Kit's context and the embed's field each draw it.
		expect(bars.length).toBeGreaterThanOrEqual(3);
		for (const t of bars) expect(t).toMatch(/█+ ▶ 超出/);
		expect(renderText(COMMANDS.fit.run(fixtureCatalog(), "llama-3.1-70b on 1x H100", "en").reply)).toMatch(/█+ ▶ over/);
	});

	for (const { request, verdict, ...rest } of FIT) {
		it(`fit ${request}: ${verdict}, in Chinese`, () => {
			const reply = zhCard("fit", request);
			expect(reply.verdict).toBe(verdict);
			if (verdict !== "fits" && !("suggests" in rest)) expect(reply.suggestions.length).toBeGreaterThan(0);
			expect(rendered(reply).flatMap((t) => englishRuns(t, allowed))).toEqual([]);
		});
	}

	for (const request of RECOMMEND) {
		it(`recommend ${request}, in Chinese`, () => {
			const reply = zhCard("recommend", request);
			expect(reply.notes.length).toBeGreaterThan(0);
			expect(rendered(reply).flatMap((t) => englishRuns(t, allowed))).toEqual([]);
		});
	}

	for (const command of ["fit", "recommend", "compare"] as const) {
		it(`${command} help, in Chinese`, () => {
			const reply = zhCard(command, "help");
			expect(reply.kind).toBe("help");
			expect(rendered(withoutRequests(reply)).flatMap((t) => englishRuns(t, allowed))).toEqual([]);
		});
	}

	it("a setup over several nodes says how many in Chinese, in the table, the notes and the suggestions", () => {
		const reply = zhCard("compare", "deepseek-r1 on 8x H200 vs 16x H100");
		// 16 H100s are 2 nodes of 8 (the fixture catalog's H100 SXM5 nodes hold 8).
		expect(reply.table?.columns).toContain("16x H100 SXM5 80GB (2 台)");
		expect(reply.suggestions.map((x) => x.text).join("\n")).toContain("16x H100 SXM5 80GB (2 台)");
		for (const text of rendered(reply)) expect(text).not.toMatch(/\bnodes?\b/);
		const recommend = zhCard("recommend", "deepseek-r1 ctx 32k users 10");
		// Its notes name setups from the core's facts (the slow first token, the upcast ones).
		expect(recommend.notes.filter((n) => n.includes(" (2 台)")).length).toBeGreaterThan(0);
		for (const text of rendered(recommend)) expect(text).not.toMatch(/\bnodes?\b/);
	});

	for (const [code, [command, text]] of Object.entries(PROBLEMS)) {
		it(`a request error (${code}), in Chinese; its JSON in English`, () => {
			const zh = COMMANDS[command].run(fixtureCatalog(), text, "zh");
			if (code === "unknown-model-and-gpu") {
				// Resolution stops at the model; /fit then corrects both names in one error (commands/fit.ts).
				expect(problemOf(command, text)).toBe("unknown-model");
				expect(zh.reply.headline).toContain("“h1oo”");
			} else expect(problemOf(command, text)).toBe(code);
			const en = COMMANDS[command].run(fixtureCatalog(), text, "en");
			expect(zh.exitCode).toBe(2);
			expect(zh.json).toEqual(en.json);
			// The English card and the JSON word the problem alike (commands/reason-words-request-en.ts).
			expect((en.json as { error: { message: string } }).error.message).toBe(en.reply.headline);
			expect(zh.reply.title).toBe("无法理解请求");
			expect(zh.reply.headline).toMatch(/[\u4e00-\u9fff]/);
			// Discord's embed says the options' version where there is one: rendered() reads it.
			if (en.reply.optionsHeadline !== undefined) expect(zh.reply.optionsHeadline).toMatch(/[\u4e00-\u9fff]/);
			expect(rendered(zh.reply).flatMap((t) => englishRuns(t, allowed))).toEqual([]);
			// The lines about the grammar: as many as the English card's, and no English word outside the grammar
			// and the request quoted as code ("Grammar:" is one word, below englishRuns' three).
			const grammarLines = (r: Reply) => r.suggestions.filter((x) => x.grammar).map((x) => x.text);
			expect(grammarLines(zh.reply).length).toBe(grammarLines(en.reply).length);
			for (const line of grammarLines(zh.reply)) expect(line.replace(/`[^`]*`/g, "")).not.toMatch(/[A-Za-z]/);
		});
	}

	it("the grammar lines of an error card: English labels in English, Chinese ones on Chinese cards", () => {
		const text = "llama-3.1-8b on 1x H100";
		const en = COMMANDS.compare.run(fixtureCatalog(), text, "en").reply.suggestions.map((x) => x.text);
		const zh = COMMANDS.compare.run(fixtureCatalog(), text, "zh").reply.suggestions.map((x) => x.text);
		expect(en).toEqual([`Grammar: ${COMPARE_GRAMMAR}`, `Example: ${COMPARE_EXAMPLE}`]);
		expect(zh).toEqual([`语法：\`${COMPARE_GRAMMAR}\``, `示例：\`${COMPARE_EXAMPLE}\``]);
	});

	for (const request of COMPARE) {
		it(`compare ${request}, in Chinese`, () => {
			const reply = zhCard("compare", request);
			expect(reply.table?.rows.length).toBeGreaterThan(0);
			expect(rendered(reply).flatMap((t) => englishRuns(t, allowed))).toEqual([]);
		});
	}

	describe("a Hugging Face model (a local stand-in of the hub)", () => {
		const REPO = "acme/Llama-3.1-8B-ft";
		const SHA = "0123456789abcdef0123456789abcdef01234567";
		let hub: HubStandIn;
		let cacheDir: string;
		beforeAll(async () => {
			cacheDir = mkdtempSync(join(tmpdir(), "gpufit-zh-hub-"));
			hub = await startHubStandIn({
				[REPO]: {
					sha: SHA,
					files: { "config.json": hubFixture("meta-llama/Meta-Llama-3.1-8B") },
					parameters: { BF16: 8_030_261_248 },
				},
				"acme/down": { sha: SHA, files: {}, status: 500 },
				"acme/gated": { sha: SHA, files: { "config.json": "{}" }, gated: "manual" },
				"acme/broken": { sha: SHA, files: { "config.json": "{not json" } },
				"acme/odd": { sha: SHA, files: { "config.json": JSON.stringify({ architectures: ["FooForCausalLM"] }) } },
			});
		});
		afterAll(async () => {
			await hub.close();
			rmSync(cacheDir, { recursive: true, force: true });
		});

		it("says where its figures came from in Chinese", async () => {
			const text = `${REPO} on 1x H100 ctx 8k`;
			const client = new HubClient({ endpoint: hub.url, cacheDir });
			const prepared = await prepareCatalog(fixtureCatalog(), "fit", text, client);
			const result = runPrepared(COMMANDS.fit, fixtureCatalog(), prepared, text, "zh");
			expect(result.exitCode).toBe(0);
			expect(result.reply.notes[0]).toContain(REPO);
			// The JSON keeps the English note.
			expect((result.json as { notes: string[] }).notes[0]).toMatch(/^Read from the Hugging Face hub: /);
			expect(rendered(result.reply).flatMap((t) => englishRuns(t, [...allowed, REPO]))).toEqual([]);
		});

		it("a repository the hub does not have: the error card in Chinese, the JSON in English", async () => {
			const text = "acme/no-such-model on 1x H100";
			const client = new HubClient({ endpoint: hub.url, cacheDir });
			const prepared = await prepareCatalog(fixtureCatalog(), "fit", text, client);
			expect(prepared.ok).toBe(false);
			const zh = runPrepared(COMMANDS.fit, fixtureCatalog(), prepared, text, "zh");
			expect(zh.exitCode).toBe(2);
			expect(zh.reply.headline).toContain("acme/no-such-model");
			expect((zh.json as { error: { message: string } }).error.message).toMatch(
				/^No model "acme\/no-such-model" on the Hugging Face hub/,
			);
			expect(rendered(zh.reply).flatMap((t) => englishRuns(t, allowed))).toEqual([]);
		});

		// What the hub reader found, kept on the Chinese card as facts (the HTTP status, the file, the config's keys)
		// in a Chinese sentence; the JSON keeps the reader's English (src/models/hub-reasons.ts).
		it.each([
			["acme/down", ["500"], () => `The Hugging Face hub (${hub.url}) answered 500 for "acme/down"`],
			["acme/gated", ["HF_TOKEN"], () => `"acme/gated" is gated: accept its licence on the hub and set HF_TOKEN`],
			["acme/broken", ["config.json", "not valid JSON"], () => `config.json of "acme/broken" is not valid JSON: `],
			[
				"acme/odd",
				["architectures"],
				() => "acme/odd: config.json has keys or values this reader cannot interpret: architectures",
			],
		])("%s: the hub's facts in a Chinese sentence", async (repo, facts, english) => {
			const text = `${repo} on 1x H100`;
			const client = new HubClient({ endpoint: hub.url, cacheDir });
			const prepared = await prepareCatalog(fixtureCatalog(), "fit", text, client);
			const zh = runPrepared(COMMANDS.fit, fixtureCatalog(), prepared, text, "zh");
			expect(zh.exitCode).toBe(2);
			for (const fact of [repo, ...facts]) expect(zh.reply.headline).toContain(fact);
			expect((zh.json as { error: { message: string } }).error.message.startsWith(english())).toBe(true);
			expect(rendered(zh.reply).flatMap((t) => englishRuns(t, [...allowed, "FooForCausalLM"]))).toEqual([]);
		});
	});
});
