// What a speed estimate says and how it moves: its constants come from the catalog profiles of the
// setup's engine, GPU and precision; it follows the layout, the request's speculative decoding and prompt;
// it prices many users with their prefills. Accuracy against published runs: speed-accuracy.test.ts.
import { describe, expect, it } from "vitest";
import { speedJson, speedLine } from "../../commands/reason-words.js";
import { checkSpeedTable } from "../../src/catalog/speed-schema.js";
import { size } from "../../src/core/size.js";
import { estimateSpeed, OUTPUT_TOKENS, type SpeedEstimate, TTFT_PROMPT_TOKENS } from "../../src/core/speed.js";
import { FALLBACK_CONSTANTS, precisionClassOf, resolveProfile, versionNumbers } from "../../src/core/speed-profile.js";
import type { SizingRequest } from "../../src/core/types.js";
import { repoCatalog } from "../support/catalog.js";
import { fixtureCatalog } from "../support/fixture-catalog.js";

const catalog = repoCatalog();
const model = (id: string) => catalog.models.find((m) => m.id === id)!;
const gpu = (id: string) => catalog.gpus.find((g) => g.id === id)!;

type Ask = Omit<Partial<SizingRequest>, "model" | "gpu"> & { model: string; gpu: string; count: number };

function request(over: Ask): SizingRequest {
	const { model: m, gpu: g, count, ...rest } = over;
	const perNode = Math.min(count, 8);
	return {
		model: model(m),
		gpu: gpu(g),
		count,
		nodes: count / perNode,
		gpusPerNode: perNode,
		precision: "native",
		context: 8192,
		users: 1,
		engine: "vllm",
		engineExplicit: true,
		kv: null,
		util: null,
		...rest,
	};
}
const speedOf = (r: SizingRequest) => estimateSpeed(size(catalog, r))!;
/** Its notes and assumptions in English, as `--json` says them. */
const words = (e: SpeedEstimate) => speedJson(e)!;

describe("what the estimate reports", () => {
	const sized = size(catalog, request({ model: "llama-3.1-8b", gpu: "h100-sxm", count: 1, users: 4 }));
	const e = estimateSpeed(sized)!;

	it("is labelled an estimate, with its load, lengths, profiles and assumptions", () => {
		expect(e.estimate).toBe(true);
		expect(e.users).toBe(4);
		expect(e.contextTokens).toBe(8192);
		expect(e.promptTokens).toBe(TTFT_PROMPT_TOKENS);
		expect(e.outputTokens).toBe(OUTPUT_TOKENS);
		expect(e.profiles).toEqual(["base", "vllm"]);
		expect(words(e).assumptions.join(" ")).toMatch(/4 users, each sending a 4K-token prompt and reading 1K tokens back/);
		expect(speedLine(e)).toMatch(/estimates, memory-bound\)$/);
	});

	it("says the prefill budget and, where the engine runs prefill eagerly, its launch cost per layer", () => {
		// vLLM on an H100: 8,192 tokens per step (vllm/engine/arg_utils.py), no eager launch cost said.
		expect(words(e).assumptions.find((a) => a.startsWith("constants"))).toMatch(/prefill in passes of up to 8K tokens$/);
		const sglang = speedOf(request({ model: "deepseek-r1", gpu: "h200-sxm", count: 8, engine: "sglang" }));
		const perLayer = resolveProfile(catalog.speed, "sglang", gpu("h200-sxm"), "8bit").constants.prefillLayerOverheadUs;
		expect(perLayer).toBeGreaterThan(0);
		expect(words(sglang).assumptions.join(" ")).toContain(`each ${perLayer} µs per layer of launches`);
	});

	it("cost per million output tokens = rent per hour / (tokens per second in all x 3600) x 1e6", () => {
		const hourly = sized.cost.hourlyUsd!;
		expect(e.usdPerMillionOutputTokens).toBeCloseTo((hourly / (e.decodeTokensPerSecondTotal * 3600)) * 1e6, 6);
	});

	it("prices the users' prefills: all users together get less than users x one user's decode rate", () => {
		expect(e.decodeTokensPerSecondTotal).toBeLessThan(4 * e.decodeTokensPerSecondPerUser);
		expect(e.decodeTokensPerSecondTotal).toBeGreaterThan(0.7 * 4 * e.decodeTokensPerSecondPerUser);
	});

	it("an upcast model computes in BF16: DeepSeek-R1 on A100s", () => {
		const s = speedOf(request({ model: "deepseek-r1", gpu: "a100-80gb-sxm", count: 32 }));
		expect(s.computeFormat).toBe("bf16");
	});

	it("no estimate when the setup does not run", () => {
		expect(estimateSpeed(size(catalog, request({ model: "deepseek-r1", gpu: "h100-sxm", count: 1 })))).toBeNull();
	});
});

describe("constants come from the catalog's profiles", () => {
	it("the base profile gives every constant; engine, family, GPU list and precision profiles override", () => {
		const geforce = resolveProfile(catalog.speed, "llamacpp", gpu("rtx-3090"), "gguf");
		expect(geforce.profiles.map((p) => p.id)).toEqual(["base", "llamacpp", "llamacpp-ampere", "llamacpp-geforce"]);
		const pro = resolveProfile(catalog.speed, "llamacpp", gpu("rtx-a6000"), "gguf");
		expect(pro.constants.prefillEfficiency).toBeLessThan(geforce.constants.prefillEfficiency);
		const hbm = resolveProfile(catalog.speed, "llamacpp", gpu("h100-pcie"), "16bit");
		expect(hbm.constants.memoryEfficiency).toBeLessThan(pro.constants.memoryEfficiency);
		expect(resolveProfile(catalog.speed, "sglang", gpu("mi355x"), "fp4").profiles.map((p) => p.id)).toEqual([
			"base",
			"fp4",
			"sglang",
			"sglang-cdna4-fp4",
		]);
		for (const name of Object.keys(FALLBACK_CONSTANTS)) expect(hbm.constants).toHaveProperty(name);
	});

	it("vLLM's server schedules 8,192 tokens per step on GPUs of 70 GiB or more except A100s, 2,048 on the rest", () => {
		// vllm/engine/arg_utils.py, EngineArgs.get_batch_defaults (OPENAI_API_SERVER defaults).
		const budget = (id: string) => resolveProfile(catalog.speed, "vllm", gpu(id), "16bit").constants.prefillChunkTokens;
		expect(budget("h100-sxm")).toBe(8192);
		expect(budget("mi300x")).toBe(8192);
		expect(budget("a100-80gb-sxm")).toBe(2048);
		expect(budget("l40s")).toBe(2048);
		expect(budget("rtx-4090")).toBe(2048);
	});

	it("a past version's profile matches that version's runs, never a request", () => {
		const old = resolveProfile(catalog.speed, "trtllm", gpu("h100-sxm"), "8bit", "v0.6.1");
		expect(old.profiles.map((p) => p.id)).toContain("trtllm-legacy");
		expect(resolveProfile(catalog.speed, "trtllm", gpu("h100-sxm"), "8bit").profiles.map((p) => p.id)).not.toContain(
			"trtllm-legacy",
		);
		expect(
			resolveProfile(catalog.speed, "trtllm", gpu("h100-sxm"), "8bit", "1.1.0rc2.post2").profiles.map((p) => p.id),
		).not.toContain("trtllm-legacy");
		expect(versionNumbers("nvcr.io/nvidia/tensorrt-llm/release:1.2.0rc6.post2")).toEqual([1, 2, 0]);
	});

	it("the catalog's speed table is checked as a whole: one complete base profile, known GPU ids", () => {
		expect(checkSpeedTable(catalog.speed, new Set(catalog.gpus.map((g) => g.id)))).toEqual([]);
		const base = catalog.speed.find((e) => e.id === "base")!;
		const broken = { ...base, constants: { memoryEfficiency: 0.8 } } as typeof base;
		expect(checkSpeedTable([broken])[0]?.message).toMatch(/^the base profile lacks decodeEfficiency, /);
		const geforce = catalog.speed.find((e) => e.id === "llamacpp-geforce")!;
		const typo = { ...geforce, match: { engine: "llamacpp", gpu: ["rtx-3090", "rtx-3099"] } } as typeof geforce;
		expect(checkSpeedTable([base, typo], new Set(["rtx-3090"]))).toEqual([
			{ entry: "llamacpp-geforce", message: 'unknown GPU "rtx-3099" in match.gpu' },
		]);
	});

	it("a catalog without speed entries estimates with the fallback constants", () => {
		const fixture = fixtureCatalog();
		expect(fixture.speed).toEqual([]);
		const g = fixture.gpus[0]!;
		expect(resolveProfile(fixture.speed, "vllm", g, "16bit").constants).toEqual(FALLBACK_CONSTANTS);
	});

	it("precision classes: GGUF, 16-bit, 8-bit, 4-bit integer, FP4", () => {
		expect(["q4_k_m", "bf16", "fp8", "awq", "nvfp4", "mxfp4"].map((f) => precisionClassOf(f as never))).toEqual([
			"gguf",
			"16bit",
			"8bit",
			"4bit",
			"fp4",
			"fp4",
		]);
	});

	it("llama.cpp has a per-token floor of milliseconds: an 8B Q4 model decodes at the same ~140 tok/s on an A100 and an H100", () => {
		const a100 = speedOf(
			request({ model: "llama-3.1-8b", gpu: "a100-80gb-sxm", count: 1, engine: "llamacpp", precision: "q4_k_m" }),
		);
		const h100 = speedOf(request({ model: "llama-3.1-8b", gpu: "h100-sxm", count: 1, engine: "llamacpp", precision: "q4_k_m" }));
		expect(h100.decodeTokensPerSecondPerUser / a100.decodeTokensPerSecondPerUser).toBeLessThan(1.35);
		const vllm = speedOf(request({ model: "llama-3.1-8b", gpu: "h100-sxm", count: 1, precision: "bf16" }));
		// vLLM on the H100 reads 16 GB of BF16 weights per token yet is not far behind llama.cpp's 5 GB of Q4.
		expect(vllm.decodeTokensPerSecondPerUser).toBeGreaterThan(0.6 * h100.decodeTokensPerSecondPerUser);
	});
});

describe("speed follows the layout", () => {
	const base = { model: "deepseek-r1", gpu: "h200-sxm", count: 8, engine: "sglang" as const, users: 64, context: 4096 };

	it("DeepSeek-R1 on 8x H200 at 64 users: data-parallel attention with expert parallelism differs from TP8", () => {
		const tp = size(catalog, request(base));
		const dp = size(catalog, request({ ...base, layout: { dp: 8, ep: true } }));
		expect(tp.layout).toEqual({ tp: 8, pp: 1, dp: 1, ep: 1 });
		expect(dp.layout).toEqual({ tp: 8, pp: 1, dp: 8, ep: 8 });
		const a = estimateSpeed(tp)!;
		const b = estimateSpeed(dp)!;
		expect(b.decodeTokensPerSecondTotal).not.toBeCloseTo(a.decodeTokensPerSecondTotal, 0);
		// Each DP rank reads only its own users' latent caches: at long contexts DP attention wins.
		const longTp = estimateSpeed(size(catalog, request({ ...base, context: 32768 })))!;
		const longDp = estimateSpeed(size(catalog, request({ ...base, context: 32768, layout: { dp: 8, ep: true } })))!;
		expect(longDp.decodeTokensPerSecondTotal).toBeGreaterThan(longTp.decodeTokensPerSecondTotal);
	});

	it("across two servers, tensor parallelism pays the network per layer; pipeline stages take turns", () => {
		const r = { model: "llama-3.1-70b", gpu: "h100-sxm", count: 16, precision: "bf16" as const };
		const tp16 = speedOf(request({ ...r, layout: { tp: 16 } }));
		const tp8pp2 = speedOf(request({ ...r, layout: { tp: 8, pp: 2 } }));
		const tp8 = speedOf(request({ ...r, count: 8 }));
		expect(tp16.decodeTokensPerSecondPerUser).toBeLessThan(1.6 * tp8.decodeTokensPerSecondPerUser);
		expect(tp8pp2.decodeTokensPerSecondPerUser).toBeLessThan(tp8.decodeTokensPerSecondPerUser * 1.05);
	});
});

describe("speculative decoding (spec mtp | eagle [accept x])", () => {
	const v31 = { model: "deepseek-v3.1", gpu: "h200-sxm", count: 8, engine: "sglang" as const };

	it("MTP on a model with MTP layers: named, with the published acceptance, faster for one user", () => {
		const plain = speedOf(request(v31));
		const mtp = speedOf(request({ ...v31, spec: { method: "mtp" } }));
		expect(mtp.speculative).toMatchObject({ method: "mtp", name: "MTP", draftTokens: 3, accept: 0.85, acceptAsked: false });
		expect(mtp.speculative!.tokensPerStep).toBeCloseTo((1 - 0.85 ** 4) / (1 - 0.85), 9);
		const gain = mtp.decodeTokensPerSecondPerUser / plain.decodeTokensPerSecondPerUser;
		expect(gain).toBeGreaterThan(1.5);
		expect(gain).toBeLessThan(3.2);
		expect(speedLine(mtp)).toMatch(/MTP, 85% of drafts accepted/);
		expect(words(mtp).assumptions.join(" ")).toMatch(/MTP: 3 draft tokens per step, 85% of them accepted \(published runs\)/);
	});

	it("a lower acceptance asked for gains less", () => {
		const low = speedOf(request({ ...v31, spec: { method: "mtp", accept: 0.5 } }));
		const high = speedOf(request({ ...v31, spec: { method: "mtp" } }));
		expect(low.speculative).toMatchObject({ accept: 0.5, acceptAsked: true });
		expect(low.decodeTokensPerSecondPerUser).toBeLessThan(high.decodeTokensPerSecondPerUser);
	});

	it("MTP on a model without MTP layers is answered with a note, never silently", () => {
		const e = speedOf(request({ model: "llama-3.1-8b", gpu: "h100-sxm", count: 1, spec: { method: "mtp" } }));
		expect(e.speculative).toBeNull();
		expect(words(e).notes).toEqual([
			`MTP asked, but ${model("llama-3.1-8b").name} ships no MTP layers: estimated without speculative decoding`,
		]);
		expect(speedLine(e)).toContain("ships no MTP layers");
	});

	it("EAGLE for Llama-class models (published draft heads); a note for others and for llama.cpp", () => {
		const eagle = speedOf(request({ model: "llama-3.1-8b", gpu: "h100-sxm", count: 1, spec: { method: "eagle" } }));
		const plain = speedOf(request({ model: "llama-3.1-8b", gpu: "h100-sxm", count: 1 }));
		expect(eagle.speculative?.name).toBe("EAGLE-3");
		expect(eagle.decodeTokensPerSecondPerUser / plain.decodeTokensPerSecondPerUser).toBeGreaterThan(1.5);
		const gemma = speedOf(request({ model: "gemma-3-27b", gpu: "h100-sxm", count: 1, spec: { method: "eagle" } }));
		expect(gemma.speculative).toBeNull();
		expect(words(gemma).notes[0]).toBe(
			`EAGLE-3 asked, but no published EAGLE draft head is known for ${model("gemma-3-27b").name}: estimated without speculative decoding`,
		);
		const cpp = speedOf(
			request({
				model: "llama-3.1-8b",
				gpu: "h100-sxm",
				count: 1,
				engine: "llamacpp",
				precision: "q4_k_m",
				spec: { method: "eagle" },
			}),
		);
		expect(words(cpp).notes[0]).toMatch(/llama.cpp does not run EAGLE-3/);
	});
});

describe("prompt <N> sets the prompt the first token is for", () => {
	const r = { model: "llama-3.1-70b", gpu: "h100-sxm", count: 4, precision: "bf16" as const, context: 32768 };

	it("a longer prompt waits longer for its first token; the default is 4096 tokens", () => {
		const dflt = speedOf(request(r));
		const long = speedOf(request({ ...r, prompt: 16384 }));
		expect(dflt.promptTokens).toBe(4096);
		expect(long.promptTokens).toBe(16384);
		expect(long.ttftSeconds).toBeGreaterThan(3.5 * dflt.ttftSeconds);
		expect(long.decodeTokensPerSecondPerUser).toBeCloseTo(dflt.decodeTokensPerSecondPerUser, 6);
	});

	it("a prompt longer than the context allows is cut to fit, with a note", () => {
		const e = speedOf(request({ ...r, context: 4096, prompt: 8192 }));
		expect(e.promptTokens).toBe(4096 - OUTPUT_TOKENS);
		expect(words(e).notes[0]).toMatch(/do not fit a 4K-token context: first token estimated for 3K tokens/);
	});
});
