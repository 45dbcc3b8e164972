// A hub model's weights: the index's total, less the MTP layers only when the files hold them. DeepSeek's
// checkpoints ship layer 61 (the MTP module, num_nextn_predict_layers 1) beside decoder layers 0-60;
// MiniMax's publish no MTP tensors although the config declares MTP modules.
import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/models/config-reader.js";
import type { HubModelFiles } from "../../src/models/hub.js";
import { modelFromHub, mtpInFiles } from "../../src/models/hub-model.js";
import { indexLayers } from "../../src/models/hub-read.js";
import { parseLenientJson } from "../../src/models/json-lenient.js";
import { hubFixture } from "../support/hub-stand-in.js";

const TOTAL = 600_000_000_000;

function files(repo: string, weightNames: string[] | null): HubModelFiles {
	return {
		repo,
		revision: "main",
		sha: "0123456789abcdef0123456789abcdef01234567",
		config: parseLenientJson(hubFixture(repo)) as Record<string, unknown>,
		quantConfig: null,
		indexTotalBytes: TOTAL,
		indexLayers:
			weightNames === null
				? null
				: {
						maxLayer: Math.max(...weightNames.map((n) => Number(/layers\.(\d+)\./.exec(n)?.[1] ?? -1))),
						mtpNamed: false,
					},
		parameters: null,
		siblings: [],
		gated: false,
		lastModified: null,
		fetchedAt: "2026-12-02T00:00:00Z",
		url: `http://hub/${repo}`,
	};
}

function facts(f: HubModelFiles) {
	const read = readConfig(f.config);
	if (!read.ok) throw new Error(read.message);
	return read.facts;
}

describe("MTP layers in a hub model's files", () => {
	it("reads the layer numbers and MTP names of an index's weight_map", () => {
		const map = (names: string[]) => ({
			metadata: { total_size: 1 },
			weight_map: Object.fromEntries(names.map((n) => [n, "a.safetensors"])),
		});
		expect(
			indexLayers(map(["model.layers.3.mlp.up_proj.weight", "model.layers.12.self_attn.o_proj.weight", "lm_head.weight"])),
		).toEqual({
			maxLayer: 12,
			mtpNamed: false,
		});
		expect(indexLayers(map(["model.layers.0.x", "mtp.layers.0.eh_proj.weight"]))?.mtpNamed).toBe(true);
		expect(indexLayers({ metadata: { total_size: 1 } })).toBeNull();
	});

	it("DeepSeek-V3.2 names layer 61 past its 61 decoder layers: its share is left out", () => {
		const f = files("deepseek-ai/DeepSeek-V3.2", ["model.layers.0.mlp.gate.weight", "model.layers.61.eh_proj.weight"]);
		expect(mtpInFiles(f, facts(f))).toBe(true);
		const variant = modelFromHub(f, facts(f), "x").variants[0];
		expect(variant?.unloadedBytes).toBeGreaterThan(0);
		expect(variant?.unloadedBytes).toBeLessThan(TOTAL * 0.05);
	});

	it("MiniMax-M2.5 names only its 62 decoder layers (0-61): nothing is left out", () => {
		const f = files("MiniMaxAI/MiniMax-M2.5", ["model.layers.0.self_attn.q_proj.weight", "model.layers.61.mlp.gate.weight"]);
		expect(mtpInFiles(f, facts(f))).toBe(false);
		expect(modelFromHub(f, facts(f), "x").variants[0]?.unloadedBytes).toBe(0);
	});

	it("without an index naming the tensors, the files are taken to hold them", () => {
		const f = files("deepseek-ai/DeepSeek-V3.2", null);
		expect(mtpInFiles(f, facts(f))).toBeNull();
		expect(modelFromHub(f, facts(f), "x").variants[0]?.unloadedBytes).toBeGreaterThan(0);
	});
});
