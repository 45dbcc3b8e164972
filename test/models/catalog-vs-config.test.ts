// The catalog and the hub never disagree: for every catalog model whose published config.json is in
// test/fixtures/configs, the config reader's architecture gives the same cache, heads, experts and context
// as the catalog entry. A hand edit of either side that drifts from the real config fails here.
import { describe, expect, it } from "vitest";
import { requestBytesPerGpu, tokenBytesReplica, totalLayers } from "../../src/core/kv.js";
import { attentionHeads } from "../../src/core/layout.js";
import { repoCatalog } from "../support/catalog.js";
import { entryFromConfig } from "../support/config-model.js";

/** Published config (fixture) -> the catalog entry it describes. */
const PAIRS: [repo: string, id: string][] = [
	["deepseek-ai/DeepSeek-R1", "deepseek-r1"],
	["deepseek-ai/DeepSeek-V3", "deepseek-v3"],
	["moonshotai/Kimi-K2-Instruct", "kimi-k2"],
	["meta-llama/Llama-4-Scout-17B-16E-Instruct", "llama-4-scout"],
	["meta-llama/Meta-Llama-3.1-8B", "llama-3.1-8b"],
	["meta-llama/Meta-Llama-3.1-70B", "llama-3.1-70b"],
	["openai/gpt-oss-120b", "gpt-oss-120b"],
	["openai/gpt-oss-20b", "gpt-oss-20b"],
	["Qwen/Qwen3-32B-FP8", "qwen3-32b"],
	["Qwen/Qwen3-235B-A22B-FP8", "qwen3-235b-a22b"],
];

describe("catalog entries agree with their published config.json", () => {
	it.each(PAIRS)("%s", (repo, id) => {
		const entry = repoCatalog().models.find((m) => m.id === id);
		expect(entry, id).toBeDefined();
		if (!entry) return;
		const read = entryFromConfig(repo, entry);
		expect(read.contextLength).toBe(entry.contextLength);
		expect(totalLayers(read)).toBe(totalLayers(entry));
		expect(attentionHeads(read)).toBe(attentionHeads(entry));
		expect(read.moe?.experts ?? null).toBe(entry.moe?.experts ?? null);
		expect(read.moe?.expertsPerToken ?? null).toBe(entry.moe?.expertsPerToken ?? null);
		expect(tokenBytesReplica(read, 2)).toBe(tokenBytesReplica(entry, 2));
		// Windows and their sizes: the same cache at lengths below, at and above every window.
		for (const tokens of [1, 100, 4096, 131_072]) {
			for (const tp of [1, 8]) {
				expect(requestBytesPerGpu(read, tokens, tp, 1, 2), `${tokens} tokens, TP${tp}`).toBe(
					requestBytesPerGpu(entry, tokens, tp, 1, 2),
				);
			}
		}
	});
});
