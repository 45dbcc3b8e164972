// Issue 12, the last three entries: Gemma 4 E4B, Mistral Large 3 and Mistral Small 3.2. Each answers by its id, its
// name and its Hugging Face repo id, and its context limit is the one its config (or, where no config copy exists,
// its documented figures) gives. A bare family name ("kimi", "mistral-large") names the newest release.
// Expected numbers are written out from the sources named in test/fixtures/configs/SOURCES-qwen-google-mistral-nvidia.md,
// never taken from the code under test.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Model } from "../../src/catalog/types.js";
import { requestBytesPerGpu, tokenBytesReplica, totalLayers } from "../../src/core/kv.js";
import { readConfig } from "../../src/models/config-reader.js";
import { parseLenientJson } from "../../src/models/json-lenient.js";
import { findModel } from "../../src/parse/resolve.js";
import { fitJson, repoCatalog, repoModel } from "../support/catalog.js";
import { hubFixture } from "../support/hub-stand-in.js";

/** id, name, official repo and the context limit with where it comes from. */
const ENTRIES: [id: string, name: string, repo: string, limit: number][] = [
	// GGUF metadata of an E4B build (gemma4.context_length 131072); the Gemma 4 card: 128K for E2B / E4B.
	["gemma-4-e4b", "Gemma 4 E4B IT", "google/gemma-4-E4B-it", 131_072],
	// vLLM's recipe: "By default it is set to 262144"; the model card: 256k.
	["mistral-large-3", "Mistral-Large-3-675B-Instruct-2512", "mistralai/Mistral-Large-3-675B-Instruct-2512", 262_144],
	// darkc0de--3.2test_config.json: max_position_embeddings 131072.
	["mistral-small-3.2", "Mistral-Small-3.2-24B-Instruct-2506", "mistralai/Mistral-Small-3.2-24B-Instruct-2506", 131_072],
];

describe("each entry answers by its id, its name and its Hugging Face repo id", () => {
	it.each(ENTRIES)("%s", (id, name, repo, limit) => {
		const m = repoModel(id);
		expect([m.name, m.hfRepo, m.contextLength]).toEqual([name, repo, limit]);
		for (const typed of [id, name, repo]) expect(fitJson(`${typed} on 8x h200`).model.id, typed).toBe(id);
		for (const alias of m.aliases) expect(findModel(repoCatalog(), alias)?.model.id, alias).toBe(id);
	});

	it("one token past each limit is refused; at the limit it is sized", () => {
		for (const [id, , , limit] of ENTRIES) {
			const atLimit = fitJson(`${id} on 8x b200 ctx ${limit / 1024}k`);
			expect(atLimit.context, id).toBe(limit);
			expect(atLimit.verdict, id).not.toBe("no-fit");
			expect(fitJson(`${id} on 8x b200 ctx ${limit / 1024 + 1}k`).verdict, id).toBe("no-fit");
		}
	});
});

describe("Mistral Small 3.2 agrees with its text config, read by the same reader as the hub", () => {
	it("darkc0de--3.2test_config.json (a text-only copy of the release)", () => {
		const read = readConfig(parseLenientJson(hubFixture("darkc0de/3.2test")));
		if (!read.ok) throw new Error(read.message);
		const f = read.facts;
		const m = repoModel("mistral-small-3.2");
		expect(f.contextLength).toBe(131_072);
		expect([f.vocabSize, f.tiedEmbeddings]).toEqual([m.vocabSize, m.tiedEmbeddings]);
		// The file is text-only; the release adds the Pixtral vision tower.
		expect(f.modules.vision).toBe(false);
		expect(m.modules.vision).toBe(true);
		const fromConfig = { ...m, layers: f.layers } as Model;
		expect(totalLayers(fromConfig)).toBe(40);
		// 40 layers x 8 KV heads x (128 + 128) x 2 B.
		expect(tokenBytesReplica(m, 2)).toBe(40 * 8 * 256 * 2);
		expect(tokenBytesReplica(fromConfig, 2)).toBe(tokenBytesReplica(m, 2));
		for (const tokens of [1, 4096, 131_072]) {
			expect(requestBytesPerGpu(m, tokens, 2, 1, 2)).toBe(requestBytesPerGpu(fromConfig, tokens, 2, 1, 2));
		}
		// 40 x (5120 x 6144 + 4096 x 5120 + 3 x 5120 x 32768 + 2 x 5120) + 2 x 131072 x 5120 + 5120.
		expect(m.params.total).toBe(40 * (5120 * 6144 + 4096 * 5120 + 3 * 5120 * 32768 + 2 * 5120) + 2 * 131072 * 5120 + 5120);
	});
});

describe("entries written from documented figures (no config copy exists)", () => {
	it("Gemma 4 E4B: 42 layers, the last 18 reading earlier caches; 4 global and 20 sliding layers of its own", () => {
		const m = repoModel("gemma-4-e4b");
		expect(totalLayers(m)).toBe(42);
		const shared = m.layers.filter((g) => g.mixer.kind === "attention" && g.mixer.kvShared);
		expect(shared.reduce((n, g) => n + g.count, 0)).toBe(18);
		// Global layers 5, 11, ..., 41 (1 in 6): 7 in all, 4 of them (5, 11, 17, 23) before the shared tail.
		// Grows per token: 4 x 2 KV heads x (512 + 512) x 2 B; the 20 own sliding layers stop at 512 tokens.
		expect(tokenBytesReplica(m, 2)).toBe(4 * 2 * 1024 * 2);
		const sliding = 20 * 2 * 512 * 2;
		expect(requestBytesPerGpu(m, 100_000, 1, 1, 2)).toBe(100_000 * 4 * 2 * 1024 * 2 + 512 * sliding);
		expect(requestBytesPerGpu(m, 300, 1, 1, 2)).toBe(300 * (4 * 2 * 1024 * 2 + sliding));
		expect([m.modules.vision, m.modules.audio]).toEqual([true, true]);
		// The parameters count the encoders too (the BF16 file, 15,992,595,884 B, at 2 B each), so a size estimated
		// from them for a GGUF says truly that the encoders are in.
		expect(m.params.total).toBe(Math.round(15_992_595_884 / 2));
	});

	it("Mistral Large 3: DeepSeek-V3's MLA cache over 61 layers; 128 experts, 4 per token", () => {
		const m = repoModel("mistral-large-3");
		expect(totalLayers(m)).toBe(61);
		expect(tokenBytesReplica(m, 2)).toBe(61 * (512 + 64) * 2);
		expect(m.moe).toMatchObject({ experts: 128, expertsPerToken: 4, sharedExperts: 1, expertWidth: 4096 });
		// DeepSeek-V3 671B + a shared expert twice as wide on its 58 MoE layers = the card's 673B language model (within
		// 1B), + the card's 2.5B vision encoder: the checkpoint's count, which the weights estimate and its note stand on.
		expect(Math.abs(671e9 + 58 * 3 * 7168 * 2048 + 2.5e9 - m.params.total)).toBeLessThan(1e9);
	});
});

describe("a bare family name answers as the newest release", () => {
	it("kimi is Kimi K3 (not K2.6); mistral-large is Mistral Large 3 (not 2407)", () => {
		expect(fitJson("kimi on 16x b200").model.id).toBe("kimi-k3");
		expect(fitJson("mistral-large on 8x h200").model.id).toBe("mistral-large-3");
		expect(fitJson("mistral large on 8x h200").model.id).toBe("mistral-large-3");
		expect(fitJson("mistral large 2 on 8x h200").model.id).toBe("mistral-large-2");
	});

	it("says so on the card, naming the other releases, as for words that fit several releases", () => {
		const said = (typed: string) => fitJson(`${typed} on 16x b200`).notes.join("\n");
		expect(said("kimi")).toMatch(/"kimi" is answered as Kimi K3, the newest release it names\. Also: .*Kimi K2\.6/);
		expect(said("mistral-large")).toMatch(/"mistral-large" is answered as Mistral-Large-3-675B-Instruct-2512.*Also: .*2407/);
		// A release's own name says nothing of the others.
		for (const typed of ["kimi-k3", "Kimi K2.6", "moonshotai/Kimi-K3", "deepseek-r1"]) {
			expect(said(typed)).not.toMatch(/newest release/);
		}
	});
});

describe("the sources are named", () => {
	it("SOURCES-qwen-google-mistral-nvidia.md names the Mistral Small 3.2 copy and the entries without a config", () => {
		const sources = readFileSync(new URL("../fixtures/configs/SOURCES-qwen-google-mistral-nvidia.md", import.meta.url), "utf8");
		for (const text of ["darkc0de--3.2test_config.json", "**gemma-4-e4b**", "**mistral-large-3**"])
			expect(sources).toContain(text);
	});
});
