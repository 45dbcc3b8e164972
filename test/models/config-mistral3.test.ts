// Mistral3ForConditionalGeneration (Mistral Small 3.1 / 3.2): a Mistral text_config beside a Pixtral vision tower.
// The fixture is Mistral-Small-3.1-24B-Instruct-2503's config.json (source in SOURCES-qwen-google-mistral-nvidia.md);
// Mistral Small 3.2 is the same architecture, so its catalog entry must agree with what the reader reads here.
// Expected numbers are written out from the file.
import { describe, expect, it } from "vitest";
import type { Model } from "../../src/catalog/types.js";
import { requestBytesPerGpu, tokenBytesReplica } from "../../src/core/kv.js";
import { type ConfigFacts, readConfig } from "../../src/models/config-reader.js";
import { parseLenientJson } from "../../src/models/json-lenient.js";
import { repoCatalog } from "../support/catalog.js";
import { hubFixture } from "../support/hub-stand-in.js";

const REPO = "mistralai/Mistral-Small-3.1-24B-Instruct-2503";
const config = () => parseLenientJson(hubFixture(REPO)) as Record<string, unknown>;

function read(c: unknown): ConfigFacts {
	const result = readConfig(c);
	if (!result.ok) throw new Error(result.message);
	return result.facts;
}

describe("Mistral3ForConditionalGeneration", () => {
	it("reads text_config: 40 full-attention layers of 32 heads, 8 KV heads of 128; 131,072 positions; Pixtral tower", () => {
		const f = read(config());
		expect(f.architecture).toBe("Mistral3ForConditionalGeneration");
		expect(f.layers).toEqual([
			{
				count: 40,
				mixer: expect.objectContaining({ kind: "attention", heads: 32, kvHeads: 8, headDim: 128, window: null }),
			},
		]);
		expect(f.contextLength).toBe(131_072);
		expect([f.hiddenSize, f.ffnWidth, f.vocabSize, f.tiedEmbeddings]).toEqual([5120, 32768, 131072, false]);
		expect(f.modules).toEqual({ mtpLayers: 0, vision: true, audio: false });
		expect(f.nativePrecision).toBe("bf16");
		// Language model matrices (the reader leaves norms out): 40 x (q, k, v: 5120 x 6144; o: 4096 x 5120; MLP:
		// 3 x 5120 x 32768) + embedding and LM head 2 x 131072 x 5120.
		expect(f.params.total - f.params.vision).toBe(40 * (5120 * 6144 + 4096 * 5120 + 3 * 5120 * 32768) + 2 * 131072 * 5120);
		expect(f.params.vision).toBeGreaterThan(0);
	});

	it("a text_config sliding_window makes every layer slide, as MistralForCausalLM's does", () => {
		const c = config();
		const windowed = { ...c, text_config: { ...(c.text_config as object), sliding_window: 4096 } };
		expect(read(windowed).layers[0]?.mixer).toMatchObject({ window: 4096 });
	});

	it("another model_type under the same architecture is refused", () => {
		const result = readConfig({ ...config(), model_type: "llava" });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.keys).toEqual(["model_type"]);
	});

	it("the mistral-small-3.2 entry has the same cache and context as this config", () => {
		const f = read(config());
		const m = repoCatalog().models.find((x) => x.id === "mistral-small-3.2") as Model;
		const fromConfig = { ...m, layers: f.layers } as Model;
		expect(m.contextLength).toBe(f.contextLength);
		expect(m.modules.vision).toBe(f.modules.vision);
		expect(tokenBytesReplica(m, 2)).toBe(40 * 8 * (128 + 128) * 2);
		expect(tokenBytesReplica(fromConfig, 2)).toBe(tokenBytesReplica(m, 2));
		for (const tokens of [1, 32_768, 131_072]) {
			expect(requestBytesPerGpu(m, tokens, 4, 1, 2)).toBe(requestBytesPerGpu(fromConfig, tokens, 4, 1, 2));
		}
	});
});
