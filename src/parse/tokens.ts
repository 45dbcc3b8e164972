// Request text -> lower-case words, with Chinese forms and spacing variants rewritten to the grammar.
import { grouped } from "../core/units.js";
import { badRequest, type RequestError } from "./errors.js";

export const MAX_REQUEST_CHARS = 1000;

// C0/C1 controls other than tab and line breaks, and bidirectional overrides that disguise text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
const INVISIBLE = /[\u200B-\u200D\uFEFF]/gu;

const CHINESE: [RegExp, string][] = [
	[/(\d+)\s*台\s*(\d+)\s*(卡|张|块)/g, " $1x$2 "],
	[/(\d+)\s*(卡|张|块)/g, " $1x "],
	[/上下文|上下文长度/g, " ctx "],
	[/并发|用户数?/g, " users "],
	[/引擎/g, " engine "],
	[/[在跑用]|上$/g, " "],
	[/[，。、]/g, " "],
];

export function tokenize(text: string): { ok: true; words: string[] } | { ok: false; error: RequestError } {
	if (text.length > MAX_REQUEST_CHARS) {
		return {
			ok: false,
			error: badRequest(`The request is ${grouped(text.length)} characters long; the limit is ${grouped(MAX_REQUEST_CHARS)}.`),
		};
	}
	if (FORBIDDEN.test(text)) {
		return { ok: false, error: badRequest("The request contains control characters; type it as plain text.") };
	}
	let s = text.replace(INVISIBLE, "").normalize("NFKC");
	for (const [re, to] of CHINESE) s = s.replace(re, to);
	s = s
		.toLowerCase()
		.replace(/(\d)\s*[×*]\s*(\d)/g, "$1x$2")
		.replace(/(\d)\s*[×*]/g, "$1x")
		.replace(/\b(\d+)\s+x\s+(?=\d)/g, "$1x")
		.replace(/\b(\d+)\s+x\b/g, "$1x")
		.replace(/,/g, " ");
	return { ok: true, words: s.split(/\s+/).filter((w) => w.length > 0) };
}
