// Issue 12, DeepSeek / Moonshot / Zhipu / MiniMax: each release is an entry of its own, answers by its id, its name
// and its Hugging Face repository id, and agrees with its published config.json (test/fixtures/configs, sources in
// SOURCES-deepseek-moonshot-zhipu-minimax.md) on context, cache, experts and modules. Expected numbers are written
// out from the configs and model cards, never taken from the code under test.
import { describe, expect, it } from "vitest";
import { requestBytesPerGpu, tokenBytesReplica, totalLayers } from "../../src/core/kv.js";
import { parseLenientJson } from "../../src/models/json-lenient.js";
import { fitJson, repoModel } from "../support/catalog.js";
import { entryFromConfig } from "../support/config-model.js";
import { hubFixture } from "../support/hub-stand-in.js";

/** The new releases: id, name and official repository, as each model card and hub page names them. */
const RELEASES: [id: string, name: string, repo: string][] = [
	["deepseek-v3.1", "DeepSeek-V3.1", "deepseek-ai/DeepSeek-V3.1"],
	["deepseek-v3.2", "DeepSeek-V3.2", "deepseek-ai/DeepSeek-V3.2"],
	["deepseek-v4-flash", "DeepSeek-V4-Flash", "deepseek-ai/DeepSeek-V4-Flash"],
	["deepseek-v4-pro", "DeepSeek-V4-Pro", "deepseek-ai/DeepSeek-V4-Pro"],
	["kimi-k2-0905", "Kimi K2 Instruct (0905)", "moonshotai/Kimi-K2-Instruct-0905"],
	["kimi-k2-thinking", "Kimi K2 Thinking", "moonshotai/Kimi-K2-Thinking"],
	["kimi-k2.5", "Kimi K2.5", "moonshotai/Kimi-K2.5"],
	["kimi-k2.6", "Kimi K2.6", "moonshotai/Kimi-K2.6"],
	["glm-4.6", "GLM-4.6", "zai-org/GLM-4.6"],
	["glm-4.7", "GLM-4.7", "zai-org/GLM-4.7"],
	["glm-5", "GLM-5", "zai-org/GLM-5"],
	["glm-5.1", "GLM-5.1", "zai-org/GLM-5.1"],
	["minimax-m2.1", "MiniMax-M2.1", "MiniMaxAI/MiniMax-M2.1"],
	["minimax-m2.5", "MiniMax-M2.5", "MiniMaxAI/MiniMax-M2.5"],
	["minimax-m2.7", "MiniMax-M2.7", "MiniMaxAI/MiniMax-M2.7"],
];

describe("each release answers by its id, its name and its Hugging Face id", () => {
	it.each(RELEASES)("%s", (id, name, repo) => {
		const m = repoModel(id);
		expect(m.name).toBe(name);
		expect(m.hfRepo).toBe(repo);
		for (const typed of [id, name, repo]) {
			const j = fitJson(`${typed} on 16x h200`);
			expect(j.model.id, typed).toBe(id);
			expect(j.release, typed).toBeUndefined();
		}
	});

	it("a precision suffix on the repository id picks that checkpoint of the same release", () => {
		const j = fitJson("zai-org/GLM-5.1-FP8 on 8x h200");
		expect(j.model.id).toBe("glm-5.1");
		expect(j.precision.weights).toBe("fp8");
		expect(fitJson("glm-4.6-fp8 on 8x h200").precision.weights).toBe("fp8");
	});
});

/** What each config.json says, written out: context, experts, MTP/vision modules and the cache per token. */
interface Expected {
	context: number;
	layers: number;
	experts: number;
	shared: number;
	/** num_experts_per_tok. */
	topK: number;
	perToken: number;
	expertWidth: number;
	mtp: number;
	vision: boolean;
	/** Cache growth per token of one replica at this many bytes per cached value (2: BF16, 1: FP8). */
	kvBytes: 1 | 2;
	/** How perToken follows from the config's keys. */
	why: string;
}

const MLA_LATENT = 512 + 64; // kv_lora_rank + qk_rope_head_dim
const DSA_KEY = 128 + 4; // index_head_dim FP8 values + one FP32 scale (vLLM DeepseekV32IndexerCache)
const V4_ENTRY = 448 + 128 + 8; // FlashMLA fp8_ds_mla: NoPE FP8 + RoPE BF16 + scale

/** Published config (fixture) -> catalog entry, with the numbers read off the config by hand. */
const PAIRS: [repo: string, id: string, want: Expected][] = [
	[
		"nvidia/DeepSeek-V3.1-NVFP4",
		"deepseek-v3.1",
		{
			context: 163_840,
			layers: 61,
			experts: 256,
			shared: 1,
			topK: 8,
			expertWidth: 2048,
			mtp: 1,
			vision: false,
			kvBytes: 2,
			perToken: 61 * MLA_LATENT * 2,
			why: "61 MLA layers x (512 + 64) x 2 B = 70,272",
		},
	],
	[
		"deepseek-ai/DeepSeek-V3.2",
		"deepseek-v3.2",
		{
			context: 163_840,
			layers: 61,
			experts: 256,
			shared: 1,
			topK: 8,
			expertWidth: 2048,
			mtp: 1,
			vision: false,
			kvBytes: 2,
			perToken: 61 * (MLA_LATENT * 2 + DSA_KEY),
			why: "61 x (1,152 B latent + 132 B indexer key) = 78,324",
		},
	],
	[
		"deepseek-ai/DeepSeek-V4-Flash",
		"deepseek-v4-flash",
		{
			context: 1_048_576,
			layers: 43,
			experts: 256,
			shared: 1,
			topK: 6,
			expertWidth: 2048,
			mtp: 1,
			vision: false,
			kvBytes: 1,
			perToken: (21 * (V4_ENTRY + DSA_KEY)) / 4 + (20 * V4_ENTRY) / 128,
			why: "compress_ratios: 21 layers of 4 (entry + indexer key per 4 tokens), 20 of 128, 2 window-only = 3,850.25",
		},
	],
	[
		"deepseek-ai/DeepSeek-V4-Pro",
		"deepseek-v4-pro",
		{
			context: 1_048_576,
			layers: 61,
			experts: 384,
			shared: 1,
			topK: 6,
			expertWidth: 3072,
			mtp: 1,
			vision: false,
			kvBytes: 1,
			perToken: (30 * (V4_ENTRY + DSA_KEY)) / 4 + (31 * V4_ENTRY) / 128,
			why: "compress_ratios: 30 layers of 4, 31 of 128 = 5,511.4375",
		},
	],
	[
		"moonshotai/Kimi-K2.5",
		"kimi-k2.5",
		{
			context: 262_144,
			layers: 61,
			experts: 384,
			shared: 1,
			topK: 8,
			expertWidth: 2048,
			mtp: 0,
			vision: true,
			kvBytes: 2,
			perToken: 61 * MLA_LATENT * 2,
			why: "text_config: 61 MLA layers x 576 x 2 B = 70,272",
		},
	],
	[
		"nvidia/Kimi-K2.6-NVFP4",
		"kimi-k2.6",
		{
			context: 262_144,
			layers: 61,
			experts: 384,
			shared: 1,
			topK: 8,
			expertWidth: 2048,
			mtp: 0,
			vision: true,
			kvBytes: 2,
			perToken: 61 * MLA_LATENT * 2,
			why: "text_config: 61 MLA layers x 576 x 2 B = 70,272",
		},
	],
	[
		"zai-org/GLM-4.7",
		"glm-4.7",
		{
			context: 202_752,
			layers: 92,
			experts: 160,
			shared: 1,
			topK: 8,
			expertWidth: 1536,
			mtp: 1,
			vision: false,
			kvBytes: 2,
			perToken: 92 * 8 * 128 * 2 * 2,
			why: "92 layers x 8 KV heads x 128 x (K + V) x 2 B = 376,832",
		},
	],
	[
		"zai-org/GLM-5",
		"glm-5",
		{
			context: 202_752,
			layers: 78,
			experts: 256,
			shared: 1,
			topK: 8,
			expertWidth: 2048,
			mtp: 1,
			vision: false,
			kvBytes: 2,
			perToken: 78 * (MLA_LATENT * 2 + DSA_KEY),
			why: "78 x (1,152 B latent + 132 B indexer key) = 100,152",
		},
	],
	[
		"zai-org/GLM-5.1",
		"glm-5.1",
		{
			context: 202_752,
			layers: 78,
			experts: 256,
			shared: 1,
			topK: 8,
			expertWidth: 2048,
			mtp: 1,
			vision: false,
			kvBytes: 2,
			perToken: 78 * (MLA_LATENT * 2 + DSA_KEY),
			why: "78 x (1,152 B latent + 132 B indexer key) = 100,152",
		},
	],
	[
		"MiniMaxAI/MiniMax-M2.5",
		"minimax-m2.5",
		{
			context: 196_608,
			layers: 62,
			experts: 256,
			shared: 0,
			topK: 8,
			expertWidth: 1536,
			mtp: 3,
			vision: false,
			kvBytes: 2,
			perToken: 62 * 8 * 128 * 2 * 2,
			why: "62 layers x 8 KV heads x 128 x 2 x 2 B = 253,952",
		},
	],
	[
		"MiniMaxAI/MiniMax-M2.7",
		"minimax-m2.7",
		{
			context: 204_800,
			layers: 62,
			experts: 256,
			shared: 0,
			topK: 8,
			expertWidth: 1536,
			mtp: 3,
			vision: false,
			kvBytes: 2,
			perToken: 62 * 8 * 128 * 2 * 2,
			why: "62 layers x 8 KV heads x 128 x 2 x 2 B = 253,952",
		},
	],
];

describe("each entry agrees with its published config.json", () => {
	it.each(PAIRS)("%s -> %s", (repo, id, want) => {
		const m = repoModel(id);
		const read = entryFromConfig(repo, m);

		// The config, read by hand.
		expect(read.contextLength).toBe(want.context);
		expect(totalLayers(read)).toBe(want.layers);
		expect(read.moe).toEqual({
			experts: want.experts,
			sharedExperts: want.shared,
			expertsPerToken: want.topK,
			expertWidth: want.expertWidth,
		});
		expect(read.modules).toEqual({ mtpLayers: want.mtp, vision: want.vision, audio: false });
		expect(tokenBytesReplica(read, want.kvBytes), want.why).toBe(want.perToken);

		// The catalog entry, against the reader's facts.
		expect(m.contextLength).toBe(read.contextLength);
		expect(m.moe).toEqual(read.moe);
		expect(m.modules).toEqual(read.modules);
		expect(m.contextExtension).toEqual(null);
		for (const kv of [1, 2]) expect(tokenBytesReplica(m, kv), `${kv} B values`).toBe(tokenBytesReplica(read, kv));
		for (const tokens of [1, 4096, 131_072]) {
			for (const tp of [1, 8]) {
				for (const kv of [1, 2]) {
					expect(requestBytesPerGpu(m, tokens, tp, 1, kv), `${tokens} tokens, TP${tp}, ${kv} B`).toBe(
						requestBytesPerGpu(read, tokens, tp, 1, kv),
					);
				}
			}
		}
	});
});

describe("releases whose own config.json is not under test share a tested layout", () => {
	// Kimi K2 0905 and K2 Thinking: the model cards' summary tables are Kimi K2's (61 layers, MLA, 64 heads, 384 experts);
	// GLM-4.6: its quantized copies' configs (RedHatAI/GLM-4.6-FP8-dynamic, -NVFP4) carry GLM-4.5/4.7's keys with
	// max_position_embeddings 202752; MiniMax-M2.1: the M2 family layout, 196608 positions per the hub API.
	it.each([
		["kimi-k2-0905", "moonshotai/Kimi-K2-Instruct", 262_144],
		["kimi-k2-thinking", "moonshotai/Kimi-K2-Instruct", 262_144],
		["glm-4.6", "zai-org/GLM-4.7", 202_752],
		["minimax-m2.1", "MiniMaxAI/MiniMax-M2.5", 196_608],
	] as const)("%s has %s's layout and a context of %i", (id, repo, context) => {
		const m = repoModel(id);
		const read = entryFromConfig(repo, m);
		expect(m.contextLength).toBe(context);
		expect(m.moe).toEqual(read.moe);
		for (const tokens of [1, 4096, 131_072]) {
			for (const tp of [1, 8]) expect(requestBytesPerGpu(m, tokens, tp, 1, 2)).toBe(requestBytesPerGpu(read, tokens, tp, 1, 2));
		}
	});
});

describe("the answers issue 12 quotes", () => {
	it("glm-4.6 on 8x h200 ctx 200k is about GLM-4.6 and sized within its 202,752 tokens, not GLM-4.5's 128K", () => {
		// zai-org/GLM-4.7 config.json and RedHatAI/GLM-4.6-FP8-dynamic config.json: max_position_embeddings 202752.
		const GLM46 = 202_752;
		const j = fitJson("glm-4.6 on 8x h200 ctx 200k");
		expect(j.model.id).toBe("glm-4.6");
		expect(j.model.name).toBe("GLM-4.6");
		expect(JSON.stringify(j)).not.toContain("128K");
		expect(j.limits.maxContext).toBe(GLM46);
		if (j.context > GLM46) {
			// "200k" read as 200 x 1024 = 204,800 tokens is past the limit: the answer offers the limit instead.
			expect(j.verdict).toBe("no-fit");
			expect(j.notes[0]).toContain("GLM-4.6's context of 198K");
			const atLimit = fitJson(j.suggestedRequests[0]);
			expect(atLimit.context).toBe(GLM46);
			expect(atLimit.verdict).toBe("fits");
		} else {
			expect(j.verdict).toBe("fits");
		}
		const full = fitJson(`glm-4.6 on 8x h200 ctx ${GLM46}`);
		expect(full.model.id).toBe("glm-4.6");
		expect(full.context).toBe(GLM46);
		expect(full.verdict).toBe("fits");
		expect(full.limits.maxContext).toBe(GLM46);
	});

	it("kimi-k2-0905 reads 262,144 tokens (model card: 256K)", () => {
		const K2_0905 = 262_144; // 256 x 1024; the 0711 config's YaRN factor 32 over 4,096 became 256K in 0905
		expect(repoModel("kimi-k2-0905").contextLength).toBe(K2_0905);
		const j = fitJson("kimi-k2-0905 on 16x h200 ctx 256k");
		expect(j.model.id).toBe("kimi-k2-0905");
		expect(j.context).toBe(K2_0905);
		expect(j.verdict).not.toBe("no-fit");
		expect(j.limits.maxContext).toBe(K2_0905);
		expect(j.notes.join(" ")).not.toContain("beyond");
	});

	it("kimi-k2 (0711) stays at 131,072 tokens (moonshotai/Kimi-K2-Instruct config.json)", () => {
		const K2_0711 = 131_072;
		const config = parseLenientJson(hubFixture("moonshotai/Kimi-K2-Instruct")) as { max_position_embeddings: number };
		expect(config.max_position_embeddings).toBe(K2_0711);
		expect(repoModel("kimi-k2").contextLength).toBe(K2_0711);
		const j = fitJson("kimi-k2 on 16x h200 ctx 256k");
		expect(j.model.id).toBe("kimi-k2");
		expect(j.verdict).toBe("no-fit");
		expect(j.notes[0]).toContain("context of 128K");
		expect(fitJson(j.suggestedRequests[0]).context).toBe(K2_0711);
	});

	it("names of other releases are gone from the older entries", () => {
		const aliases = (id: string) => repoModel(id).aliases.map((a) => a.toLowerCase());
		expect(aliases("kimi-k2")).not.toContain("kimi-k2-0905");
		expect(aliases("glm-4.5")).not.toContain("glm-4.6");
		expect(aliases("glm-4.5")).not.toContain("glm-4.7");
		expect(aliases("deepseek-v3")).not.toContain("deepseek-v3.1");
		expect(aliases("minimax-m2")).not.toContain("minimax-m2.5");
		expect(fitJson("kimi-k2-0905 on 16x h200").model.id).toBe("kimi-k2-0905");
		expect(fitJson("glm-4.7 on 8x h200").model.id).toBe("glm-4.7");
		expect(fitJson("deepseek-v3.1 on 8x h200").model.id).toBe("deepseek-v3.1");
		expect(fitJson("minimax-m2.5 on 8x h200").model.id).toBe("minimax-m2.5");
	});
});
