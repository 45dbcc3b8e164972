// The request grammar (see GRAMMAR): words -> a request with names still unresolved.
import type { CheckpointFormat } from "../catalog/schema.js";
import { KV_BYTES, type KvFormat, PRECISION_WORDS } from "../core/formats.js";
import type { LayoutRequest } from "../core/layout.js";
import { ENGINE_IDS, type EngineId, type SpecRequest } from "../core/types.js";
import { badRequest, type RequestError } from "./errors.js";
import { MAX_GPUS, MAX_USERS, parseCount, parseFraction, parseTokens } from "./numbers.js";
import { tokenize } from "./tokens.js";
import { ENGINE_WORDS, GPU_NOUNS, OPTION_WORDS } from "./words.js";

export interface RequestOptions {
	precision?: CheckpointFormat | "native";
	context?: number;
	users?: number;
	engine?: EngineId;
	kv?: KvFormat;
	util?: number;
	layout?: LayoutRequest;
	spec?: SpecRequest;
	prompt?: number;
}

export interface HardwareText {
	count: number;
	nodes: number | null;
	gpusPerNode: number | null;
	gpu: string;
}

export interface ParsedFit extends RequestOptions {
	model: string;
	hardware: HardwareText;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: RequestError };

const LAYOUT_PART = /^(tp|pp|dp)(\d{1,3})$|^ep$/;
const COUNT = /^(\d+)x(\d+)?$/;
const COUNT_GLUED = /^(\d+)x([a-z].*)$/;
const NUMBERISH_COUNT = /^[-+]?(\d*\.?\d+)(e[-+]?\d+)?x($|[a-z])/;

const isPrecisionWord = (w: string): boolean => w === "native" || Object.hasOwn(PRECISION_WORDS, w);
const isOptionWord = (w: string): boolean => OPTION_WORDS.has(w);
export const isCountWord = (w: string): boolean => COUNT.test(w) || COUNT_GLUED.test(w) || NUMBERISH_COUNT.test(w);

const fail = (error: RequestError): { ok: false; error: RequestError } => ({ ok: false, error });

/** `layout tp8`, `layout tp4 pp2`, `layout dp8 ep`: the parts up to the first other word. */
function readLayout(words: string[], start: number, into: RequestOptions): number | RequestError {
	const layout: LayoutRequest = {};
	let i = start;
	for (let m = LAYOUT_PART.exec(words[i] ?? ""); m; m = LAYOUT_PART.exec(words[++i] ?? "")) {
		if (m[0] === "ep") layout.ep = true;
		else {
			const n = Number(m[2]);
			if (n < 1) return badRequest({ code: "layout-size", part: m[0] });
			layout[m[1] as "tp" | "pp" | "dp"] = n;
		}
	}
	if (i === start) return badRequest({ code: "layout-parts" });
	into.layout = layout;
	return i;
}

/** Reads an option at words[i]; returns the next index, or an error, or null when words[i] is no option. */
export function readOption(words: string[], i: number, into: RequestOptions): number | RequestError | null {
	const w = words[i] as string;
	if (isPrecisionWord(w)) {
		const p = w === "native" ? "native" : (PRECISION_WORDS[w] as CheckpointFormat);
		if (into.precision !== undefined && into.precision !== p) {
			return badRequest({ code: "two-precisions", first: into.precision, second: w });
		}
		into.precision = p;
		return i + 1;
	}
	if (!isOptionWord(w)) return null;
	if (w === "layout") return readLayout(words, i + 1, into);
	if (w === "spec") return readSpec(words, i + 1, into);
	const value = words[i + 1];
	if (value === undefined) return badRequest({ code: "needs-value", word: w });
	switch (w) {
		case "ctx":
		case "context": {
			const v = parseTokens(value);
			if (v === null) return badRequest({ code: "bad-context", value });
			into.context = v;
			break;
		}
		case "users":
		case "user":
		case "concurrency": {
			const v = parseCount(value, MAX_USERS);
			if (v === null) return badRequest({ code: "bad-users", value, max: MAX_USERS });
			into.users = v;
			break;
		}
		case "engine": {
			const v = Object.hasOwn(ENGINE_WORDS, value) ? ENGINE_WORDS[value] : undefined;
			if (!v) return badRequest({ code: "unknown-engine", value, engines: [...ENGINE_IDS] });
			into.engine = v;
			break;
		}
		case "kv": {
			if (!Object.hasOwn(KV_BYTES, value)) return badRequest({ code: "bad-kv", value });
			into.kv = value as KvFormat;
			break;
		}
		case "util": {
			const v = parseFraction(value);
			if (v === null) return badRequest({ code: "bad-util", value });
			into.util = v;
			break;
		}
		case "prompt": {
			const v = parseTokens(value);
			if (v === null) return badRequest({ code: "bad-prompt", value });
			into.prompt = v;
			break;
		}
	}
	return i + 2;
}

/** `spec mtp`, `spec eagle`, optionally followed by `accept <0..1>`. */
function readSpec(words: string[], start: number, into: RequestOptions): number | RequestError {
	const method = words[start];
	if (method !== "mtp" && method !== "eagle") {
		return badRequest({ code: "spec-method" });
	}
	if (words[start + 1] !== "accept") {
		into.spec = { method };
		return start + 1;
	}
	const value = words[start + 2];
	const accept = value === undefined ? null : parseFraction(value);
	if (accept === null) {
		return badRequest({ code: "bad-accept", value: value ?? "" });
	}
	into.spec = { method, accept };
	return start + 3;
}

/** Reads `<count>x <gpu words>` or `<nodes>x<per-node> <gpu words>` from words[i]. */
export function readHardware(
	words: string[],
	start: number,
	/** The option the hardware is asked with where a platform asks with options: named in its errors. */
	option = "hardware",
): { next: number; hardware: HardwareText } | RequestError {
	const rest = [...words];
	let i = start;
	const countWord = rest[i] ?? "";
	let count: number | null;
	let nodes: number | null = null;
	let perNode: number | null = null;
	const glued = COUNT_GLUED.exec(countWord);
	const plain = COUNT.exec(countWord);
	if (glued) {
		count = parseCount(glued[1] as string, MAX_GPUS);
		rest.splice(i, 1, `${glued[1]}x`, glued[2] as string);
	} else if (plain) {
		const a = parseCount(plain[1] as string, MAX_GPUS);
		const b = plain[2] === undefined ? null : parseCount(plain[2], MAX_GPUS);
		if (plain[2] !== undefined) {
			if (a === null || b === null || a * b > MAX_GPUS) {
				return badRequest({ code: "bad-node-count", count: countWord, max: MAX_GPUS, option });
			}
			nodes = a;
			perNode = b;
			count = a * b;
		} else count = a;
	} else if (/^\d+$/.test(countWord)) {
		count = parseCount(countWord, MAX_GPUS);
	} else if (NUMBERISH_COUNT.test(countWord)) {
		count = null;
	} else {
		return badRequest({ code: "no-count", found: countWord, option });
	}
	if (count === null) {
		return badRequest({ code: "bad-count", count: countWord, max: MAX_GPUS, option });
	}
	i++;
	const gpuWords: string[] = [];
	while (i < rest.length && rest[i] !== "on" && !isOptionWord(rest[i] as string) && !isPrecisionWord(rest[i] as string)) {
		// "8 H100 GPUs": the noun names no card.
		if (!GPU_NOUNS.has(rest[i] as string)) gpuWords.push(rest[i] as string);
		i++;
	}
	if (gpuWords.length === 0) return badRequest({ code: "which-gpu", count: countWord, option });
	// The rest of the words are read by the caller from the same (possibly split) array.
	words.splice(0, words.length, ...rest);
	return { next: i, hardware: { count, nodes, gpusPerNode: perNode, gpu: gpuWords.join(" ") } };
}

/**
 * The model name: the leading words up to an option, a precision after the first word, or a word
 * `stop` names (what the command's grammar reads next). Shared by fit, recommend and compare.
 */
export function readModelWords(words: string[], stop: (w: string) => boolean): { model: string; next: number } {
	const modelWords: string[] = [];
	let i = 0;
	while (i < words.length && !stop(words[i] as string) && !isOptionWord(words[i] as string)) {
		if (isPrecisionWord(words[i] as string) && modelWords.length > 0) break;
		modelWords.push(words[i] as string);
		i++;
	}
	return { model: modelWords.join(" "), next: i };
}

/** Parses a `fit` request: `<model> [precision] on <count>x <gpu> [options]`. */
export function parseFit(text: string): Parsed<ParsedFit> {
	const t = tokenize(text);
	if (!t.ok) return t;
	const words = t.words;
	if (words.length === 0) return fail(badRequest({ code: "empty" }));
	const opts: RequestOptions = {};
	const { model, next: start } = readModelWords(words, (w) => w === "on" || isCountWord(w));
	if (model === "") return fail(badRequest({ code: "model-first", grammar: "fit" }));
	let i = start;
	let hardware: HardwareText | null = null;
	while (i < words.length) {
		const w = words[i] as string;
		if (w === "on" || (hardware === null && isCountWord(w))) {
			if (hardware !== null) return fail(badRequest({ code: "hardware-twice" }));
			const h = readHardware(words, w === "on" ? i + 1 : i);
			if ("code" in h) return fail(h);
			hardware = h.hardware;
			i = h.next;
			continue;
		}
		const next = readOption(words, i, opts);
		if (next === null) {
			return fail(badRequest({ code: "unknown-word", word: w, grammar: "fit" }, [{ line: "example", grammar: "fit" }]));
		}
		if (typeof next !== "number") return fail(next);
		i = next;
	}
	if (hardware === null) {
		return fail(badRequest({ code: "no-hardware" }));
	}
	return { ok: true, value: { ...opts, model, hardware } };
}
