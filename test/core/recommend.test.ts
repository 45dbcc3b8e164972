// The recommend search: what it sizes, how it ranks, the filters, and consistency with the buyer's
// note (shared/seed) for DeepSeek-R1.
import { describe, expect, it } from "vitest";
import { recommendNoteText } from "../../commands/reason-words.js";
import type { Catalog, Gpu } from "../../src/catalog/types.js";
import { RECOMMEND_DEFAULT_CONTEXT, type RecommendQuery, recommend as recommendCodes } from "../../src/core/recommend.js";
import { layoutsFor, precisionChoices } from "../../src/core/search-space.js";
import { repoCatalog } from "../support/catalog.js";
import { recommendQuery } from "../support/recommend-query.js";

/** The recommendation with its notes in English, as the JSON says them (the core gives reason codes). */
function recommend(catalog: Catalog, q: RecommendQuery) {
	const r = recommendCodes(catalog, q);
	return { ...r, notes: r.notes.map((n) => recommendNoteText(n)) };
}

const catalog = repoCatalog();
const model = (id: string) => catalog.models.find((m) => m.id === id)!;
const gpu = (id: string) => catalog.gpus.find((g) => g.id === id)!;
const hasFp8 = (g: Gpu) => (g.nativeFormats as string[]).includes("fp8");

const query = (id: string, change: Partial<RecommendQuery> = {}) => recommendQuery(catalog, id, change);

const setups = (r: ReturnType<typeof recommend>) => r.options.map((o) => `${o.sizing.request.count}x ${o.sizing.request.gpu.id}`);

describe("search space", () => {
	it("counts of 1, 2, 4, 8 per node, the card's own server size, up to 4 nodes once a server is full where the card is clustered", () => {
		const counts = (id: string, oneNode = false) => layoutsFor(gpu(id), oneNode).map((l) => `${l.nodes}x${l.gpusPerNode}`);
		expect(counts("h100-sxm")).toEqual(["1x1", "1x2", "1x4", "1x8", "2x8", "3x8", "4x8"]);
		// 10-slot PCIe servers: the seed note's "2 servers, 20x A100" is 2x10.
		expect(counts("a100-80gb-pcie")).toEqual(["1x1", "1x2", "1x4", "1x8", "1x10", "2x8", "2x10", "3x8", "3x10", "4x8", "4x10"]);
		// A workstation card (4 to a box) is not sold in clusters: one box of its usual size at most.
		expect(counts("rtx-a6000")).toEqual(["1x1", "1x2", "1x4"]);
		expect(counts("m3-ultra-512gb")).toEqual(["1x1"]);
		expect(counts("h100-sxm", true)).toEqual(["1x1", "1x2", "1x4", "1x8"]);
	});

	it("ranks the published full-quality checkpoints; INT8 and 4-bit are searched for a note; llama.cpp takes GGUF", () => {
		expect(precisionChoices(model("deepseek-r1"), null, "vllm")).toEqual([
			{ precision: "native", quantized: false },
			{ precision: "bf16", quantized: false },
			{ precision: "nvfp4", quantized: true },
			{ precision: "awq", quantized: true },
			{ precision: "int8", quantized: true },
		]);
		expect(precisionChoices(model("deepseek-r1"), "awq", "vllm")).toEqual([{ precision: "awq", quantized: false }]);
		expect(precisionChoices(model("llama-3.1-8b"), null, "llamacpp").map((c) => c.precision)).toEqual(["q4_k_m", "q8_0"]);
	});
});

describe("seed note: DeepSeek-R1", () => {
	// Among NVIDIA setups, as the seed note's buyer compares them (AMD and GB200 rents move the ranking).
	it.each(["rent", "buy"] as const)("ranked by %s, one 8x H200 node or 8x B200 is among the best five", (ranking) => {
		for (const users of [1, 10]) {
			const r = recommend(catalog, query("deepseek-r1", { ranking, users, context: 32768, vendor: "nvidia" }));
			expect(r.options).toHaveLength(5);
			expect(setups(r).some((s) => s === "8x h200-sxm" || s === "8x b200")).toBe(true);
			const h200 = r.options.find((o) => o.sizing.request.gpu.id === "h200-sxm");
			if (h200) expect(h200.sizing.request.nodes).toBe(1);
		}
	});

	it.each(["rent", "buy"] as const)("ranked by %s, A100s (BF16 upcast) never come ahead of FP8 hardware", (ranking) => {
		for (const users of [1, 10, 30]) {
			const r = recommend(catalog, query("deepseek-r1", { ranking, users }));
			const firstUpcast = r.options.findIndex((o) => !hasFp8(o.sizing.request.gpu));
			if (firstUpcast >= 0) expect(r.options.slice(firstUpcast).every((o) => !hasFp8(o.sizing.request.gpu))).toBe(true);
			expect(r.options.every((o) => o.sizing.precision.weights === "fp8")).toBe(true);
			expect(r.notes.join(" ")).toMatch(
				/No FP8 units.*20x A100 80GB PCIe \(2 nodes\).*ranked after hardware that runs it as published/,
			);
		}
	});

	it("says why popular alternatives lost: too small, upcast, no price, dearer", () => {
		const notes = recommend(catalog, query("deepseek-r1")).notes.join("\n");
		expect(notes).toMatch(/Too small even at 4 full nodes: .*A100 40GB/);
		expect(notes).toMatch(/no rental price: .*H800/);
		expect(notes).toMatch(/Dearer: .*16x H100 SXM5 80GB/);
	});

	it("the H20 fits but its slow prefill on a prompt as long as the context is called out", () => {
		// Among NVIDIA setups (the seed note's buyers compare the H20 with other NVIDIA cards; AMD rents move the ranking).
		const r = recommend(catalog, query("deepseek-r1", { users: 10, vendor: "nvidia" }));
		expect(setups(r)).toContain("16x h20");
		// Compared with the fastest option to first token, whichever it is: the H20 computes 296 TFLOP/s FP8, and
		// each peak is named with its own format.
		expect(r.notes.join("\n")).toMatch(
			/16x H20 96GB \(2 nodes\): a 31K-token prompt waits ~\d+(\.\d)? s .* \(\d+\.\dx: 296 TFLOP\/s FP8 against \d+ TFLOP\/s FP\d per GPU\); slow on long prompts/,
		);
	});
});

describe("ranking", () => {
	it("by the whole setup's rent, cheapest first, one configuration per GPU, each with its provider and speed", () => {
		const r = recommend(catalog, query("llama-3.1-70b", { users: 8 }));
		const rents = r.options.map((o) => o.sizing.cost.hourlyUsd as number);
		expect(rents).toEqual([...rents].sort((a, b) => a - b));
		const ids = r.options.map((o) => o.sizing.request.gpu.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const o of r.options) {
			expect(o.sizing.verdict).toBe("fits");
			expect(o.sizing.cost.hourlyProvider).not.toBeNull();
			expect(o.speed?.usdPerMillionOutputTokens).toBeGreaterThan(0);
		}
	});

	it("the smallest count per GPU: half of it does not fit", () => {
		const r = recommend(catalog, query("deepseek-r1", { users: 10, context: 32768 }));
		const h200 = r.options.find((o) => o.sizing.request.gpu.id === "h200-sxm");
		expect(h200?.sizing.request.count).toBe(8);
		const half = recommend(catalog, query("deepseek-r1", { users: 10, context: 32768, oneNode: true, vendor: "nvidia" }));
		expect(half.options.find((o) => o.sizing.request.gpu.id === "h200-sxm")?.sizing.request.count).toBe(8);
	});

	it("by purchase price with buy", () => {
		const r = recommend(catalog, query("deepseek-r1", { ranking: "buy" }));
		const prices = r.options.map((o) => o.sizing.cost.purchaseUsd as number);
		expect(prices.every((p) => p > 0)).toBe(true);
		expect(prices).toEqual([...prices].sort((a, b) => a - b));
	});

	it("an FP8 KV cache where the default one is what does not fit", () => {
		const r = recommend(catalog, query("deepseek-r1", { users: 32 }));
		const h200 = r.options.find((o) => o.sizing.request.gpu.id === "h200-sxm");
		expect(h200?.sizing.request.count).toBe(8);
		expect(h200?.sizing.precision.kvCache).toBe("fp8");
		expect(h200?.request).toBe("deepseek-r1 on 8x h200-sxm ctx 32k users 32 kv fp8");
	});

	it("a quantized variant is offered in a note when it is cheaper", () => {
		// 10 users need 8 MI300X in FP8; AWQ's 4-bit weights leave room for them on 4.
		const notes = recommend(catalog, query("deepseek-r1", { users: 10 })).notes.join("\n");
		expect(notes).toMatch(
			/weights \(a quality trade-off\): .* fits at \$[\d.]+\/h; ask "recommend deepseek-r1 (nvfp4|awq|int8)"/,
		);
	});
});

describe("defaults and filters", () => {
	it(`context defaults to ${RECOMMEND_DEFAULT_CONTEXT} tokens (or the model's own limit), said in the notes`, () => {
		const r = recommend(catalog, query("deepseek-r1"));
		expect(r.context).toBe(32768);
		expect(r.notes[0]).toMatch(/32K tokens of context \(recommend's default context/);
		expect(recommend(catalog, query("llama-2-70b")).context).toBe(4096);
		expect(recommend(catalog, query("deepseek-r1", { context: 131072 })).notes[0]).not.toMatch(/default/);
	});

	it("vendor, PCIe only and one node", () => {
		const amd = recommend(catalog, query("deepseek-r1", { vendor: "amd" }));
		expect(amd.options.length).toBeGreaterThan(0);
		expect(amd.options.every((o) => o.sizing.request.gpu.vendor === "amd")).toBe(true);
		const pcie = recommend(catalog, query("llama-3.1-70b", { pcieOnly: true, oneNode: true }));
		expect(pcie.options.length).toBeGreaterThan(0);
		for (const o of pcie.options) {
			expect(["pcie", "nvl-pcie"]).toContain(o.sizing.request.gpu.formFactor);
			expect(o.sizing.request.nodes).toBe(1);
		}
	});

	it("a budget per hour caps the rent; a total budget caps the purchase", () => {
		const hourly = recommend(catalog, query("llama-3.1-70b", { budget: { per: "hour", usd: 5 } }));
		expect(hourly.options.length).toBeGreaterThan(0);
		expect(hourly.options.every((o) => (o.sizing.cost.hourlyUsd ?? Number.POSITIVE_INFINITY) <= 5)).toBe(true);
		const total = recommend(catalog, query("deepseek-r1", { ranking: "buy", budget: { per: "total", usd: 320_000 } }));
		expect(total.options.every((o) => (o.sizing.cost.purchaseUsd ?? Number.POSITIVE_INFINITY) <= 320_000)).toBe(true);
	});

	it("nothing within the budget: says so and names the cheapest over it", () => {
		const r = recommend(catalog, query("deepseek-r1", { budget: { per: "hour", usd: 1 } }));
		expect(r.options).toEqual([]);
		expect(r.closest.length).toBeGreaterThan(0);
		expect(r.notes[0]).toMatch(/Nothing fits within \$1\.00\/h; closest over budget: /);
	});

	it("nothing fits at all: says so and shows what comes closest", () => {
		const r = recommend(catalog, query("kimi-k2", { users: 50, context: 131072, oneNode: true, pcieOnly: true }));
		expect(r.options).toEqual([]);
		expect(r.closest.length).toBeGreaterThan(0);
		expect(r.notes[0]).toBe("Nothing fits 50 users at 128K.");
		expect(r.notes[1]).toMatch(/^Closest: /);
	});

	it("an engine that cannot run on a vendor's cards says so", () => {
		const r = recommend(catalog, query("deepseek-r1", { engine: "trtllm", engineExplicit: true }));
		expect(r.options.every((o) => o.sizing.request.gpu.vendor === "nvidia")).toBe(true);
		expect(r.notes.join("\n")).toMatch(/Cannot run here \(TensorRT-LLM runs on NVIDIA GPUs only\): MI300X/);
	});
});
