// Invariants of the sizing core over random requests drawn from the catalog (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { totalLayers } from "../../src/core/kv.js";
import { nodeSplit } from "../../src/core/nodes.js";
import { maxNodes } from "../../src/core/search-space.js";
import { size } from "../../src/core/size.js";
import type { SizingRequest, Verdict } from "../../src/core/types.js";
import { weightBytes } from "../../src/core/weights.js";
import { parseFit } from "../../src/parse/grammar.js";
import { repoCatalog } from "../support/catalog.js";

const catalog = repoCatalog();
const RANK: Record<Verdict, number> = { "no-fit": 0, tight: 1, fits: 2 };
const RUNS = { numRuns: 300 };

const request = fc
	.record({
		model: fc.constantFrom(...catalog.models),
		gpu: fc.constantFrom(...catalog.gpus),
		count: fc.constantFrom(1, 2, 4, 8, 16),
		context: fc.option(fc.integer({ min: 1, max: 2 ** 20 }), { nil: null }),
		users: fc.integer({ min: 1, max: 256 }),
		engine: fc.constantFrom("vllm" as const, "sglang" as const, "trtllm" as const),
		kv: fc.constantFrom(null, "fp8" as const),
		precision: fc.constantFrom("native" as const, "bf16" as const, "fp8" as const, "awq" as const),
	})
	.map(
		(r): SizingRequest => ({
			...r,
			...nodeSplit(r.count, r.gpu.gpusPerServer),
			engineExplicit: true,
			util: null,
		}),
	);

describe("sizing invariants", () => {
	it("parsing never throws, whatever the text", () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 300 }), (text) => {
				const r = parseFit(text);
				expect(typeof r.ok).toBe("boolean");
			}),
			{ numRuns: 2000 },
		);
		fc.assert(
			fc.property(
				fc.array(
					fc.constantFrom("on", "8x", "2x8", "h100", "r1", "ctx", "32k", "users", "fp8", "kv", "util", "0.9", "卡", "台"),
					{ maxLength: 12 },
				),
				(words) => {
					expect(() => parseFit(words.join(" "))).not.toThrow();
				},
			),
			{ numRuns: 2000 },
		);
	});

	it("doubling the GPUs of the same kind never makes the verdict worse, where the doubled setup is one people run", () => {
		fc.assert(
			fc.property(request, (req) => {
				const count = req.count * 2;
				// Setups nobody runs are left out: more servers than the card is sold in clusters of, more pipeline
				// stages than the model has layers, and SGLang past one box (its reserve grows by tp x pp / 8 GiB per GPU,
				// server_args.py _handle_gpu_memory_settings).
				fc.pre(count <= req.gpu.gpusPerServer * maxNodes(req.gpu));
				fc.pre(count <= totalLayers(req.model));
				fc.pre(req.engine !== "sglang" || count <= req.gpu.gpusPerServer);
				const more = size(catalog, { ...req, count, ...nodeSplit(count, req.gpu.gpusPerServer) });
				expect(RANK[more.verdict]).toBeGreaterThanOrEqual(RANK[size(catalog, req).verdict]);
			}),
			RUNS,
		);
	});

	it("more memory per GPU never makes the verdict worse", () => {
		fc.assert(
			fc.property(request, fc.double({ min: 1.01, max: 3, noNaN: true }), (req, factor) => {
				const gpu = { ...req.gpu, memory: { ...req.gpu.memory, usableBytes: Math.round(req.gpu.memory.usableBytes * factor) } };
				const bigger = size(catalog, { ...req, gpu });
				const base = size(catalog, req);
				expect(RANK[bigger.verdict]).toBeGreaterThanOrEqual(RANK[base.verdict]);
				if (base.blocker === null) expect(bigger.memory.marginBytes).toBeGreaterThanOrEqual(base.memory.marginBytes);
			}),
			RUNS,
		);
	});

	it("a lower precision never needs more weight bytes", () => {
		const chains = [
			// NVFP4 and MXFP4 are both 4-bit e2m1 (different scales): neither is lower than the other.
			["fp32", "bf16", "fp8", "nvfp4"],
			["fp8", "mxfp4"],
			["bf16", "int8", "awq"],
			["q8_0", "q6_k", "q5_k_m", "q4_k_m", "q3_k_m", "q2_k"],
		] as const;
		for (const model of catalog.models) {
			for (const chain of chains) {
				const bytes = chain.map((f) => weightBytes(model, f).bytes);
				for (let i = 1; i < bytes.length; i++)
					expect(bytes[i], `${model.id} ${chain[i]}`).toBeLessThanOrEqual(bytes[i - 1] as number);
			}
		}
	});

	it("a longer context or more users never leaves a larger margin", () => {
		fc.assert(
			fc.property(request, fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 64 }), (req, extraCtx, extraUsers) => {
				const base = size(catalog, req);
				const ctx = base.context + extraCtx;
				expect(size(catalog, { ...req, context: ctx }).memory.marginBytes).toBeLessThanOrEqual(base.memory.marginBytes);
				expect(size(catalog, { ...req, users: req.users + extraUsers }).memory.marginBytes).toBeLessThanOrEqual(
					base.memory.marginBytes,
				);
			}),
			RUNS,
		);
	});

	it("maxUsersAtContext x context never exceeds maxKvTokens, and fits means they hold", () => {
		fc.assert(
			fc.property(request, (req) => {
				const s = size(catalog, req);
				expect(s.limits.maxUsersAtContext * s.context).toBeLessThanOrEqual(s.limits.maxKvTokens);
				if (s.verdict === "fits") {
					expect(s.limits.maxUsersAtContext).toBeGreaterThanOrEqual(s.users);
					expect(s.memory.marginBytes).toBeGreaterThanOrEqual(0);
				}
				if (s.verdict === "no-fit" && s.blocker === null) expect(s.limits.maxKvTokens).toBe(0);
			}),
			RUNS,
		);
	});
});
