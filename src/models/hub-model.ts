// A model read from the Hugging Face hub, as a catalog entry: the config reader's facts, the weight
// bytes from the safetensors index (exact) or the API's parameter counts per dtype, and where each came from.
import { type Model, modelSchema } from "../catalog/schema.js";
import type { ConfigFacts } from "./config-reader.js";
import type { HubModelFiles } from "./hub.js";

/** Bytes per element of the safetensors dtypes (safetensors' Dtype enum). */
const DTYPE_BYTES: Record<string, number> = {
	F64: 8,
	I64: 8,
	U64: 8,
	F32: 4,
	I32: 4,
	U32: 4,
	F16: 2,
	BF16: 2,
	I16: 2,
	U16: 2,
	F8_E4M3: 1,
	F8_E5M2: 1,
	F8_E8M0: 1,
	I8: 1,
	U8: 1,
	BOOL: 1,
	F4: 0.5,
};

export interface WeightFacts {
	/** Bytes of the weight files; null when neither the index nor the parameter counts say. */
	bytes: number | null;
	basis: "index" | "parameters" | null;
}

/** The index's total, else the sum of parameter count x dtype width (null if a dtype is unknown). */
export function hubWeightBytes(files: HubModelFiles): WeightFacts {
	if (files.indexTotalBytes !== null) return { bytes: files.indexTotalBytes, basis: "index" };
	const counts = files.parameters;
	if (counts === null || Object.keys(counts).length === 0) return { bytes: null, basis: null };
	let bytes = 0;
	for (const [dtype, n] of Object.entries(counts)) {
		const width = DTYPE_BYTES[dtype];
		if (width === undefined) return { bytes: null, basis: null };
		bytes += n * width;
	}
	return { bytes: Math.round(bytes), basis: "parameters" };
}

/**
 * Whether the weight files hold the MTP layers the config declares: tensors named mtp / next-n, or layers
 * numbered past the decoder's; null when no index names the tensors (then they are assumed to be there).
 */
export function mtpInFiles(files: HubModelFiles, facts: ConfigFacts): boolean | null {
	if (facts.params.mtp === 0) return false;
	const index = files.indexLayers;
	if (!index) return null;
	const text = (files.config.text_config ?? files.config) as Record<string, unknown>;
	const decoder =
		typeof text.num_hidden_layers === "number" ? text.num_hidden_layers : facts.layers.reduce((n, g) => n + g.count, 0);
	return index.mtpNamed || (index.maxLayer !== null && index.maxLayer >= decoder);
}

/** The id a hub model answers under: the repository as the hub spells it, with a revision other than main. */
export function hubModelId(files: Pick<HubModelFiles, "repo" | "revision">): string {
	return files.revision === "main" ? files.repo : `${files.repo}@${files.revision}`;
}

/** `id` for the catalog: the repository's name part, in the catalog's id alphabet. */
export function catalogIdOf(repo: string): string {
	const name = repo.split("/").at(-1) ?? repo;
	return name
		.toLowerCase()
		.replace(/[^a-z0-9.-]+/g, "-")
		.replace(/^[^a-z0-9]+/, "");
}

/**
 * The catalog entry of a hub model. `id` is left for the caller: the repository id when answering
 * (so that suggestions re-resolve through the hub), a catalog id when writing YAML.
 */
export function modelFromHub(files: HubModelFiles, facts: ConfigFacts, id: string): Model {
	const weights = hubWeightBytes(files);
	const asOf = files.fetchedAt.slice(0, 10);
	const source = `${files.url} at revision ${files.sha}: config.json${files.quantConfig ? " and hf_quant_config.json" : ""}${weights.basis === "index" ? ", model.safetensors.index.json metadata.total_size" : weights.basis === "parameters" ? ", the hub API's safetensors parameter counts per dtype" : ""}`;
	const all = facts.params.total + facts.params.mtp;
	// Only what the files hold can be left out: some releases (MiniMax's) publish no MTP weights.
	const unloaded =
		weights.bytes !== null && mtpInFiles(files, facts) !== false ? Math.round((weights.bytes * facts.params.mtp) / all) : 0;
	const name = files.repo.split("/").at(-1) ?? files.repo;
	const parsed = modelSchema.parse({
		id: catalogIdOf(files.repo) || "hub-model",
		name,
		aliases: [],
		family: files.repo.split("/")[0]?.toLowerCase() ?? "hub",
		hfRepo: files.repo,
		params: facts.params.active > facts.params.total ? { total: facts.params.total, active: facts.params.total } : facts.params,
		hiddenSize: facts.hiddenSize,
		ffnWidth: facts.ffnWidth,
		vocabSize: facts.vocabSize,
		tiedEmbeddings: facts.tiedEmbeddings,
		layers: facts.layers,
		modules: facts.modules,
		moe: facts.moe,
		contextLength: facts.contextLength,
		contextExtension: facts.contextExtension,
		nativePrecision: facts.nativePrecision,
		variants: [
			{
				precision: facts.nativePrecision,
				repo: files.repo,
				...(weights.bytes !== null ? { bytes: weights.bytes, unloadedBytes: unloaded } : {}),
				...(facts.quantNote ? { note: facts.quantNote } : {}),
				source,
				asOf,
			},
		],
		notes: [],
		source,
		asOf,
	});
	return { ...parsed, id };
}
