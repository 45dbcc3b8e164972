import { describe, expect, it } from "vitest";
import { requestErrorWords } from "../../commands/reason-words-request.js";
import { parseFit } from "../../src/parse/grammar.js";
import { parseCount, parseFraction, parseTokens } from "../../src/parse/numbers.js";

const ok = (text: string) => {
	const r = parseFit(text);
	if (!r.ok) throw new Error(`${text}: ${requestErrorWords(r.error, "en").headline}`);
	return r.value;
};

describe("numbers", () => {
	it("k is 1024 and m is 1024 x 1024, as model cards mean it", () => {
		expect(parseTokens("32k")).toBe(32 * 1024);
		expect(parseTokens("128k")).toBe(131072);
		expect(parseTokens("1m")).toBe(1_048_576);
		expect(parseTokens("131072")).toBe(131072);
		expect(parseTokens("1.5k")).toBe(1536);
		expect(parseTokens("0")).toBeNull();
		expect(parseTokens("-4k")).toBeNull();
		expect(parseTokens("1e9")).toBeNull();
		expect(parseTokens("1.0001k")).toBeNull();
	});
	it("counts are whole and bounded; fractions lie in (0, 1]", () => {
		expect(parseCount("16", 512)).toBe(16);
		expect(parseCount("0", 512)).toBeNull();
		expect(parseCount("513", 512)).toBeNull();
		expect(parseCount("1e3", 512)).toBeNull();
		expect(parseFraction("0.9")).toBe(0.9);
		expect(parseFraction(".95")).toBe(0.95);
		expect(parseFraction("1")).toBe(1);
		expect(parseFraction("1.5")).toBeNull();
		expect(parseFraction("0")).toBeNull();
	});
});

describe("fit grammar", () => {
	it("reads the quick-start request", () => {
		const v = ok("deepseek-r1 on 16x H100");
		expect(v.model).toBe("deepseek-r1");
		expect(v.hardware).toEqual({ count: 16, nodes: null, gpusPerNode: null, gpu: "h100" });
	});
	it("reads nodes x per-node, precision before on or after the GPU, and options", () => {
		const v = ok("llama-3.1-405b fp8 on 2x8 H100 SXM ctx 128K users 10 engine sglang kv fp8 util 0.85");
		expect(v).toMatchObject({
			model: "llama-3.1-405b",
			precision: "fp8",
			context: 131072,
			users: 10,
			engine: "sglang",
			kv: "fp8",
			util: 0.85,
			hardware: { count: 16, nodes: 2, gpusPerNode: 8, gpu: "h100 sxm" },
		});
		expect(ok("qwen3-32b on 2x rtx 4090 awq").precision).toBe("awq");
		expect(ok("qwen3-32b q4_k_m on 1x 4090").precision).toBe("q4_k_m");
	});
	it("accepts spacing variants: 8 x H100, 8xH100, 2 x 8, ×", () => {
		expect(ok("r1 on 8 x H200").hardware.count).toBe(8);
		expect(ok("r1 on 8xH200").hardware).toMatchObject({ count: 8, gpu: "h200" });
		expect(ok("r1 on 2 x 8 H200").hardware).toMatchObject({ count: 16, nodes: 2, gpusPerNode: 8 });
		expect(ok("r1 on 8×H200").hardware.count).toBe(8);
	});
	it("reads the Chinese forms", () => {
		expect(ok("deepseek-r1 16卡 H100").hardware).toMatchObject({ count: 16, gpu: "h100" });
		expect(ok("deepseek-r1 2台8卡 H200").hardware).toMatchObject({ count: 16, nodes: 2, gpusPerNode: 8, gpu: "h200" });
		expect(ok("deepseek-r1 在 8卡 H200 上下文 32k 并发 20")).toMatchObject({ context: 32768, users: 20 });
	});
	it("keeps model names that contain digits and x", () => {
		expect(ok("mixtral 8x7b on 2x a100").model).toBe("mixtral 8x7b");
		expect(ok("Mixtral-8x7B on 2x A100").model).toBe("mixtral-8x7b");
	});
	it("names a word the grammar does not know before the hardware", () => {
		const r = parseFit("deepseek-r1 please on 8x h100");
		expect(r.ok).toBe(true); // model names may have several words: resolution names it
		const r2 = parseFit("deepseek-r1 on 8x h100 ctx 32k please");
		expect(r2.ok).toBe(false);
		if (!r2.ok) expect(requestErrorWords(r2.error, "en").headline).toContain('"please"');
	});
});

describe("names as people type them", async () => {
	const { runFit } = await import("../../commands/fit.js");
	const { repoCatalog } = await import("../support/catalog.js");
	const gpuOf = (hw: string) =>
		(runFit(repoCatalog(), `llama-3.1-8b on 1x ${hw}`).json as { hardware?: { gpu: string } }).hardware?.gpu;
	const modelOf = (m: string) => (runFit(repoCatalog(), `${m} on 8x h200`).json as { model?: { id: string } }).model?.id;

	it.each([
		["h100 sxm", "h100-sxm"],
		["H100-80G", "h100-sxm"],
		["NVIDIA H100 80GB HBM3", "h100-sxm"],
		["mi300x", "mi300x"],
		["AMD Instinct MI300X", "mi300x"],
		["4090", "rtx-4090"],
		["NVIDIA GeForce RTX 4090", "rtx-4090"],
		["A100 PCIe", "a100-80gb-pcie"],
		["H20", "h20"],
		["H20-141G", "h20-141gb"],
		["910b", "ascend-910b"],
		["dgx h200", "h200-sxm"],
	])("GPU %s -> %s", (typed, id) => expect(gpuOf(typed)).toBe(id));

	it.each([
		["r1", "deepseek-r1"],
		["DeepSeek-R1", "deepseek-r1"],
		["deepseek r1", "deepseek-r1"],
		["Llama-3.1-405B-Instruct-FP8", "llama-3.1-405b"],
		["qwen3:32b", "qwen3-32b"],
		["gpt-oss:120b", "gpt-oss-120b"],
	])("model %s -> %s", (typed, id) => expect(modelOf(typed)).toBe(id));

	it("a repository name with a precision suffix asks for that precision", () => {
		const j = runFit(repoCatalog(), "Llama-3.1-405B-Instruct-FP8 on 8x H100").json as { precision: { requested: string } };
		expect(j.precision.requested).toBe("fp8");
	});

	it("a system counts systems: 2x DGX H200 is 16 GPUs on 2 nodes", () => {
		const j = runFit(repoCatalog(), "deepseek-r1 on 2x dgx h200").json as { hardware: { count: number; nodes: number } };
		expect(j.hardware).toMatchObject({ count: 16, nodes: 2 });
	});
});
