// Request text -> lower-case words, with Chinese forms and spacing variants rewritten to the grammar.
import { badRequest, type RequestError } from "./errors.js";
import { naturalWords } from "./phrasing.js";

const MAX_REQUEST_CHARS = 1000;

// C0/C1 controls other than tab and line breaks, and bidirectional overrides that disguise text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
const INVISIBLE = /[\u200B-\u200D\uFEFF]/gu;

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 八 -> 8, 十六 -> 16, 三十二 -> 32 (up to 99, what counts of cards and servers need). */
function chineseNumber(s: string): string {
	const [tens, units] = s.includes("十") ? s.split("十") : ["", s];
	const t = tens === undefined ? 0 : tens === "" ? (s.includes("十") ? 1 : 0) : (CHINESE_DIGITS[tens] ?? 0);
	const u = units ? (CHINESE_DIGITS[units] ?? 0) : 0;
	return String(t * 10 + u);
}

const CHINESE: [RegExp, string | ((m: string, ...groups: string[]) => string)][] = [
	// Counts written in Chinese numerals before a measure word: 八卡, 两台八卡, 十六张, 二十个用户.
	[/([一二两三四五六七八九十]{1,3})(?=\s*(台|卡|张|块|个|位))/g, (_m, n: string) => chineseNumber(n)],
	[/(\d+)\s*[个位](?=\s*(用户|并发|人))/g, " $1 "],
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
			error: badRequest({ code: "too-long", chars: text.length, limit: MAX_REQUEST_CHARS }),
		};
	}
	if (FORBIDDEN.test(text)) {
		return { ok: false, error: badRequest({ code: "control-chars" }) };
	}
	let s = text.replace(INVISIBLE, "").normalize("NFKC");
	for (const [re, to] of CHINESE) s = typeof to === "string" ? s.replace(re, to) : s.replace(re, to);
	s = s
		.toLowerCase()
		.replace(/(\d)\s*[×*]\s*(\d)/g, "$1x$2")
		.replace(/(\d)\s*[×*]/g, "$1x")
		.replace(/\b(\d+)\s+x\s+(?=\d)/g, "$1x")
		.replace(/\b(\d+)\s+x\b/g, "$1x")
		.replace(/,/g, " ");
	return { ok: true, words: naturalWords(s.split(/\s+/).filter((w) => w.length > 0)) };
}
