// The config reader on the real config.json files in test/fixtures/configs (copies of the hub's, see
// test/fixtures/README.md): layer schedules, contexts, precisions, modules, parameter estimates against the
// model cards, and refusals that name the keys. Cache bytes per layout: cache-layouts.test.ts.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Model } from "../../src/catalog/schema.js";
import { requestBytesPerGpu, tokenBytesReplica } from "../../src/core/kv.js";
import { type ConfigFacts, type ReadResult, readConfig } from "../../src/models/config-reader.js";
import { parseLenientJson } from "../../src/models/json-lenient.js";
import { fitJson, repoModel } from "../support/catalog.js";
import { modelOfFacts } from "../support/config-model.js";

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
			const parsed = modelOfFacts(f, {
				id: "fixture",
				name,
				family: "fixture",
				hfRepo: name.replace("--", "/"),
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

describe("MiniMax-M3 (MiniMaxM3ForCausalLM; vllm/models/minimax_m3/nvidia/model.py)", () => {
	const NAME = "MiniMaxAI--MiniMax-M3";
	const gqa = {
		kind: "attention",
		heads: 64,
		kvHeads: 4,
		headDim: 128,
		keyIsValue: false,
		window: null,
		chunked: false,
		kvShared: false,
	};

	it("sparse_attention_freq: layers 0-2 plain GQA, 3-59 GQA plus one 128-wide index key (sparse_index_dim)", () => {
		const f = read(NAME);
		expect(f.layers).toEqual([
			{ count: 3, mixer: gqa },
			{ count: 57, mixer: { ...gqa, indexKeys: { heads: 4, headDim: 128, topkBlocks: 16, blockSize: 128 } } },
		]);
		expect(f.contextLength).toBe(1_048_576);
	});

	it("moe_layer_freq lists MoE layers; the dense layers are dense_intermediate_size wide; MTP is num_mtp_modules", () => {
		const f = read(NAME);
		// num_local_experts 128, n_shared_experts 1 (shared_intermediate_size 3072), num_experts_per_tok 4, moe_intermediate_size 3072
		expect(f.moe).toEqual({ experts: 128, sharedExperts: 1, expertsPerToken: 4, expertWidth: 3072 });
		expect(f.ffnWidth).toBe(4 * 3072 + 3072);
		// num_mtp_modules 7 beside num_nextn_predict_layers 1: vLLM's MiniMaxM3MultiTokenPredictor builds
		// config.num_mtp_modules layers; SGLang's minimax_m3.py maps model.mtp.layers.{0..num_mtp_modules-1}.
		expect(config(NAME).num_nextn_predict_layers).toBe(1);
		expect(f.modules).toEqual({ mtpLayers: 7, vision: false, audio: false });
		expect(read("MiniMaxAI--MiniMax-M2.5").modules.mtpLayers).toBe(3); // use_mtp: 3 modules x 1 layer
		// 428B total / ~23B active (NVIDIA Megatron Bridge MiniMax-M3 page; SGLang cookbook); the text model here.
		near(f.params.total, 428e9, 1);
		near(f.params.active, 23e9, 8); // 24.7B: the LM head and 57 index projections counted
		// Dense layers 0-2: 3 x 6144 x 12288 (dense_intermediate_size), not intermediate_size 3072.
		const flat = { ...config(NAME), moe_layer_freq: Array.from({ length: 60 }, () => 1) };
		const allMoe = readConfig(flat);
		if (!allMoe.ok) throw new Error(allMoe.message);
		const expert = 3 * 6144 * 3072;
		expect(allMoe.facts.params.total - f.params.total).toBeCloseTo(
			3 * (128 * expert + 6144 * 128 + expert - 3 * 6144 * 12288),
			-3,
		);
	});

	it("the vision-language release (minimax_m3_vl: text_config beside vision_config) reads the same schedule", () => {
		// The wrapper of nvidia--MiniMax-M3-NVFP4_config.json (aiconfigurator@095f58a5) around this text config; its
		// vision_config: CLIP-style, 32 layers, hidden 1280, intermediate 5120, patch 14.
		const wrapped = {
			architectures: ["MiniMaxM3SparseForConditionalGeneration"],
			model_type: "minimax_m3_vl",
			text_config: config(NAME),
			vision_config: { hidden_size: 1280, num_hidden_layers: 32, intermediate_size: 5120, patch_size: 14 },
			torch_dtype: "bfloat16",
		};
		const r = readConfig(wrapped);
		if (!r.ok) throw new Error(r.message);
		expect(r.facts.layers).toEqual(read(NAME).layers);
		expect(r.facts.modules.vision).toBe(true);
		expect(r.facts.params.vision).toBeGreaterThan(32 * (4 * 1280 * 1280 + 2 * 1280 * 5120)); // 629M of blocks + projector
		expect(r.facts.params.vision).toBeLessThan(1e9);
	});

	it("refuses what the engines would not run: index heads other than the KV heads, index values, short lists", () => {
		const sparse = config(NAME).sparse_attention_config as Config;
		const withSparse = (patch: Config) => readConfig({ ...config(NAME), sparse_attention_config: { ...sparse, ...patch } });
		expect(refused(withSparse({ sparse_num_index_heads: 8 })).keys).toEqual(["sparse_attention_config.sparse_num_index_heads"]);
		const values = [...(sparse.sparse_disable_index_value as number[])];
		values[10] = 0;
		expect(refused(withSparse({ sparse_disable_index_value: values })).keys).toEqual([
			"sparse_attention_config.sparse_disable_index_value[10]",
		]);
		expect(refused(withSparse({ sparse_attention_freq: [0, 1] })).keys).toEqual([
			"sparse_attention_config.sparse_attention_freq",
		]);
		expect(refused(readConfig({ ...config(NAME), moe_layer_freq: [0, 0, 0, 2] })).keys).toEqual(["moe_layer_freq"]);
	});
});

describe("Kimi-K3 (KimiK3ForConditionalGeneration, text KimiLinearForCausalLM; vllm/models/kimi_k3/nvidia/model.py)", () => {
	const NAME = "moonshotai--Kimi-K3";
	const kda = {
		kind: "linear",
		rule: "kda",
		keyHeads: 96,
		valueHeads: 96,
		keyHeadDim: 128,
		valueHeadDim: 128,
		convKernel: 4,
		stateBytes: 4,
	};
	const mla = { kind: "mla", heads: 96, kvLoraRank: 512, qkRopeHeadDim: 64, indexer: null };

	it("kda_layers are 1-indexed: layers 0-2 KDA, 3 MLA, ... and the last two (92, 93 in the list) MLA", () => {
		const f = read(NAME);
		const text = config(NAME).text_config as Config;
		const la = text.linear_attn_config as { kda_layers: number[]; full_attn_layers: number[] };
		expect(la.kda_layers.length + la.full_attn_layers.length).toBe(93);
		expect(f.layers.slice(0, 2)).toEqual([
			{ count: 3, mixer: kda },
			{ count: 1, mixer: mla },
		]);
		expect(f.layers.at(-1)).toEqual({ count: 2, mixer: mla });
		const count = (kind: string) => f.layers.filter((g) => g.mixer.kind === kind).reduce((n, g) => n + g.count, 0);
		expect([count("linear"), count("mla")]).toEqual([69, 24]);
	});

	it("latent MoE, shared experts, the dense first layer, vision, MXFP4 experts, 1M context", () => {
		const f = read(NAME);
		// num_experts 896, num_shared_experts 2, num_experts_per_token 16, moe_intermediate_size 3072
		expect(f.moe).toEqual({ experts: 896, sharedExperts: 2, expertsPerToken: 16, expertWidth: 3072 });
		expect(f.ffnWidth).toBe(16 * 3072 + 2 * 3072);
		expect(f.modules).toEqual({ mtpLayers: 0, vision: true, audio: false });
		expect(f.contextLength).toBe(1_048_576);
		expect(f.nativePrecision).toBe("mxfp4"); // compressed-tensors, format mxfp4-pack-quantized, group 32
		expect(f.quantNote).toMatch(/^MXFP4 \(compressed-tensors mxfp4-pack-quantized, group 32\); self_attn, shared_experts/);
		// 2.8T total / 104B activated (NVIDIA NeMo AutoModel, Kimi K3 page). Routed experts work in the 3584-wide
		// latent (routed_expert_hidden_size): 92 x 896 x 3 x 3584 x 3072 = 2.72T; at the 7168 hidden size it would be 5.4T.
		near(f.params.total, 2.8e12, 1);
		near(f.params.active, 104e9, 2);
		const { routed_expert_hidden_size: _, ...full } = config(NAME).text_config as Config;
		const unlatent = readConfig({ ...config(NAME), text_config: full });
		if (!unlatent.ok) throw new Error(unlatent.message);
		expect(unlatent.facts.params.total).toBeGreaterThan(5.3e12);
	});

	it("a layer in both lists, or in neither, is refused by name", () => {
		const text = config(NAME).text_config as Config;
		const la = text.linear_attn_config as Config;
		const both = { ...la, full_attn_layers: [1, ...(la.full_attn_layers as number[])] };
		const r = refused(readConfig({ ...config(NAME), text_config: { ...text, linear_attn_config: both } }));
		expect(r.keys).toEqual(["text_config.linear_attn_config.full_attn_layers"]);
		expect(r.message).toContain("layer 1 is in both lists");
		const kdaOut = { ...la, kda_layers: (la.kda_layers as number[]).slice(1) };
		const neither = refused(readConfig({ ...config(NAME), text_config: { ...text, linear_attn_config: kdaOut } }));
		expect(neither.message).toContain("layer 1 is in neither list");
	});
});

describe("the catalog entries written from these configs (catalog/models/minimax.yaml, moonshot.yaml)", () => {
	it.each([
		["minimax-m3", "MiniMax-M3", "MiniMaxAI/MiniMax-M3"],
		["kimi-k3", "Kimi K3", "moonshotai/Kimi-K3"],
	])(
		"%s carries the reader's cache, experts, modules and context, and answers fit by id, name and repository",
		(id, name, repo) => {
			const m = repoModel(id);
			const f = read(repo.replace("/", "--"));
			const fromConfig = { layers: f.layers } as Model;
			expect([m.name, m.hfRepo, m.contextLength, m.moe, m.modules.mtpLayers]).toEqual([
				name,
				repo,
				f.contextLength,
				f.moe,
				f.modules.mtpLayers,
			]);
			expect([m.hiddenSize, m.vocabSize, m.ffnWidth, m.tiedEmbeddings, m.nativePrecision]).toEqual([
				f.hiddenSize,
				f.vocabSize,
				f.ffnWidth,
				f.tiedEmbeddings,
				f.nativePrecision,
			]);
			// The release is vision-language (MiniMax-M3's text config here sits in minimax_m3_vl's text_config).
			expect(m.modules.vision).toBe(true);
			for (const kv of [1, 2]) {
				expect(tokenBytesReplica(m, kv)).toBe(tokenBytesReplica(fromConfig, kv));
				for (const tokens of [1, 4096, 131_072, 1_048_576]) {
					for (const tp of [1, 8]) {
						expect(requestBytesPerGpu(m, tokens, tp, 1, kv), `${tokens} tokens, TP${tp}, ${kv} B`).toBe(
							requestBytesPerGpu(fromConfig, tokens, tp, 1, kv),
						);
					}
				}
			}
			for (const typed of [id, name, repo]) {
				const j = fitJson(`${typed} on 16x h200 ctx 128k`);
				expect(j.model.id, typed).toBe(id);
				expect(j.context, typed).toBe(131_072);
				expect(j.verdict, typed).toBe("fits");
			}
			// The model's own limit, and no more.
			expect(fitJson(`${repo} on 16x h200 ctx 1048576`).limits.maxContext).toBe(1_048_576);
		},
	);
});

describe("gaps found on the 2026 configs", () => {
	it("layers_block_type (Nemotron 3 Ultra: no num_hidden_layers, no hybrid_override_pattern) is the block pattern", () => {
		const f = read("nvidia--NVIDIA-Nemotron-3-Ultra-550B-A55B-BF16");
		const count = (kind: string) => f.layers.filter((g) => g.mixer.kind === kind).reduce((n, g) => n + g.count, 0);
		expect([count("mamba2"), count("attention")]).toEqual([48, 12]);
		// 550B total / 55B active (the model's name, nvidia/NVIDIA-Nemotron-3-Ultra-550B-A55B; latent MoE, moe_latent_size 2048)
		near(f.params.total, 550e9, 1);
		near(f.params.active, 55e9, 2);
		const types = [...(config("nvidia--NVIDIA-Nemotron-3-Ultra-550B-A55B-BF16").layers_block_type as string[])];
		types[3] = "cross_attention";
		const r = refused(readConfig({ ...config("nvidia--NVIDIA-Nemotron-3-Ultra-550B-A55B-BF16"), layers_block_type: types }));
		expect(r.keys).toEqual(["layers_block_type[3]"]);
	});

	it("moe_latent_size: Nemotron 3 Super's experts work in a 1024-wide latent (120B total / 12B active, not 458B)", () => {
		const f = read("nvidia--NVIDIA-Nemotron-3-Super-120B-A12B-FP8");
		near(f.params.total, 120e9, 1);
		near(f.params.active, 12e9, 3);
		const { moe_latent_size: _, ...full } = config("nvidia--NVIDIA-Nemotron-3-Super-120B-A12B-FP8");
		const r = readConfig(full);
		if (!r.ok) throw new Error(r.message);
		expect(r.facts.params.total).toBeGreaterThan(450e9);
	});

	it("Gemma 3 text keys left out take Gemma3TextConfig's defaults (google/gemma-3-4b-it as republished by mlx-community)", () => {
		const c = config("mlx-community--gemma-3-4b-it-bf16");
		expect(Object.keys(c.text_config as Config).sort()).toEqual([
			"hidden_size",
			"intermediate_size",
			"model_type",
			"num_hidden_layers",
			"rope_scaling",
			"sliding_window",
		]);
		const f = read("mlx-community--gemma-3-4b-it-bf16");
		// transformers Gemma3TextConfig: 8 heads, 4 KV heads, head_dim 256, sliding_window_pattern 6, vocab 262208, 131072 positions.
		const window = { kind: "attention", heads: 8, kvHeads: 4, headDim: 256, keyIsValue: false, chunked: false, kvShared: false };
		expect(f.layers.slice(0, 2)).toEqual([
			{ count: 5, mixer: { ...window, window: 1024 } },
			{ count: 1, mixer: { ...window, window: null } },
		]);
		expect([f.vocabSize, f.contextLength, f.tiedEmbeddings, f.modules.vision]).toEqual([262_208, 131_072, true, true]);
		// Gemma 3 report (arXiv 2503.19786) Table 1, 4B: 675M embedding + 3,209M non-embedding + 417M vision.
		near(f.params.total - f.params.vision, 3.884e9, 1);
		// An explicit key still wins over the default.
		const text = { ...(c.text_config as Config), num_key_value_heads: 1 };
		const one = readConfig({ ...c, text_config: text });
		if (!one.ok) throw new Error(one.message);
		expect(one.facts.layers[0]?.mixer).toMatchObject({ kvHeads: 1 });
	});

	it("tie_word_embeddings left out follows the family's config class: true for Gemma 2/3, false elsewhere", () => {
		expect(config("OpenPipe--gemma-3-12b-it-text-only").tie_word_embeddings).toBeUndefined();
		expect(read("OpenPipe--gemma-3-12b-it-text-only").tiedEmbeddings).toBe(true); // Gemma3TextConfig(tie_word_embeddings=True)
		const gemma2 = readConfig({
			...config("meta-llama--Meta-Llama-3.1-8B"),
			architectures: ["Gemma2ForCausalLM"],
			model_type: "gemma2",
			tie_word_embeddings: undefined,
		});
		if (!gemma2.ok) throw new Error(gemma2.message);
		expect(gemma2.facts.tiedEmbeddings).toBe(true); // Gemma2Config(tie_word_embeddings=True)
		const untied = readConfig({ ...config("OpenPipe--gemma-3-12b-it-text-only"), tie_word_embeddings: false });
		if (!untied.ok) throw new Error(untied.message);
		expect(untied.facts.tiedEmbeddings).toBe(false);
		const { tie_word_embeddings: _, ...llama } = config("meta-llama--Meta-Llama-3.1-8B");
		const r = readConfig(llama);
		if (!r.ok) throw new Error(r.message);
		expect(r.facts.tiedEmbeddings).toBe(false);
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
