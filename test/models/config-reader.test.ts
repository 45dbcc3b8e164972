// The config reader on the real config.json files in test/fixtures/configs (copies of the hub's, see
// test/fixtures/README.md): layer schedules, contexts, precisions, modules, parameter estimates against the
// model cards, and refusals that name the keys. Cache bytes per layout: cache-layouts.test.ts.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { modelSchema } from "../../src/catalog/schema.js";
import { type ConfigFacts, type ReadResult, readConfig } from "../../src/models/config-reader.js";
import { parseLenientJson } from "../../src/models/json-lenient.js";

const DIR = new URL("../fixtures/configs/", import.meta.url);
type Config = Record<string, unknown>;

const config = (name: string): Config => parseLenientJson(readFileSync(new URL(`${name}_config.json`, DIR), "utf8")) as Config;
const quant = (name: string): unknown => JSON.parse(readFileSync(new URL(`${name}_hf_quant_config.json`, DIR), "utf8"));

function read(name: string, withQuant = false): ConfigFacts {
	const result = readConfig(config(name), withQuant ? quant(name) : undefined);
	if (!result.ok) throw new Error(result.message);
	return result.facts;
}

function refused(result: ReadResult): { message: string; keys: string[] } {
	if (result.ok) throw new Error("expected a refusal");
	expect(result.code).toBe("unsupported_architecture");
	return result;
}

/** Within `pct` percent of `published`. */
const near = (value: number, published: number, pct: number) =>
	expect(Math.abs(value / published - 1)).toBeLessThanOrEqual(pct / 100);

const NAMES = readdirSync(DIR)
	.filter((f) => f.endsWith("_config.json") && !f.endsWith("_hf_quant_config.json"))
	.map((f) => f.slice(0, -"_config.json".length));

describe("every fixture config", () => {
	it("is read (every config.json in the fixtures, the 31 of the layout survey among them) into a valid catalog model", () => {
		expect(NAMES.length).toBeGreaterThanOrEqual(31);
		for (const name of NAMES) {
			const hasQuant = readdirSync(DIR).includes(`${name}_hf_quant_config.json`);
			const f = read(name, hasQuant);
			const parsed = modelSchema.parse({
				id: "fixture",
				name,
				family: "fixture",
				hfRepo: name.replace("--", "/"),
				params: { total: f.params.total, active: f.params.active },
				hiddenSize: f.hiddenSize,
				ffnWidth: f.ffnWidth,
				vocabSize: f.vocabSize,
				tiedEmbeddings: f.tiedEmbeddings,
				layers: f.layers,
				modules: f.modules,
				moe: f.moe,
				contextLength: f.contextLength,
				nativePrecision: f.nativePrecision,
				variants: [{ precision: f.nativePrecision, repo: name, source: "test fixture", asOf: "2026-11-30" }],
				source: "test fixture",
				asOf: "2026-11-30",
			});
			expect(parsed.layers).toEqual(f.layers);
			expect(f.params.active).toBeLessThan(f.params.total);
		}
	});
});

describe("layer schedules", () => {
	it("head_dim absent: hidden_size / num_attention_heads (Llama-3.1-8B: 4096 / 32)", () => {
		const f = read("meta-llama--Meta-Llama-3.1-8B");
		expect(config("meta-llama--Meta-Llama-3.1-8B").head_dim).toBeUndefined();
		expect(f.layers).toEqual([
			{
				count: 32,
				mixer: {
					kind: "attention",
					heads: 32,
					kvHeads: 8,
					headDim: 128,
					keyIsValue: false,
					window: null,
					chunked: false,
					kvShared: false,
				},
			},
		]);
	});

	it("consecutive equal layers are merged: DeepSeek-V3 is one group of 61 MLA layers, without the MTP layer", () => {
		const f = read("deepseek-ai--DeepSeek-V3");
		expect(f.layers).toEqual([
			{ count: 61, mixer: { kind: "mla", heads: 128, kvLoraRank: 512, qkRopeHeadDim: 64, indexer: null } },
		]);
		expect(read("deepseek-ai--DeepSeek-V3.2").layers[0]?.mixer).toMatchObject({
			indexer: { heads: 64, headDim: 128, topk: 2048 },
		});
	});

	it("layer_types: gpt-oss alternates sliding (even) and full layers, 36 groups of one", () => {
		const f = read("openai--gpt-oss-120b");
		expect(f.layers).toHaveLength(36);
		expect(f.layers.map((g) => (g.mixer.kind === "attention" ? g.mixer.window : -1)).slice(0, 4)).toEqual([128, null, 128, null]);
	});

	it("a bare Infinity or null sliding_window is no window", () => {
		const oss = { ...config("openai--gpt-oss-120b"), sliding_window: Number.POSITIVE_INFINITY };
		const infinite = readConfig(oss);
		if (!infinite.ok) throw new Error(infinite.message);
		expect(infinite.facts.layers).toEqual([{ count: 36, mixer: expect.objectContaining({ kind: "attention", window: null }) }]);
		expect(config("nvidia--Nemotron-H-56B-Base-8K").time_step_limit).toEqual([0, Number.POSITIVE_INFINITY]);
	});

	it("Gated DeltaNet: Qwen3.5-27B runs 3 linear layers then 1 full, 16 times", () => {
		const f = read("Qwen--Qwen3.5-27B");
		expect(f.layers).toHaveLength(32);
		expect(f.layers.map((g) => `${g.count}${g.mixer.kind}`).slice(0, 2)).toEqual(["3linear", "1attention"]);
		expect(f.layers[0]?.mixer).toEqual({
			kind: "linear",
			rule: "gated-deltanet",
			keyHeads: 16,
			valueHeads: 48,
			keyHeadDim: 128,
			valueHeadDim: 128,
			convKernel: 4,
			stateBytes: 4, // mamba_ssm_dtype float32
		});
		// Without layer_types, full_attention_interval 4 gives the same schedule.
		const text = { ...(config("Qwen--Qwen3.5-27B").text_config as Config), layer_types: undefined };
		const byInterval = readConfig({ ...config("Qwen--Qwen3.5-27B"), text_config: text });
		if (!byInterval.ok) throw new Error(byInterval.message);
		expect(byInterval.facts.layers).toEqual(f.layers);
	});

	it("hybrid_override_pattern: only M and * blocks carry a cache (Nemotron-H-56B: 54 + 10 of 118 blocks)", () => {
		const f = read("nvidia--Nemotron-H-56B-Base-8K");
		const count = (kind: string) => f.layers.filter((g) => g.mixer.kind === kind).reduce((n, g) => n + g.count, 0);
		expect(count("mamba2")).toBe(54);
		expect(count("attention")).toBe(10);
		expect(f.layers[0]?.mixer).toEqual({
			kind: "mamba2",
			heads: 256,
			headDim: 64,
			stateSize: 256,
			groups: 8,
			convKernel: 4,
			stateBytes: 2,
		});
	});

	it("Gemma 4: global layers use global_head_dim, num_global_key_value_heads and K = V", () => {
		const f = read("google--gemma-4-26B-A4B");
		expect(f.layers[0]).toEqual({
			count: 5,
			mixer: expect.objectContaining({ kvHeads: 8, headDim: 256, window: 1024, keyIsValue: false }),
		});
		expect(f.layers[1]).toEqual({
			count: 1,
			mixer: expect.objectContaining({ kvHeads: 2, headDim: 512, window: null, keyIsValue: true }),
		});
		// num_kv_shared_layers: the last layers read an earlier layer's cache.
		const text = { ...(config("google--gemma-4-26B-A4B").text_config as Config), num_kv_shared_layers: 6 };
		const shared = readConfig({ ...config("google--gemma-4-26B-A4B"), text_config: text });
		if (!shared.ok) throw new Error(shared.message);
		expect(shared.facts.layers.slice(-2).map((g) => [g.count, g.mixer.kind === "attention" && g.mixer.kvShared])).toEqual([
			[5, true],
			[1, true],
		]);
	});

	it("Llama 4: every 4th layer (NoPE) is global, the others chunked over attention_chunk_size", () => {
		const f = read("meta-llama--Llama-4-Scout-17B-16E-Instruct");
		expect(f.layers.slice(0, 2)).toEqual([
			{ count: 3, mixer: expect.objectContaining({ window: 8192, chunked: true }) },
			{ count: 1, mixer: expect.objectContaining({ window: null, chunked: false }) },
		]);
	});

	it("DeepSeek-V4: compress_ratios of the 43 decoder layers (the 44th entry is the MTP layer's)", () => {
		const f = read("deepseek-ai--DeepSeek-V4-Flash");
		const ratios = f.layers.flatMap((g) =>
			Array.from({ length: g.count }, () => (g.mixer.kind === "compressed" ? g.mixer.compressRatio : -1)),
		);
		expect(ratios).toEqual((config("deepseek-ai--DeepSeek-V4-Flash").compress_ratios as number[]).slice(0, 43));
		expect(f.layers.find((g) => g.mixer.kind === "compressed" && g.mixer.compressRatio === 128)?.mixer).toMatchObject({
			indexer: null,
			window: 128,
		});
		expect(f.layers.find((g) => g.mixer.kind === "compressed" && g.mixer.compressRatio === 4)?.mixer).toMatchObject({
			indexer: { topk: 512 },
		});
	});
});

describe("window rules of the families without layer_types (Llama-3.1-8B's shape under other names)", () => {
	const as = (architecture: string, modelType: string, extra: Config) => {
		const r = readConfig({
			...config("meta-llama--Meta-Llama-3.1-8B"),
			architectures: [architecture],
			model_type: modelType,
			...extra,
		});
		if (!r.ok) throw new Error(r.message);
		return r.facts.layers.map((g) => [g.count, g.mixer.kind === "attention" ? g.mixer.window : -1]);
	};

	it("Mistral: every layer slides when sliding_window is set, none when it is null", () => {
		expect(as("MistralForCausalLM", "mistral", { sliding_window: 4096 })).toEqual([[32, 4096]]);
		expect(as("MistralForCausalLM", "mistral", { sliding_window: null })).toEqual([[32, null]]);
	});

	it("Gemma 2: even layers slide; Gemma 3: all but every sliding_window_pattern-th", () => {
		expect(as("Gemma2ForCausalLM", "gemma2", { sliding_window: 4096 }).slice(0, 3)).toEqual([
			[1, 4096],
			[1, null],
			[1, 4096],
		]);
		expect(as("Gemma3ForCausalLM", "gemma3_text", { sliding_window: 1024, sliding_window_pattern: 6 }).slice(-3)).toEqual([
			[5, 1024],
			[1, null],
			[2, 1024],
		]);
	});

	it("Qwen: a sliding_window without use_sliding_window is no window", () => {
		expect(as("Qwen3ForCausalLM", "qwen3", { sliding_window: 32768, use_sliding_window: false })).toEqual([[32, null]]);
	});
});

describe("context", () => {
	it("is the text model's max_position_embeddings", () => {
		expect(read("deepseek-ai--DeepSeek-V3").contextLength).toBe(163840);
		expect(read("Qwen--Qwen3.5-35B-A3B").contextLength).toBe(262144); // text_config
		expect(read("meta-llama--Llama-4-Scout-17B-16E-Instruct").contextLength).toBe(10_485_760);
		expect(read("deepseek-ai--DeepSeek-V4-Flash").contextLength).toBe(1_048_576);
		expect(read("zai-org--GLM-5").contextLength).toBe(202752);
		expect(read("nvidia--Nemotron-H-56B-Base-8K").contextLength).toBe(8192);
	});

	it("a YaRN scaling already applied is no extension (DeepSeek-V3: 40 x 4096 = 163840; gpt-oss: 32 x 4096)", () => {
		for (const name of NAMES) expect(read(name, false).contextExtension).toBeNull();
	});

	it("a YaRN scaling beyond max_position_embeddings is offered (Qwen2.5 style: 4 x 32768)", () => {
		const qwen = { ...config("Qwen--Qwen3-32B-FP8"), max_position_embeddings: 32768 };
		const scaled = readConfig({ ...qwen, rope_scaling: { type: "yarn", factor: 4, original_max_position_embeddings: 32768 } });
		if (!scaled.ok) throw new Error(scaled.message);
		expect(scaled.facts.contextLength).toBe(32768);
		expect(scaled.facts.contextExtension).toEqual({ tokens: 131072, how: expect.stringContaining("yarn") });
	});
});

describe("native precision", () => {
	it("FP8 blocks from quantization_config, with the ignore list in the note", () => {
		const f = read("zai-org--GLM-5-FP8");
		expect(f.nativePrecision).toBe("fp8");
		expect(f.quantNote).toMatch(/FP8 e4m3 128x128 blocks; lm_head, embed_tokens.*kept 16-bit \(ignore list, 712 entries\)/);
		expect(read("zai-org--GLM-5").nativePrecision).toBe("bf16");
		expect(read("Qwen--Qwen3.5-27B").nativePrecision).toBe("bf16"); // text_config.dtype
	});

	it("NVFP4 and FP8 from ModelOpt's hf_quant_config.json", () => {
		expect(read("nvidia--DeepSeek-V3.2-NVFP4").nativePrecision).toBe("bf16"); // config.json alone says nothing
		expect(read("nvidia--DeepSeek-V3.2-NVFP4", true).nativePrecision).toBe("nvfp4");
		expect(read("nvidia--NVIDIA-Nemotron-3-Nano-30B-A3B-NVFP4", true).nativePrecision).toBe("nvfp4");
		expect(read("nvidia--Llama-3.1-70B-Instruct-FP8", true)).toMatchObject({
			nativePrecision: "fp8",
			quantNote: expect.stringContaining("lm_head"),
		});
		expect(read("nvidia--Qwen3.6-35B-A3B-NVFP4", true).quantNote).toContain("FP8 + W4A16_NVFP4");
	});

	it("INT4 compressed-tensors inside text_config (Kimi-K2.5), MXFP4 (gpt-oss), DeepSeek-V4's FP4 experts", () => {
		expect(read("moonshotai--Kimi-K2.5")).toMatchObject({
			nativePrecision: "int4",
			quantNote: expect.stringContaining("group 32"),
		});
		expect(read("openai--gpt-oss-120b").nativePrecision).toBe("mxfp4");
		expect(read("deepseek-ai--DeepSeek-V4-Flash").nativePrecision).toBe("mxfp4"); // expert_dtype fp4
		expect(read("sgl-project--DeepSeek-V4-Flash-FP8").nativePrecision).toBe("fp8");
	});
});

describe("modules", () => {
	it("MTP layers: num_nextn_predict_layers, mtp_num_hidden_layers", () => {
		expect(read("deepseek-ai--DeepSeek-V3").modules.mtpLayers).toBe(1);
		expect(read("Qwen--Qwen3.5-27B").modules.mtpLayers).toBe(1);
		expect(read("stepfun-ai--Step-3.7-Flash").modules.mtpLayers).toBe(3);
		expect(read("moonshotai--Kimi-K2-Instruct").modules.mtpLayers).toBe(0);
	});

	it("vision encoders load with the model: Qwen3-VL, Kimi-K2.5, Gemma 4", () => {
		for (const name of ["Qwen--Qwen3-VL-8B-Instruct", "moonshotai--Kimi-K2.5", "google--gemma-4-26B-A4B"]) {
			const f = read(name);
			expect(f.modules.vision).toBe(true);
			// SigLIP-class encoders of 27 blocks x 1152 wide (~0.4B) plus their mergers.
			expect(f.params.vision).toBeGreaterThan(0.35e9);
			expect(f.params.vision).toBeLessThan(1e9);
		}
		expect(read("deepseek-ai--DeepSeek-V3").modules).toEqual({ mtpLayers: 1, vision: false, audio: false });
	});
});

describe("parameter estimates against the model cards", () => {
	it("DeepSeek-V3: 671B main model, 37B active, 14B MTP (deepseek-ai/DeepSeek-V3 README)", () => {
		const f = read("deepseek-ai--DeepSeek-V3");
		near(f.params.total, 671e9, 1);
		near(f.params.active, 37e9, 5);
		near(f.params.mtp, 14e9, 5);
		expect(f.moe).toEqual({ experts: 256, sharedExperts: 1, expertsPerToken: 8, expertWidth: 2048 });
		expect(f.ffnWidth).toBe(8 * 2048 + 2048);
	});

	it("Llama-3.1-8B: 8.03B (meta-llama model card)", () => {
		const f = read("meta-llama--Meta-Llama-3.1-8B");
		near(f.params.total, 8.03e9, 1);
		expect(f.moe).toBeNull();
		expect(f.ffnWidth).toBe(14336);
	});

	it("gpt-oss-120b: 116.83B total, 5.13B active; gpt-oss-20b: 20.91B, 3.61B (OpenAI gpt-oss model card)", () => {
		near(read("openai--gpt-oss-120b").params.total, 116.83e9, 1);
		near(read("openai--gpt-oss-120b").params.active, 5.13e9, 3);
		near(read("openai--gpt-oss-20b").params.total, 20.91e9, 1);
		near(read("openai--gpt-oss-20b").params.active, 3.61e9, 3);
	});

	it("Qwen3-235B-A22B: 235B total, 22B active (Qwen3 model card)", () => {
		const f = read("Qwen--Qwen3-235B-A22B-FP8");
		near(f.params.total, 235e9, 1);
		near(f.params.active, 22e9, 5);
	});

	it("DeepSeek-V4-Flash 284B / 13B, GLM-5 744B / 40B, Kimi K2 1T / 32B, Nemotron-3-Nano 31.6B (model cards)", () => {
		near(read("deepseek-ai--DeepSeek-V4-Flash").params.total, 284e9, 2);
		near(read("deepseek-ai--DeepSeek-V4-Flash").params.active, 13e9, 5);
		near(read("zai-org--GLM-5").params.total, 744e9, 2);
		near(read("zai-org--GLM-5").params.active, 40e9, 5);
		near(read("moonshotai--Kimi-K2-Instruct").params.total, 1.0e12, 5);
		near(read("moonshotai--Kimi-K2-Instruct").params.active, 32e9, 5);
		near(read("nvidia--NVIDIA-Nemotron-3-Nano-30B-A3B-BF16").params.total, 31.6e9, 2);
	});
});

describe("refusals name the keys", () => {
	it("an architecture outside the allow-list", () => {
		const r = refused(readConfig({ ...config("meta-llama--Meta-Llama-3.1-8B"), architectures: ["FooForCausalLM"] }));
		expect(r.keys).toEqual(["architectures"]);
		expect(r.message).toContain('architectures: "FooForCausalLM"');
		expect(refused(readConfig([1, 2])).keys).toEqual(["config.json"]);
	});

	it("a model_type the architecture does not carry", () => {
		const r = refused(readConfig({ ...config("meta-llama--Meta-Llama-3.1-8B"), model_type: "falcon" }));
		expect(r.keys).toEqual(["model_type"]);
	});

	it("an unknown layer type", () => {
		const oss = config("openai--gpt-oss-120b");
		const types = [...(oss.layer_types as string[])];
		types[3] = "cross_attention";
		const r = refused(readConfig({ ...oss, layer_types: types }));
		expect(r.keys).toEqual(["layer_types[3]"]);
		expect(r.message).toContain('layer_types[3]: "cross_attention"');
	});

	it("an unknown hybrid pattern character", () => {
		const nemo = config("nvidia--Nemotron-H-56B-Base-8K");
		const pattern = `M-M-MX${(nemo.hybrid_override_pattern as string).slice(6)}`;
		const r = refused(readConfig({ ...nemo, hybrid_override_pattern: pattern }));
		expect(r.keys).toEqual(["hybrid_override_pattern[5]"]);
	});

	it("a missing required key, nested keys by their path", () => {
		const { num_attention_heads: _, ...llama } = config("meta-llama--Meta-Llama-3.1-8B");
		expect(refused(readConfig(llama)).keys).toEqual(["num_attention_heads"]);
		const qwen = config("Qwen--Qwen3.5-27B");
		const { linear_num_value_heads: __, ...text } = qwen.text_config as Config;
		const r = refused(readConfig({ ...qwen, text_config: text }));
		expect(r.keys).toEqual(["text_config.linear_num_value_heads"]);
		expect(r.message).toContain("text_config.linear_num_value_heads: missing");
	});

	it("a Qwen sliding window switched on, an unknown quantization method", () => {
		expect(refused(readConfig({ ...config("Qwen--Qwen3-32B-FP8"), use_sliding_window: true })).keys).toEqual([
			"use_sliding_window",
		]);
		const q = { ...config("Qwen--Qwen3-32B-FP8"), quantization_config: { quant_method: "hqq" } };
		expect(refused(readConfig(q)).keys).toEqual(["quantization_config.quant_method"]);
	});
});
