// A catalog model made of a config.json's facts (what the config reader read), labelled as the test says.
import { modelSchema } from "../../src/catalog/schema.js";
import type { Model } from "../../src/catalog/types.js";
import type { ConfigFacts } from "../../src/models/config-reader.js";

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
