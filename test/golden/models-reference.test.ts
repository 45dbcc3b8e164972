// Every architecture in test/fixtures/reference/models.json is in the catalog with the same shape, and the
// core's KV bytes per token equal the reference's (derived there from config.json).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { requestBytesPerGpu, tokenBytesReplica, totalLayers } from "../../src/core/kv.js";
import { attentionHeads } from "../../src/core/layout.js";
import { repoCatalog } from "../support/catalog.js";

interface RefModel {
	id: string;
	num_hidden_layers: number;
	num_attention_heads: number;
	kv_cache_bytes_per_token_bf16: number;
	kv_cache_bytes_per_token_bf16_context_growing_layers_only: number;
	max_position_embeddings: number;
	moe: boolean;
}

const REFERENCE = new URL("../fixtures/reference/models.json", import.meta.url);
const ref = (JSON.parse(readFileSync(REFERENCE, "utf8")) as RefModel[]).filter((m) => "id" in m);

describe("catalog models against test/fixtures/reference/models.json", () => {
	it("holds at least 30 models, all of the reference's among them", () => {
		expect(repoCatalog().models.length).toBeGreaterThanOrEqual(30);
		expect(ref.length).toBeGreaterThanOrEqual(29);
	});

	it.each(ref.map((r) => [r.id, r] as const))("%s", (id, r) => {
		const m = repoCatalog().models.find((x) => x.id === id);
		expect(m, id).toBeDefined();
		if (!m) return;
		expect(totalLayers(m)).toBe(r.num_hidden_layers);
		expect(attentionHeads(m)).toBe(r.num_attention_heads);
		expect(m.contextLength).toBe(r.max_position_embeddings);
		expect(m.moe !== null).toBe(r.moe);
		expect(tokenBytesReplica(m, 2)).toBe(r.kv_cache_bytes_per_token_bf16_context_growing_layers_only);
		// The reference counts every layer as if it kept the whole context: what a one-token request holds.
		expect(requestBytesPerGpu(m, 1, 1, 1, 2)).toBe(r.kv_cache_bytes_per_token_bf16);
	});

	it("every model and GPU carries a source and an as-of date", () => {
		const c = repoCatalog();
		for (const e of [...c.models, ...c.gpus, ...c.systems, ...c.prices]) {
			expect(e.source.length).toBeGreaterThan(5);
			expect(e.asOf).toMatch(/^20\d\d-\d\d-\d\d$/);
		}
		for (const m of c.models) for (const v of m.variants) expect(v.source.length).toBeGreaterThan(5);
	});
});
