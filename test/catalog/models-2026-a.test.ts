// The 2026 catalog entries of the Qwen, Google, NVIDIA and Microsoft families (issue 12): each release is its own
// entry, answers by its id, its name and its Hugging Face repo id (from the catalog, not the hub), agrees with its
// published config.json where a copy is in test/fixtures/configs (the same config reader the hub path uses), and
// refuses more context than its config allows.
// Expected numbers are written out from the config files (named at each one) and the model cards, never computed
// by the code under test. Sources of the copied configs: test/fixtures/configs/SOURCES-qwen-google-mistral-nvidia.md.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { modelSchema } from "../../src/catalog/schema.js";
import type { Model } from "../../src/catalog/types.js";
import { requestBytesPerGpu, tokenBytesReplica, totalLayers } from "../../src/core/kv.js";
import { readConfig } from "../../src/models/config-reader.js";
import { parseLenientJson } from "../../src/models/json-lenient.js";
import { findModel } from "../../src/parse/resolve.js";
import { fitJson, repoCatalog, repoModel } from "../support/catalog.js";
import { hubFixture } from "../support/hub-stand-in.js";

/** A fixture config, parsed (Infinity and all). */
const fixtureConfig = (repo: string): unknown => parseLenientJson(hubFixture(repo));

/** Every entry these families added or split off in issue 12: id, name, official repo. */
const ENTRIES: [id: string, name: string, repo: string][] = [
	["qwen3.5-397b-a17b", "Qwen3.5-397B-A17B", "Qwen/Qwen3.5-397B-A17B"],
	["qwen3.5-122b-a10b", "Qwen3.5-122B-A10B", "Qwen/Qwen3.5-122B-A10B"],
	["qwen3.5-35b-a3b", "Qwen3.5-35B-A3B", "Qwen/Qwen3.5-35B-A3B"],
	["qwen3.5-27b", "Qwen3.5-27B", "Qwen/Qwen3.5-27B"],
	["qwen3.6-35b-a3b", "Qwen3.6-35B-A3B", "Qwen/Qwen3.6-35B-A3B"],
	["qwen3.6-27b", "Qwen3.6-27B", "Qwen/Qwen3.6-27B"],
	["qwen3-next-80b-a3b", "Qwen3-Next-80B-A3B", "Qwen/Qwen3-Next-80B-A3B-Instruct"],
	["qwen3-vl-235b-a22b", "Qwen3-VL-235B-A22B", "Qwen/Qwen3-VL-235B-A22B-Instruct"],
	["qwen3-vl-30b-a3b", "Qwen3-VL-30B-A3B", "Qwen/Qwen3-VL-30B-A3B-Instruct"],
	["qwen3-vl-8b", "Qwen3-VL-8B", "Qwen/Qwen3-VL-8B-Instruct"],
	["qwen3-235b-a22b-instruct-2507", "Qwen3-235B-A22B-Instruct-2507", "Qwen/Qwen3-235B-A22B-Instruct-2507"],
	["qwen3-235b-a22b-thinking-2507", "Qwen3-235B-A22B-Thinking-2507", "Qwen/Qwen3-235B-A22B-Thinking-2507"],
	["gemma-4-31b", "Gemma 4 31B IT", "google/gemma-4-31B-it"],
	["gemma-4-26b-a4b", "Gemma 4 26B A4B IT", "google/gemma-4-26B-A4B-it"],
	["gemma-3-12b", "Gemma 3 12B IT", "google/gemma-3-12b-it"],
	["gemma-3-4b", "Gemma 3 4B IT", "google/gemma-3-4b-it"],
	["nemotron-3-nano-30b-a3b", "NVIDIA-Nemotron-3-Nano-30B-A3B", "nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16"],
	["nemotron-3-super-120b-a12b", "NVIDIA-Nemotron-3-Super-120B-A12B", "nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-FP8"],
	["nemotron-3-ultra-550b-a55b", "NVIDIA-Nemotron-3-Ultra-550B-A55B", "nvidia/NVIDIA-Nemotron-3-Ultra-550B-A55B-BF16"],
	["phi-4-reasoning", "Phi-4-reasoning", "microsoft/Phi-4-reasoning"],
];

describe("each entry answers by its id, its name and its Hugging Face repo id, from the catalog", () => {
	it.each(ENTRIES)("%s", (id, name, repo) => {
		const m = repoModel(id);
		expect(m.name).toBe(name);
		expect(m.hfRepo).toBe(repo);
		for (const typed of [id, name, repo]) {
			const j = fitJson(`${typed} on 8x h200`);
			expect(j.model.id, typed).toBe(id);
			// A hub answer says where it read the files; a catalog answer does not.
			expect(j.notes.join(" "), typed).not.toContain("Read from the Hugging Face hub");
		}
	});

	it("every alias of these entries resolves to its own entry", () => {
		for (const [id] of ENTRIES) {
			for (const alias of repoModel(id).aliases) expect(findModel(repoCatalog(), alias)?.model.id, alias).toBe(id);
		}
	});
});

/**
 * Published config (fixture) -> the entry it describes, with its max_position_embeddings written out from the file.
 * NVIDIA's quantized repos keep the original's config (and add the quantization), so they stand for Qwen3.6 and
 * Gemma 4 31B, whose BF16 config copies are not in the mirror.
 */
const CONFIGS: [repo: string, id: string, contextLength: number][] = [
	["Qwen/Qwen3.5-397B-A17B", "qwen3.5-397b-a17b", 262_144],
	["Qwen/Qwen3.5-122B-A10B", "qwen3.5-122b-a10b", 262_144],
	["Qwen/Qwen3.5-35B-A3B", "qwen3.5-35b-a3b", 262_144],
	["Qwen/Qwen3.5-27B", "qwen3.5-27b", 262_144],
	["nvidia/Qwen3.6-35B-A3B-NVFP4", "qwen3.6-35b-a3b", 262_144],
	["nvidia/Qwen3.6-27B-NVFP4", "qwen3.6-27b", 262_144],
	["Qwen/Qwen3-VL-235B-A22B-Instruct", "qwen3-vl-235b-a22b", 262_144],
	["Qwen/Qwen3-VL-30B-A3B-Instruct", "qwen3-vl-30b-a3b", 262_144],
	["Qwen/Qwen3-VL-8B-Instruct", "qwen3-vl-8b", 262_144],
	["nvidia/Gemma-4-31B-IT-NVFP4", "gemma-4-31b", 262_144],
	["google/gemma-4-26B-A4B", "gemma-4-26b-a4b", 262_144],
	["OpenPipe/gemma-3-12b-it-text-only", "gemma-3-12b", 131_072],
	["nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16", "nemotron-3-nano-30b-a3b", 262_144],
	["nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-FP8", "nemotron-3-super-120b-a12b", 262_144],
];

/** A text-only copy of the config: the checkpoint's vision tower is the model card's, not this file's. */
const TEXT_ONLY = new Set(["OpenPipe/gemma-3-12b-it-text-only"]);

describe("entries agree with their published config.json, read by the same reader as the hub", () => {
	it.each(CONFIGS)("%s -> %s", (repo, id, contextLength) => {
		const m = repoModel(id);
		const read = readConfig(parseLenientJson(hubFixture(repo)));
		if (!read.ok) throw new Error(`${repo}: ${read.message}`);
		const f = read.facts;
		const fromConfig = modelSchema.parse({
			...m,
			layers: f.layers,
			modules: f.modules,
			moe: f.moe,
			contextLength: f.contextLength,
		});

		expect(f.contextLength).toBe(contextLength);
		expect(m.contextLength).toBe(contextLength);
		expect(m.moe).toEqual(f.moe);
		if (TEXT_ONLY.has(repo)) {
			expect({ ...m.modules, vision: false }).toEqual(f.modules);
			expect(m.modules.vision).toBe(true);
		} else {
			expect(m.modules).toEqual(f.modules);
		}
		expect(totalLayers(m)).toBe(totalLayers(fromConfig));
		expect(tokenBytesReplica(m, 2)).toBe(tokenBytesReplica(fromConfig, 2));
		for (const tokens of [1, 4096, 131_072]) {
			for (const tp of [1, 8]) {
				expect(requestBytesPerGpu(m, tokens, tp, 1, 2), `${tokens} tokens, TP${tp}`).toBe(
					requestBytesPerGpu(fromConfig, tokens, tp, 1, 2),
				);
			}
		}
	});

	it("KV growth per token, written out from the configs (BF16, full-attention layers only)", () => {
		// Qwen--Qwen3.5-397B-A17B_config.json: full_attention_interval 4 over 60 layers, 2 KV heads, head_dim 256.
		expect(tokenBytesReplica(repoModel("qwen3.5-397b-a17b"), 2)).toBe(15 * 2 * (256 + 256) * 2);
		// Qwen--Qwen3.5-122B-A10B_config.json: 48 layers / 4 = 12 full layers, 2 KV heads, head_dim 256.
		expect(tokenBytesReplica(repoModel("qwen3.5-122b-a10b"), 2)).toBe(12 * 2 * (256 + 256) * 2);
		// nvidia--Qwen3.6-27B-NVFP4_config.json: 64 layers / 4 = 16 full layers, 4 KV heads, head_dim 256.
		expect(tokenBytesReplica(repoModel("qwen3.6-27b"), 2)).toBe(16 * 4 * (256 + 256) * 2);
		// Qwen--Qwen3-VL-235B-A22B-Instruct_config.json: 94 layers, 4 KV heads, head_dim 128.
		expect(tokenBytesReplica(repoModel("qwen3-vl-235b-a22b"), 2)).toBe(94 * 4 * (128 + 128) * 2);
		// nvidia--Gemma-4-31B-IT-NVFP4_config.json: 10 of 60 layers full_attention, 4 global KV heads, global_head_dim 512.
		expect(tokenBytesReplica(repoModel("gemma-4-31b"), 2)).toBe(10 * 4 * (512 + 512) * 2);
		// OpenPipe--gemma-3-12b-it-text-only_config.json: 48 layers, every 6th global -> 8, 8 KV heads, head_dim 256.
		expect(tokenBytesReplica(repoModel("gemma-3-12b"), 2)).toBe(8 * 8 * (256 + 256) * 2);
		// nvidia--NVIDIA-Nemotron-3-Super-120B-A12B-FP8_config.json: 8 '*' blocks in the pattern, 2 KV heads, head_dim 128.
		expect(tokenBytesReplica(repoModel("nemotron-3-super-120b-a12b"), 2)).toBe(8 * 2 * (128 + 128) * 2);
	});
});

/** The reader's facts of a fixture config (which must read). */
function readFixture(repo: string) {
	const read = readConfig(fixtureConfig(repo));
	if (!read.ok) throw new Error(`${repo}: ${read.message}`);
	return read.facts;
}

describe("entries written by hand, checked against the numbers of their config files and the reader", () => {
	it("Nemotron 3 Ultra: layers_block_type of nvidia--NVIDIA-Nemotron-3-Ultra-550B-A55B-BF16_config.json", () => {
		const config = fixtureConfig("nvidia/NVIDIA-Nemotron-3-Ultra-550B-A55B-BF16") as Record<string, unknown>;
		// No num_hidden_layers and no hybrid_override_pattern: the reader takes the schedule from layers_block_type.
		const read = readFixture("nvidia/NVIDIA-Nemotron-3-Ultra-550B-A55B-BF16");
		const blocks = config.layers_block_type as string[];
		expect(blocks.length).toBe(108);
		expect(blocks.filter((b) => b === "mamba").length).toBe(48);
		expect(blocks.filter((b) => b === "attention").length).toBe(12);
		expect(blocks.filter((b) => b === "moe").length).toBe(48);
		expect(config.max_position_embeddings).toBe(262_144);

		const m = repoModel("nemotron-3-ultra-550b-a55b");
		expect(m.contextLength).toBe(262_144);
		expect(m.layers).toEqual([
			// mamba_num_heads 256, mamba_head_dim 64, ssm_state_size 128, n_groups 8, conv_kernel 4, mamba_ssm_cache_dtype float32
			{ count: 48, mixer: { kind: "mamba2", heads: 256, headDim: 64, stateSize: 128, groups: 8, convKernel: 4, stateBytes: 4 } },
			// num_attention_heads 64, num_key_value_heads 2, head_dim 128, sliding_window null
			{
				count: 12,
				mixer: {
					kind: "attention",
					heads: 64,
					kvHeads: 2,
					headDim: 128,
					keyIsValue: false,
					window: null,
					chunked: false,
					kvShared: false,
				},
			},
		]);
		// n_routed_experts 512, n_shared_experts 1, num_experts_per_tok 22, moe_intermediate_size 5120
		expect(m.moe).toEqual({ experts: 512, sharedExperts: 1, expertsPerToken: 22, expertWidth: 5120 });
		// num_nextn_predict_layers 1
		expect(m.modules).toEqual({ mtpLayers: 1, vision: false, audio: false });
		expect(tokenBytesReplica(m, 2)).toBe(12 * 2 * (128 + 128) * 2);
		// The reader agrees with the entry (its schedule interleaves the same 48 + 12 layers).
		expect(read.moe).toEqual(m.moe);
		expect(read.modules).toEqual(m.modules);
		expect(read.contextLength).toBe(m.contextLength);
		expect(totalLayers({ layers: read.layers } as Model)).toBe(60);
		for (const tokens of [1, 4096, 262_144]) {
			for (const tp of [1, 8]) {
				expect(requestBytesPerGpu({ layers: read.layers } as Model, tokens, tp, 1, 2)).toBe(
					requestBytesPerGpu(m, tokens, tp, 1, 2),
				);
			}
		}
	});

	it("Gemma 3 4B: the explicit keys of mlx-community--gemma-3-4b-it-bf16_config.json (the rest are Gemma3TextConfig defaults)", () => {
		const config = fixtureConfig("mlx-community/gemma-3-4b-it-bf16") as { text_config: Record<string, unknown> };
		expect(config.text_config.num_hidden_layers).toBe(34);
		expect(config.text_config.sliding_window).toBe(1024);
		expect(config.text_config.hidden_size).toBe(2560);
		const m = repoModel("gemma-3-4b");
		expect(totalLayers(m)).toBe(34);
		expect(m.hiddenSize).toBe(2560);
		// Gemma3TextConfig defaults: sliding_window_pattern 6 -> layers 6, 12, 18, 24, 30 global; 4 KV heads of 256.
		expect(m.layers.map((g) => [g.count, g.mixer.kind === "attention" ? g.mixer.window : "?"])).toEqual([
			[29, 1024],
			[5, null],
		]);
		expect(tokenBytesReplica(m, 2)).toBe(5 * 4 * (256 + 256) * 2);
		expect(m.contextLength).toBe(131_072);
		expect(m.modules.vision).toBe(true); // vision_config: siglip_vision_model
		// The reader fills the same defaults in (config-families.ts, Gemma3TextConfig) and agrees with the entry.
		const read = readFixture("mlx-community/gemma-3-4b-it-bf16");
		expect(read.layers.reduce((n, g) => n + g.count, 0)).toBe(34);
		expect([read.vocabSize, read.contextLength, read.tiedEmbeddings]).toEqual([m.vocabSize, m.contextLength, m.tiedEmbeddings]);
		for (const tokens of [1, 1024, 131_072]) {
			expect(requestBytesPerGpu({ layers: read.layers } as Model, tokens, 1, 1, 2)).toBe(requestBytesPerGpu(m, tokens, 1, 1, 2));
		}
	});
});

describe("each release is itself: its own context, as its config or model card gives it", () => {
	// Qwen--Qwen3-235B-A22B-FP8_config.json: max_position_embeddings 40960. The 2507 model cards: 262,144 natively.
	const QWEN3_235B = 40_960;
	const QWEN3_235B_2507 = 262_144;

	it("qwen3-235b-a22b-instruct-2507 at 256K is sized; the original Qwen3-235B-A22B is refused", () => {
		expect(repoModel("qwen3-235b-a22b").contextLength).toBe(QWEN3_235B);
		for (const id of ["qwen3-235b-a22b-instruct-2507", "qwen3-235b-a22b-thinking-2507"]) {
			expect(repoModel(id).contextLength).toBe(QWEN3_235B_2507);
			const j = fitJson(`${id} on 8x h200 ctx 256k`);
			expect(j.model.id).toBe(id);
			expect(j.context).toBe(QWEN3_235B_2507);
			expect(j.verdict).not.toBe("no-fit");
			expect(j.notes.join(" ")).not.toContain("beyond");
		}
		const original = fitJson("qwen3-235b-a22b on 8x h200 ctx 256k");
		expect(original.model.id).toBe("qwen3-235b-a22b");
		expect(original.verdict).toBe("no-fit");
		expect(original.notes[0]).toContain("beyond");
	});

	it("the 2507 names answer as the 2507 releases, not as the original", () => {
		expect(fitJson("Qwen3-235B-A22B-Instruct-2507 on 8x h200").model.id).toBe("qwen3-235b-a22b-instruct-2507");
		expect(fitJson("qwen3-235b-a22b-thinking-2507 fp8 on 8x h200").model.id).toBe("qwen3-235b-a22b-thinking-2507");
		expect(repoModel("qwen3-235b-a22b").aliases.some((a) => a.includes("2507"))).toBe(false);
		expect(repoModel("qwen3-235b-a22b").variants.some((v) => v.repo.includes("2507"))).toBe(false);
		// Qwen3-30B-A3B-Instruct-2507 (262,144 tokens) is another release than Qwen3-30B-A3B (40,960).
		expect(findModel(repoCatalog(), "Qwen3-30B-A3B-Instruct-2507")?.model.id).not.toBe("qwen3-30b-a3b");
	});

	it("phi-4-reasoning reads 32,768 (model card); phi-4 reads 16,384 (config copy of microsoft/phi-4)", () => {
		const PHI4 = 16_384;
		const PHI4_REASONING = 32_768;
		expect(repoModel("phi-4").contextLength).toBe(PHI4);
		expect(repoModel("phi-4-reasoning").contextLength).toBe(PHI4_REASONING);
		expect(repoModel("phi-4").aliases.map((a) => a.toLowerCase())).not.toContain("phi-4-reasoning");
		const reasoning = fitJson("phi-4-reasoning on 1x h100 ctx 32k");
		expect(reasoning.model.id).toBe("phi-4-reasoning");
		expect(reasoning.context).toBe(PHI4_REASONING);
		expect(reasoning.verdict).not.toBe("no-fit");
		expect(fitJson("phi-4-reasoning on 1x h100 ctx 64k").verdict).toBe("no-fit");
		expect(fitJson("phi-4 on 1x h100 ctx 32k").verdict).toBe("no-fit");
	});

	it("one token past each config's limit is refused; at the limit it is sized", () => {
		for (const [, id, limit] of CONFIGS) {
			const atLimit = fitJson(`${id} on 8x b200 ctx ${limit / 1024}k`);
			expect(atLimit.context, id).toBe(limit);
			expect(atLimit.notes.join(" "), id).not.toContain("beyond");
			expect(fitJson(`${id} on 8x b200 ctx ${limit / 1024 + 1}k`).verdict, id).toBe("no-fit");
		}
	});

	it("Mistral-Large-Instruct-2411 is not answered as the 2407 release", () => {
		expect(findModel(repoCatalog(), "Mistral-Large-Instruct-2411")?.model.id).not.toBe("mistral-large-2");
	});
});

describe("the copied config files are the ones SOURCES names", () => {
	it("every fixture this file reads is listed in SOURCES-qwen-google-mistral-nvidia.md or the fixtures README's source", () => {
		const sources = readFileSync(new URL("../fixtures/configs/SOURCES-qwen-google-mistral-nvidia.md", import.meta.url), "utf8");
		for (const name of [
			"Qwen--Qwen3.5-397B-A17B_config.json",
			"Qwen--Qwen3.5-122B-A10B_config.json",
			"Qwen--Qwen3-VL-235B-A22B-Instruct_config.json",
			"nvidia--Qwen3.6-27B-NVFP4_config.json",
			"nvidia--Gemma-4-31B-IT-NVFP4_config.json",
			"nvidia--NVIDIA-Nemotron-3-Super-120B-A12B-FP8_config.json",
			"nvidia--NVIDIA-Nemotron-3-Ultra-550B-A55B-BF16_config.json",
			"OpenPipe--gemma-3-12b-it-text-only_config.json",
			"mlx-community--gemma-3-4b-it-bf16_config.json",
		]) {
			expect(sources, name).toContain(name);
		}
	});
});
