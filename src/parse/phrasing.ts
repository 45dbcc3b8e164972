// People's own phrasings of a request, rewritten into the grammar's words before a grammar reads them
// (the contract's "Request grammar"): counts in words and plurals ("eight H100s", "a single 4090"),
// "2 nodes of 8 H100", "8 H100 GPUs", "8 H20 cards", "with 64k context", "32k context", "for 20 users",
// "10 concurrent users", "ctx=32k", "fp8 kv cache", "using sglang". Only whole phrases are rewritten: a
// linking word ("with", "for", "and") that leads to none is left as it was, and the grammar names it.
import { KV_BYTES, PRECISION_WORDS } from "../core/formats.js";
import { parseTokens } from "./numbers.js";
import { ENGINE_WORDS, GPU_NOUNS, OPTION_WORDS } from "./words.js";

const UNITS: Record<string, number> = {
	one: 1,
	two: 2,
	three: 3,
	four: 4,
	five: 5,
	six: 6,
	seven: 7,
	eight: 8,
	nine: 9,
};
const TEENS: Record<string, number> = {
	ten: 10,
	eleven: 11,
	twelve: 12,
	thirteen: 13,
	fourteen: 14,
	fifteen: 15,
	sixteen: 16,
	seventeen: 17,
	eighteen: 18,
	nineteen: 19,
};
const TENS: Record<string, number> = {
	twenty: 20,
	thirty: 30,
	forty: 40,
	fifty: 50,
	sixty: 60,
	seventy: 70,
	eighty: 80,
	ninety: 90,
};
/** Words that say "one" only where a count is expected ("on a single 4090"); elsewhere they are words. */
const ONE_WORDS = new Set(["a", "an", "one", "single"]);
/** Counts of a kind: "a dual 4090 box", "quad A100". */
const KIND_COUNTS: Record<string, number> = { dual: 2, quad: 4 };

/** Words that join a phrase to the request: dropped when a phrase follows, else left for the grammar to name. */
const LINKS = new Set(["with", "for", "at", "and", "in", "using", "via", "&"]);
/** Links that may also introduce the hardware: "with 8 H100s", "using 2 nodes of 8 H100". */
const HARDWARE_LINKS = new Set(["with", "using", "across"]);
const NODE_NOUNS = new Set(["node", "nodes", "server", "servers", "machine", "machines", "box", "boxes", "host", "hosts"]);
const USER_NOUNS = new Set(["users", "user", "requests", "request", "sessions", "session", "people"]);
const USER_ADJECTIVES = new Set(["concurrent", "simultaneous", "parallel"]);
const PRECISION_NOUNS = new Set(["weights", "precision", "quantization", "quantized", "checkpoint"]);

const has = (table: Record<string, unknown>, w: string | undefined): boolean => w !== undefined && Object.hasOwn(table, w);
const isDigits = (w: string | undefined): w is string => w !== undefined && /^\d{1,7}$/.test(w);
const isTokens = (w: string | undefined): w is string => w !== undefined && parseTokens(w) !== null;
const isPrecision = (w: string | undefined): boolean => w === "native" || has(PRECISION_WORDS, w);
const isKvType = (w: string | undefined): w is string => w !== undefined && has(KV_BYTES, w);

/** "thirty-two", "thirty two", "eight", "sixteen" at words[i]: the number and how many words it took. */
function numberAt(words: string[], i: number): { value: number; used: number } | null {
	const w = words[i] as string;
	const hyphen = /^([a-z]+)-([a-z]+)$/.exec(w);
	if (hyphen && has(TENS, hyphen[1]) && has(UNITS, hyphen[2])) {
		return { value: (TENS[hyphen[1] as string] as number) + (UNITS[hyphen[2] as string] as number), used: 1 };
	}
	if (has(TENS, w)) {
		const next = words[i + 1];
		return has(UNITS, next)
			? { value: (TENS[w] as number) + (UNITS[next as string] as number), used: 2 }
			: { value: TENS[w] as number, used: 1 };
	}
	if (has(TEENS, w)) return { value: TEENS[w] as number, used: 1 };
	if (has(UNITS, w) && w !== "one") return { value: UNITS[w] as number, used: 1 };
	return null;
}

/** `ctx=32k`, `users:10`, `ctx:`, `kv-cache`, `64k-token`, and counts in words, as separate grammar words. */
function splitWords(words: string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < words.length; i++) {
		const w = words[i] as string;
		const keyed = /^([a-z-]+)[=:](.*)$/.exec(w);
		if (keyed && (OPTION_WORDS.has(keyed[1] as string) || keyed[1] === "budget")) {
			out.push(keyed[1] as string);
			if (keyed[2]) out.push(keyed[2] as string);
			continue;
		}
		if ((w === "=" || w === ":") && OPTION_WORDS.has(out.at(-1) ?? "")) continue;
		if (w === "kv-cache" || w === "kvcache") {
			out.push("kv");
			continue;
		}
		const tokens = /^(\d[\d.]*[km]?)-?tokens?$/.exec(w);
		if (tokens) {
			out.push(tokens[1] as string, "tokens");
			continue;
		}
		const n = numberAt(words, i);
		if (n) {
			out.push(String(n.value));
			i += n.used - 1;
			continue;
		}
		out.push(w);
	}
	return out;
}

interface Phrase {
	out: string[];
	next: number;
}

/** Skips any of `fillers` from words[i] on. */
function skip(words: string[], i: number, fillers: ReadonlySet<string>): number {
	while (i < words.length && fillers.has(words[i] as string)) i++;
	return i;
}

const CONTEXT_FILLERS = new Set(["window", "length", "size", "of", "is", "="]);
const AFTER_TOKENS = new Set(["tokens", "token"]);
const KV_FILLERS = new Set(["cache", "dtype", "type", "in", "of", "as", "="]);

/** `ctx 32k tokens`, `context window of 128k`, `kv cache fp8`, `users 10`: an option word and its value. */
function optionPhrase(words: string[], i: number): Phrase | null {
	const w = words[i] as string;
	if (w === "ctx" || w === "context") {
		const v = skip(words, i + 1, CONTEXT_FILLERS);
		if (!isTokens(words[v])) return null;
		return { out: ["ctx", words[v]], next: skip(words, v + 1, AFTER_TOKENS) };
	}
	if (w === "prompt") {
		const v = skip(words, i + 1, new Set(["of", "="]));
		if (!isTokens(words[v])) return null;
		return { out: ["prompt", words[v]], next: skip(words, v + 1, AFTER_TOKENS) };
	}
	if (w === "users" || w === "user" || w === "concurrency") {
		const v = skip(words, i + 1, new Set(["of", "="]));
		if (!isDigits(words[v])) return null;
		return { out: ["users", words[v]], next: v + 1 };
	}
	if (w === "kv") {
		const v = skip(words, i + 1, KV_FILLERS);
		if (!isKvType(words[v])) return null;
		return { out: ["kv", words[v]], next: v + 1 };
	}
	if (w === "budget" && words[i + 1] === "of") return { out: ["budget"], next: i + 2 };
	return null;
}

/** A phrase that starts at words[i] (after any link word), or null. `prev` is the word before it. */
function phraseAt(words: string[], i: number, prev: string | undefined): Phrase | null {
	const w = words[i];
	if (w === undefined) return null;
	if (OPTION_WORDS.has(w) || w === "budget") return optionPhrase(words, i);
	// "a context of 64k", "a budget of $400k": the article goes.
	if ((w === "a" || w === "an") && (words[i + 1] === "context" || words[i + 1] === "budget")) {
		return phraseAt(words, i + 1, prev);
	}
	const next = words[i + 1];
	// "32k context", "64k tokens of context", "128k context window".
	if (isTokens(w) && next !== undefined && (next === "context" || next === "ctx" || AFTER_TOKENS.has(next))) {
		let j = i + 2;
		if (AFTER_TOKENS.has(next)) {
			if (words[j] === "of" && (words[j + 1] === "context" || words[j + 1] === "ctx")) j += 2;
			else if (words[j] === "context" || words[j] === "ctx") j++;
		}
		return { out: ["ctx", w], next: skip(words, j, new Set(["window", "length"])) };
	}
	// "10 users", "20 concurrent users", "10 concurrent", "5 parallel requests".
	if (isDigits(w) && next !== undefined && (USER_NOUNS.has(next) || USER_ADJECTIVES.has(next))) {
		let j = i + 1;
		if (USER_ADJECTIVES.has(words[j] as string)) j++;
		if (USER_NOUNS.has(words[j] as string)) j++;
		return { out: ["users", w], next: j };
	}
	// "fp8 kv cache", "fp8 kv".
	if (isKvType(w) && next === "kv") return { out: ["kv", w], next: skip(words, i + 2, new Set(["cache"])) };
	// "fp8 weights", "int4 quantization".
	if (isPrecision(w) && next !== undefined && PRECISION_NOUNS.has(next)) return { out: [w], next: i + 2 };
	// "using sglang", "on vllm", "sglang": the engine (a word after `engine` is its value already).
	if (has(ENGINE_WORDS, w) && i > 0 && prev !== "engine") {
		return { out: ["engine", w], next: skip(words, i + 1, new Set(["engine"])) };
	}
	return null;
}

/** "2 nodes of 8 H100", "2 servers with 8x H100", "2 nodes x 8xh100": nodes x GPUs per node. */
function nodesPhrase(words: string[], i: number, nodes: string): Phrase | null {
	if (!NODE_NOUNS.has(words[i + 1] as string)) return null;
	const j = skip(words, i + 2, new Set(["of", "with", "x", "each", "having", "containing"]));
	const per = /^(\d{1,3})x?([a-z].*)?$/.exec(words[j] ?? "");
	if (!per) return null;
	const out = [`${nodes}x${per[1]}`];
	if (per[2]) out.push(per[2]);
	return { out, next: j + 1 };
}

/** A count followed, within a few GPU-name words, by "GPUs" or "cards": "8 H100 GPUs", "8x H20 cards". */
function gpuNounAhead(words: string[], i: number): number | null {
	for (let j = i + 1; j < Math.min(words.length, i + 6); j++) {
		const w = words[j] as string;
		if (GPU_NOUNS.has(w)) return j > i + 1 ? j : null;
		if (w === "on" || w === "vs" || LINKS.has(w) || OPTION_WORDS.has(w) || isPrecision(w) || isDigits(w)) return null;
	}
	return null;
}

/** The request's words with people's phrasings rewritten into the grammar's. */
export function naturalWords(input: string[]): string[] {
	const words = splitWords(input);
	const out: string[] = [];
	/** After "2 nodes of 8 H100", "each" and "per node" say nothing more. */
	let sawNodes = false;
	/** Indexes of "GPUs"/"cards" already read as part of a count. */
	const dropped = new Set<number>();
	for (let i = 0; i < words.length; ) {
		const w = words[i] as string;
		if (dropped.has(i)) {
			i++;
			continue;
		}
		const prev = out.at(-1);
		const countExpected = prev === "on";
		// A link word followed by a phrase: the phrase, without the link.
		if (LINKS.has(w) && i > 0) {
			const p = phraseAt(words, i + 1, prev);
			if (p) {
				out.push(...p.out);
				i = p.next;
				continue;
			}
			// "in fp8", "at bf16".
			if (isPrecision(words[i + 1])) {
				out.push(words[i + 1] as string);
				i += 2;
				continue;
			}
			// "at 32k": a context.
			if (w === "at" && /^\d[\d.]*[km]$/.test(words[i + 1] ?? "") && isTokens(words[i + 1])) {
				out.push("ctx", words[i + 1] as string);
				i += 2;
				continue;
			}
			// "with 8 H100s", "using 2 nodes of 8 H100", "across 16 H100": the hardware.
			if (HARDWARE_LINKS.has(w) && /^\d/.test(words[i + 1] ?? "") && !out.includes("on")) {
				out.push("on");
				i++;
				continue;
			}
		}
		if (w === "on" && has(ENGINE_WORDS, words[i + 1])) {
			out.push("engine", words[i + 1] as string);
			i += 2;
			continue;
		}
		const p = phraseAt(words, i, prev);
		if (p) {
			out.push(...p.out);
			i = p.next;
			continue;
		}
		// Where a count is expected: "a single 4090", "an H100", "one node of 8 H100", "dual 4090".
		if (countExpected && ONE_WORDS.has(w)) {
			const n = w !== "one" && words[i + 1] === "single" ? i + 2 : i + 1;
			words.splice(i, n - i, "1");
			continue;
		}
		if (countExpected && has(KIND_COUNTS, w)) {
			words[i] = String(KIND_COUNTS[w]);
			continue;
		}
		if (isDigits(w)) {
			const nodes = nodesPhrase(words, i, w);
			if (nodes) {
				out.push(...nodes.out);
				i = nodes.next;
				sawNodes = true;
				continue;
			}
			// "8 GPUs of H100", "8 cards x H20".
			if (GPU_NOUNS.has(words[i + 1] as string) && words[i + 2] !== undefined) {
				out.push(`${w}x`);
				i = skip(words, i + 2, new Set(["of", "x"]));
				continue;
			}
		}
		if (/^\d{1,7}x?$/.test(w)) {
			const noun = gpuNounAhead(words, i);
			if (noun !== null) {
				out.push(w.endsWith("x") ? w : `${w}x`);
				dropped.add(noun);
				i++;
				continue;
			}
		}
		if (sawNodes && (w === "each" || w === "apiece")) {
			i++;
			continue;
		}
		if (sawNodes && (w === "per" || w === "a") && NODE_NOUNS.has(words[i + 1] as string)) {
			i += 2;
			continue;
		}
		out.push(w);
		i++;
	}
	return out;
}
