// Reads a Hugging Face config.json (already parsed; bare Infinity read as Infinity) into the facts a
// catalog model needs: the decoder's layer schedule with each layer's token mixer, the modules beside it,
// sizes, MoE, context, parameter estimates and the checkpoint's precision. Pure: no I/O.
// Only the architectures in config-families.ts are read; anything this reader cannot interpret is
// refused with the exact keys, never guessed.
import type { LayerGroup, Modules } from "../catalog/architecture.js";
import type { CheckpointFormat, Model } from "../catalog/schema.js";
import { contextExtension } from "./config-context.js";
import { FAMILIES, type Family } from "./config-families.js";
import { decoderBlocks, groupLayers } from "./config-layers.js";
import { ffnFacts } from "./config-moe.js";
import { estimateParams } from "./config-params.js";
import { readPrecision } from "./config-quant.js";
import { ConfigSource, isObject, type JsonObject, problemMessage } from "./config-source.js";
import { hasAudio, hasVision } from "./config-vision.js";

export interface ConfigFacts {
	/** architectures[0]. */
	architecture: string;
	/** Decoder schedule, consecutive equal mixers merged (counts summed); MTP layers excluded. */
	layers: LayerGroup[];
	modules: Modules;
	hiddenSize: number;
	ffnWidth: number;
	vocabSize: number;
	tiedEmbeddings: boolean;
	moe: Model["moe"];
	/** max_position_embeddings of the text model. */
	contextLength: number;
	/** RoPE scaling the engines accept beyond contextLength, when the config declares one not already applied. */
	contextExtension: { tokens: number; how: string } | null;
	/** Estimated from the config: total = language model + vision (MTP excluded), active per token, MTP, vision. */
	params: { total: number; active: number; mtp: number; vision: number };
	nativePrecision: CheckpointFormat;
	quantNote: string | null;
}

export type ReadResult =
	| { ok: true; facts: ConfigFacts }
	| { ok: false; code: "unsupported_architecture"; message: string; keys: string[] };

function refuse(problems: { key: string; shown: string }[]): ReadResult {
	return { ok: false, code: "unsupported_architecture", message: problemMessage(problems), keys: problems.map((p) => p.key) };
}

/** The section holding the language model's keys: text_config, language_config, or the root. */
function textSection(root: ConfigSource): ConfigSource {
	return root.child("text_config") ?? root.child("language_config") ?? root;
}

/** MTP layers in the checkpoint, which engines load only for MTP speculative decoding. */
function mtpLayers(text: ConfigSource): number {
	// MiniMax: num_mtp_modules modules of mtp_transformer_layers layers (M2: with use_mtp). It wins over a
	// num_nextn_predict_layers beside it (MiniMax-M3 declares 7 modules and 1 next-n layer): vLLM's MiniMax-M3 MTP
	// builds config.num_mtp_modules layers (vllm/models/minimax_m3/nvidia/mtp.py, num_mtp_layers), and SGLang's
	// minimax_m2.py / minimax_m3.py take the MTP layers after the decoder from num_mtp_modules.
	if (text.has("num_mtp_modules") && text.optBool("use_mtp") !== false) {
		return (text.optInt("num_mtp_modules") ?? 0) * (text.optInt("mtp_transformer_layers") ?? 1);
	}
	return text.optIntOf("num_nextn_predict_layers", "mtp_num_hidden_layers") ?? 0;
}

/**
 * The config with the family's text defaults filled in where the file leaves keys out (transformers' config
 * classes do the same when they load it): into text_config for wrappers, else into the root.
 */
function withTextDefaults(config: JsonObject, defaults: Readonly<Record<string, unknown>> | undefined): JsonObject {
	if (!defaults) return config;
	for (const key of ["text_config", "language_config"]) {
		const section = config[key];
		if (isObject(section)) return { ...config, [key]: { ...defaults, ...section } };
	}
	return { ...defaults, ...config };
}

/** Reads a parsed config.json (and hf_quant_config.json where the checkpoint has one). */
export function readConfig(config: unknown, quantConfig?: unknown): ReadResult {
	if (!isObject(config)) return refuse([{ key: "config.json", shown: "not a JSON object" }]);
	const root = new ConfigSource(config, "");
	const archs = root.optList("architectures");
	const architecture = typeof archs?.[0] === "string" ? archs[0] : undefined;
	if (architecture === undefined) return refuse([{ key: "architectures", shown: JSON.stringify(archs ?? "missing") }]);
	const family = Object.hasOwn(FAMILIES, architecture) ? FAMILIES[architecture] : undefined;
	if (!family) return refuse([{ key: "architectures", shown: JSON.stringify(architecture) }]);
	const modelType = root.optStr("model_type");
	if (modelType === undefined || !family.modelTypes.includes(modelType)) {
		return refuse([{ key: "model_type", shown: JSON.stringify(modelType ?? "missing") }]);
	}
	const filled = new ConfigSource(withTextDefaults(config, family.textDefaults), "");
	return readFamily(filled, { architecture, family, modelType }, quantConfig);
}

interface Identified {
	architecture: string;
	family: Family;
	modelType: string;
}

function readFamily(root: ConfigSource, { architecture, family, modelType }: Identified, quantConfig: unknown): ReadResult {
	const text = textSection(root);
	const blocks = decoderBlocks(text, family);
	const layers = groupLayers(blocks);
	const ffn = ffnFacts(text, modelType);
	const hiddenSize = text.int("hidden_size");
	const vocabSize = text.int("vocab_size");
	const tied = text.optBool("tie_word_embeddings") ?? root.optBool("tie_word_embeddings") ?? family.tiedByDefault === true;
	const contextLength = text.int("max_position_embeddings");
	const extension = contextExtension(text, root, contextLength);
	const mtp = mtpLayers(text);
	const modules: Modules = { mtpLayers: mtp, vision: hasVision(root) || family.vision === true, audio: hasAudio(root) };
	const params = estimateParams({
		root,
		text,
		blocks,
		ffn,
		mtpLayers: mtp,
		mtpOwnsEmbeddings: modelType === "deepseek_v3" || modelType === "deepseek_v32",
		tied,
		ungatedMlp: family.ungatedMlp === true,
	});
	const precision = readPrecision(root, text, quantConfig);
	if (layers.length === 0 && root.problems.length === 0) root.reject("num_hidden_layers");
	if (root.problems.length > 0) return refuse(root.problems);
	return {
		ok: true,
		facts: {
			architecture,
			layers,
			modules,
			hiddenSize,
			ffnWidth: ffn.ffnWidth,
			vocabSize,
			tiedEmbeddings: tied,
			moe: ffn.moe,
			contextLength,
			contextExtension: extension,
			params,
			...precision,
		},
	};
}
