// The `compare` grammar: a fit request with several setups, `<model> [<precision>] on <hw> vs <hw>
// [vs <hw>...] [options]`. Options anywhere apply to every setup.
import { answeredBy, badRequest, type Problem } from "./errors.js";
import {
	type HardwareText,
	isCountWord,
	type Parsed,
	type RequestOptions,
	readHardware,
	readModelWords,
	readOption,
} from "./grammar.js";
import { tokenize } from "./tokens.js";

export const COMPARE_GRAMMAR =
	"<model> [<precision>] on <count>x <gpu> vs <count>x <gpu> [vs ...] [ctx <N>] [users <N>] [engine <name>] [kv <dtype>]";
export const COMPARE_EXAMPLE = "deepseek-r1 on 8x H200 vs 16x H100 vs 16x H20 ctx 32k users 10";
/** More columns than this do not fit a chat message side by side. */
const MAX_SETUPS = 6;

interface ParsedCompare extends RequestOptions {
	model: string;
	hardware: HardwareText[];
}

const VS_WORDS = new Set(["vs", "vs.", "versus", "对比"]);

/** Parses a `compare` request; every error it returns shows compare's grammar and example. */
export function parseCompare(text: string): Parsed<ParsedCompare> {
	const parsed = readCompare(text);
	return parsed.ok ? parsed : { ok: false, error: answeredBy(parsed.error, "compare") };
}

function readCompare(text: string): Parsed<ParsedCompare> {
	const t = tokenize(text);
	if (!t.ok) return t;
	const segments: string[][] = [[]];
	for (const w of t.words) {
		if (VS_WORDS.has(w)) segments.push([]);
		else segments.at(-1)?.push(w);
	}
	const fail = (problem: Problem) => ({ ok: false as const, error: badRequest(problem) });
	if (segments.length < 2) return fail({ code: "two-setups" });
	if (segments.length > MAX_SETUPS) return fail({ code: "too-many-setups", max: MAX_SETUPS });
	const { model, next } = readModelWords(segments[0] ?? [], (w) => w === "on" || isCountWord(w));
	if (model === "") return fail({ code: "model-first", grammar: "compare" });
	const opts: RequestOptions = {};
	const hardware: HardwareText[] = [];
	for (const [k, seg] of segments.entries()) {
		let i = k === 0 ? next : 0;
		let hw: HardwareText | null = null;
		while (i < seg.length) {
			const w = seg[i] as string;
			if (hw === null && (w === "on" || isCountWord(w))) {
				const h = readHardware(seg, w === "on" ? i + 1 : i, "setups");
				if ("code" in h) return { ok: false, error: h };
				hw = h.hardware;
				i = h.next;
				continue;
			}
			const read = readOption(seg, i, opts);
			// "vs h100": a setup that does not start with its count.
			if (read === null && hw === null && k > 0) {
				const h = readHardware(seg, i, "setups");
				if ("code" in h) return { ok: false, error: h };
			}
			if (read === null) return fail({ code: "unknown-word", word: w, grammar: "compare" });
			if (typeof read !== "number") return { ok: false, error: read };
			i = read;
		}
		if (hw === null) return fail({ code: "setup-no-gpus", setup: k + 1 });
		hardware.push(hw);
	}
	return { ok: true, value: { ...opts, model, hardware } };
}
