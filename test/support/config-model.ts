// Catalog models made of a config.json's facts (what the config reader read): labelled as the test says, or a
// catalog entry with its architecture as its published config gives it.
import { modelSchema } from "../../src/catalog/schema.js";
import type { Model } from "../../src/catalog/types.js";
import { type ConfigFacts, readConfig } from "../../src/models/config-reader.js";
import { parseLenientJson } from "../../src/models/json-lenient.js";
import { hubFixture } from "./hub-stand-in.js";

export interface ModelLabels {
	id: string;
	/** The model's name; its one variant's repository too. */
	name: string;
	family: string;
	hfRepo: string;
	source: string;
	asOf: string;
}

/** The facts as a catalog entry with one variant at the native precision, checked by the catalog's schema. */
export function modelOfFacts(f: ConfigFacts, labels: ModelLabels): Model {
	const { name, source, asOf } = labels;
	return modelSchema.parse({
		...labels,
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
		variants: [{ precision: f.nativePrecision, repo: name, source, asOf }],
	});
}

/** `like` with the layers, modules, experts and context of `repo`'s config.json in the fixtures, read by the reader. */
export function entryFromConfig(repo: string, like: Model): Model {
	const read = readConfig(parseLenientJson(hubFixture(repo)));
	if (!read.ok) throw new Error(`${repo}: ${read.message}`);
	const f = read.facts;
	return modelSchema.parse({ ...like, layers: f.layers, modules: f.modules, moe: f.moe, contextLength: f.contextLength });
}
