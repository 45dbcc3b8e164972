// The first-token parts of the speed model (src/core/speed-model.ts) on the fixture catalog, with the fallback
// constants and one constant changed at a time: each test writes out what the change must add.
import { describe, expect, it } from "vitest";
import { prefillAttentionFlops, prefillContextFlops } from "../../src/core/attention-flops.js";
import { KV_BYTES } from "../../src/core/formats.js";
import {
	firstWaveTtftSeconds,
	prefillSeconds,
	type SpeedSetup,
	type Workload,
	workloadSpeed,
} from "../../src/core/speed-model.js";
import { FALLBACK_CONSTANTS, type SpeedConstants } from "../../src/core/speed-profile.js";
import { fixtureCatalog } from "../support/fixture-catalog.js";

const catalog = fixtureCatalog();
const model = (id: string) => catalog.models.find((m) => m.id === id)!;
const gpu = (id: string) => catalog.gpus.find((g) => g.id === id)!;

function setup(modelId: string, over: Partial<SpeedConstants> = {}): SpeedSetup {
	return {
		model: model(modelId),
		gpu: gpu("h200-sxm"),
		engine: "sglang",
		weights: "fp8",
		kvBytes: KV_BYTES.bf16,
		layout: { tp: 8, pp: 1, dp: 1, ep: 1 },
		gpusPerNode: 8,
		constants: { ...FALLBACK_CONSTANTS, ...over },
	};
}

const workload = (over: Partial<Workload> = {}): Workload => ({
	users: 16,
	promptTokens: 1024,
	outputTokens: 1024,
	contextTokens: 1536,
	batching: "continuous",
	spec: null,
	...over,
});

describe("a prefill pass runs eagerly: its per-layer launch cost is paid once per pass", () => {
	it("61 layers x 700 µs = 42.7 ms more for one 1,024-token pass, 3 x that for 3 passes of 8,192 tokens", () => {
		const layers = 61; // DeepSeek-R1 config.json num_hidden_layers
		const base = setup("deepseek-r1");
		const eager = setup("deepseek-r1", { prefillLayerOverheadUs: 700 });
		expect(prefillSeconds(eager, 1024) - prefillSeconds(base, 1024)).toBeCloseTo(layers * 700e-6, 9);
		// 24,576 tokens in chunks of 8,192: three passes.
		expect(prefillSeconds(eager, 24576, 1, 8192) - prefillSeconds(base, 24576, 1, 8192)).toBeCloseTo(3 * layers * 700e-6, 9);
	});

	it("decode steps replay graphs and do not pay it", () => {
		const a = workloadSpeed(setup("deepseek-r1"), workload());
		const b = workloadSpeed(setup("deepseek-r1", { prefillLayerOverheadUs: 700 }), workload());
		expect(b.stepSeconds).toBe(a.stepSeconds);
		expect(b.prefillSeconds).toBeGreaterThan(a.prefillSeconds);
	});
});

describe("the first wave of a benchmark: all users' prompts prefilled together, in the server's chunks", () => {
	const s = setup("llama-3.1-8b");
	const request = FALLBACK_CONSTANTS.requestOverheadMs / 1000;

	it("a chunk that holds every prompt gives every request its first token when that one pass ends", () => {
		const w = workload({ users: 16, promptTokens: 1024, chunkTokens: 32768 });
		expect(firstWaveTtftSeconds(s, w)).toBeCloseTo(request + prefillSeconds(s, 1024, 16, 32768), 9);
	});

	it("chunks of one prompt each: request i waits for i chunks, so the mean lies between one chunk and all 4", () => {
		const w = workload({ users: 4, promptTokens: 1024, chunkTokens: 1024 });
		const all = prefillSeconds(s, 1024, 4, 1024);
		const one = prefillSeconds(s, 1024, 1, 1024);
		const mean = firstWaveTtftSeconds(s, w) - request;
		expect(mean).toBeGreaterThan(one);
		expect(mean).toBeLessThan(all);
		// Equal chunks: the ends are at 1/4, 2/4, 3/4 and 4/4 of the whole, mean 5/8 of it (within the pipeline
		// and per-pass costs, which are the same per chunk here).
		expect(mean).toBeCloseTo((5 / 8) * all, 3);
	});
});

describe("MLA prefill recomputes the keys and values of the context before each later chunk", () => {
	it("DeepSeek-R1: 61 layers x 2 x context x 512 latent x 128 heads x (128 nope + 128 value) FLOPs", () => {
		// config.json: num_hidden_layers 61, kv_lora_rank 512, num_attention_heads 128, qk_nope_head_dim 128,
		// v_head_dim 128.
		expect(prefillContextFlops(model("deepseek-r1"), 8192)).toBe(61 * 2 * 8192 * 512 * 128 * (128 + 128));
		expect(prefillContextFlops(model("llama-3.1-8b"), 8192)).toBe(0);
	});

	it("a 16,384-token prompt in two chunks pays its causal attention plus the first chunk's context once", () => {
		const m = model("deepseek-r1");
		// Attention so slow that it sets the prefill's time: the rest is under 1% of it.
		const share = 1e-4;
		const s = setup("deepseek-r1", { attentionEfficiency: share });
		const peak = gpu("h200-sxm").tflops.bf16! * 1e12;
		const flops = prefillAttentionFlops(m, 16384) + prefillContextFlops(m, 8192);
		const expected = flops / (8 * peak * share);
		const chunked = prefillSeconds(s, 16384, 1, 8192);
		expect(chunked / expected).toBeGreaterThan(1);
		expect(chunked / expected).toBeLessThan(1.01);
	});
});

describe("queueing for a first token", () => {
	it("a scheduler that runs 4 decode steps back to back keeps a new request waiting 1.5 steps more", () => {
		const s = setup("deepseek-r1");
		const one = workloadSpeed(s, workload({ users: 1 }));
		const four = workloadSpeed(s, workload({ users: 1, decodeStepsPerSchedule: 4 }));
		// One user joins no batch: no wait either way.
		expect(four.ttftSeconds).toBeCloseTo(one.ttftSeconds, 9);
		const many = workloadSpeed(s, workload({ users: 32 }));
		const manyFour = workloadSpeed(s, workload({ users: 32, decodeStepsPerSchedule: 4 }));
		const extra = (31 / 32) * 1.5 * many.stepSeconds;
		expect(manyFour.ttftSeconds - many.ttftSeconds).toBeGreaterThan(0.9 * extra);
		expect(manyFour.ttftSeconds - many.ttftSeconds).toBeLessThan(1.2 * extra);
	});

	it("requests arriving in a clump never wait behind more than the other users' prefills", () => {
		const s = setup("llama-3.1-8b");
		const users = 64;
		const w = workloadSpeed(s, workload({ users, promptTokens: 8192, contextTokens: 8704, arrivalWindow: 0.01 }));
		const request = FALLBACK_CONSTANTS.requestOverheadMs / 1000;
		const join = ((users - 1) / users) * FALLBACK_CONSTANTS.joinSteps * w.stepSeconds;
		const worst = request + w.prefillSeconds + ((users - 1) / 2) * w.prefillSeconds + join;
		expect(w.ttftSeconds).toBeLessThanOrEqual(worst + 1e-12);
		expect(w.ttftSeconds).toBeGreaterThan(request + w.prefillSeconds);
	});
});
