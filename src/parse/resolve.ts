// Parsed names -> catalog records: the last step before the sizing core.

import { normalizeName } from "../catalog/names.js";
import type { CheckpointFormat } from "../catalog/schema.js";
import type { Catalog, Gpu, Model } from "../catalog/types.js";
import { PRECISION_WORDS } from "../core/formats.js";
import { nodeSplit } from "../core/nodes.js";
import type { SizingRequest } from "../core/types.js";
import { badRequest, type GrammarName, grammarHelp, type RequestError } from "./errors.js";
import { closest } from "./fuzzy.js";
import type { Parsed, ParsedFit } from "./grammar.js";
import { newestRelease, type ReleaseMatch } from "./releases.js";

// Suffixes people carry over from repository names: "Llama-3.1-405B-Instruct-FP8".
const NAME_NOISE = /[-_ ]?(instruct|chat|it|hf)$/;

interface ModelMatch {
	model: Model;
	precision?: CheckpointFormat;
	/** Set when the words fit several releases and the newest was taken. */
	release?: ReleaseMatch;
}

/**
 * A model by id or alias; a repository-style name with a precision suffix also resolves; words that fit
 * several releases of a family ("llama 70b") mean the newest of them.
 */
export function findModel(catalog: Catalog, typed: string): ModelMatch | null {
	const table = catalog.index.models;
	const direct = table.byKey.get(normalizeName(typed));
	if (direct) return { model: direct, ...variantPrecision(direct, typed), ...familyAlias(catalog, direct, typed) };
	const m = /^(.*?)[-_ ]([a-z0-9_]+)$/i.exec(typed.trim());
	if (m) {
		const suffix = (m[2] as string).toLowerCase();
		const precision = Object.hasOwn(PRECISION_WORDS, suffix) ? PRECISION_WORDS[suffix] : undefined;
		const base = (m[1] as string).replace(NAME_NOISE, "");
		const model = table.byKey.get(normalizeName(base)) ?? table.byKey.get(normalizeName(m[1] as string));
		if (model && precision) return { model, precision };
	}
	const stripped = typed.trim().replace(NAME_NOISE, "");
	const again = table.byKey.get(normalizeName(stripped));
	if (again) return { model: again };
	const release = newestRelease(catalog, stripped);
	return release ? { model: release.model, release } : null;
}

/**
 * An alias that names a family rather than a release ("kimi", "mistral-large") answers as its newest release, and
 * the card names the other releases the words fit, as for words typed without an alias.
 */
function familyAlias(catalog: Catalog, model: Model, typed: string): { release?: ReleaseMatch } {
	const key = normalizeName(typed);
	if ([model.id, model.name, model.hfRepo ?? ""].some((own) => normalizeName(own) === key)) return {};
	const release = newestRelease(catalog, typed, { oneWord: true });
	return release?.model === model && release.others.length > 0 ? { release } : {};
}

/**
 * An alias that is the repository of one of the model's checkpoints ("nvidia/Gemma-4-31B-IT-NVFP4") names that
 * checkpoint's precision, not the model's native one.
 */
function variantPrecision(model: Model, typed: string): { precision?: CheckpointFormat } {
	const key = normalizeName(typed);
	const named = model.variants.filter((v) => normalizeName(v.repo) === key);
	const only = named.length === 1 ? named[0] : undefined;
	return only && only.precision !== model.nativePrecision ? { precision: only.precision } : {};
}

type HardwareMatch = { gpu: Gpu; perSystem: number | null };

// Words nvidia-smi and shop listings add that name no particular card: "NVIDIA H100 80GB HBM3".
const HARDWARE_NOISE = /\b(nvidia|amd|huawei|intel|habana|tesla|geforce|instinct|hbm2e?|hbm3e?|gddr6x?|gddr7)\b/g;

/** A GPU by id or alias, or a system ("dgx h200") standing for its GPUs; plurals as people write them ("h100s"). */
export function findHardware(catalog: Catalog, typed: string): HardwareMatch | null {
	const exact = findHardwareExact(catalog, typed);
	if (exact) return exact;
	const plain = typed.toLowerCase().replace(HARDWARE_NOISE, " ").trim();
	const found = plain && plain !== typed.toLowerCase() ? findHardwareExact(catalog, plain) : null;
	if (found) return found;
	// "16 h100s", "two 4090's": the plural of a name (an id that ends in s, "l40s", was found above).
	const singular = (plain || typed.toLowerCase()).replace(/(?<=\d[a-z]*)'?s$/, "");
	return singular !== (plain || typed.toLowerCase()) ? findHardwareExact(catalog, singular) : null;
}

function findHardwareExact(catalog: Catalog, typed: string): HardwareMatch | null {
	const key = normalizeName(typed);
	const gpu = catalog.index.gpus.byKey.get(key);
	if (gpu) return { gpu, perSystem: null };
	const system = catalog.index.systems.byKey.get(key);
	if (system) {
		const g = catalog.gpus.find((x) => x.id === system.gpu);
		if (g) return { gpu: g, perSystem: system.gpusPerNode };
	}
	return null;
}

function unknownName(kind: "model" | "gpu", typed: string, near: string[]): RequestError {
	return { code: `unknown_${kind}`, suggestions: near, help: [], problem: { code: `unknown-${kind}`, typed, near } };
}

export function unknownModel(catalog: Catalog, typed: string): RequestError {
	return unknownName("model", typed, closest(catalog.index.models, typed));
}

export function unknownGpu(catalog: Catalog, typed: string): RequestError {
	return unknownName("gpu", typed, closest(catalog.index.gpus, typed));
}

/**
 * What a request with an unknown model, an unknown GPU, or both, may have meant: the closest catalog ids of each
 * name that is unknown (null: that name resolves). Both are looked at, so two typos are corrected at once.
 */
export function fitCorrections(catalog: Catalog, parsed: ParsedFit): { models: string[] | null; gpus: string[] | null } {
	const model = longestPrefix(parsed.model, (t) => findModel(catalog, t));
	const gpu = longestPrefix(parsed.hardware.gpu, (t) => findHardware(catalog, t));
	return {
		models: model && !model.rest ? null : closest(catalog.index.models, parsed.model),
		gpus: gpu && !gpu.rest ? null : closest(catalog.index.gpus, parsed.hardware.gpu),
	};
}

/** A request whose model and GPU are both unknown: one error naming both. */
export function unknownModelAndGpu(model: string, gpu: string, requests: string[], ids: string[]): RequestError {
	return {
		code: "unknown_model",
		suggestions: ids,
		help: [],
		problem: { code: "unknown-model-and-gpu", model, gpu, request: requests[0] ?? null },
	};
}

/**
 * The longest leading run of words that names something; the first word left over is reported
 * as unknown ("h100 please" -> h100 + "please"), which says more than "unknown GPU".
 */
function longestPrefix<T>(text: string, find: (t: string) => T | null): { value: T; rest: string | null } | null {
	const words = text.split(" ");
	for (let used = words.length; used > 0; used--) {
		const value = find(words.slice(0, used).join(" "));
		if (value) return { value, rest: used < words.length ? (words[used] as string) : null };
	}
	return null;
}

function unknownWord(word: string, after: "model" | "GPU", grammar: GrammarName): RequestError {
	return badRequest({ code: "not-in-name", word, after, grammar }, grammarHelp(grammar));
}

/** The request of `parsed`; its errors show the grammar of `grammar` (compare resolves each setup here). */
export function resolveFit(catalog: Catalog, parsed: ParsedFit, grammar: GrammarName = "fit"): Parsed<SizingRequest> {
	const modelMatch = longestPrefix(parsed.model, (t) => findModel(catalog, t));
	if (!modelMatch) return { ok: false, error: unknownModel(catalog, parsed.model) };
	if (modelMatch.rest) return { ok: false, error: unknownWord(modelMatch.rest, "model", grammar) };
	const found = modelMatch.value;
	const hwMatch = longestPrefix(parsed.hardware.gpu, (t) => findHardware(catalog, t));
	if (!hwMatch) return { ok: false, error: unknownGpu(catalog, parsed.hardware.gpu) };
	if (hwMatch.rest) return { ok: false, error: unknownWord(hwMatch.rest, "GPU", grammar) };
	const hw = hwMatch.value;
	const h = parsed.hardware;
	let split: { nodes: number; gpusPerNode: number };
	if (hw.perSystem !== null) {
		// "2x DGX H200": the count is of systems.
		split =
			h.nodes !== null
				? { nodes: h.nodes, gpusPerNode: h.gpusPerNode ?? hw.perSystem }
				: { nodes: h.count, gpusPerNode: hw.perSystem };
	} else if (h.nodes !== null && h.gpusPerNode !== null) {
		split = { nodes: h.nodes, gpusPerNode: h.gpusPerNode };
	} else {
		split = nodeSplit(h.count, hw.gpu.gpusPerServer);
	}
	const count = split.nodes * split.gpusPerNode;
	if (count > 512) {
		return {
			ok: false,
			error: { code: "bad_request", suggestions: [], help: [], problem: { code: "too-many-gpus", count, max: 512 } },
		};
	}
	return {
		ok: true,
		value: {
			model: found.model,
			gpu: hw.gpu,
			count,
			...split,
			precision: parsed.precision ?? found.precision ?? "native",
			context: parsed.context ?? null,
			users: parsed.users ?? 1,
			engine: parsed.engine ?? "vllm",
			engineExplicit: parsed.engine !== undefined,
			kv: parsed.kv ?? null,
			util: parsed.util ?? null,
			...(parsed.layout ? { layout: parsed.layout } : {}),
			...(parsed.spec ? { spec: parsed.spec } : {}),
			...(parsed.prompt !== undefined ? { prompt: parsed.prompt } : {}),
			...(found.release ? { release: { typed: parsed.model, others: found.release.others.map((m) => m.name) } } : {}),
		},
	};
}
