// The `recommend` grammar (see RECOMMEND_GRAMMAR): the fit grammar's model and options, no hardware,
// and the search's own words: rent|buy, budget, vendor, pcie, one-node.
import type { Budget, Ranking, Vendor } from "../core/recommend-rank.js";
import { answeredBy, badRequest, type RequestError } from "./errors.js";
import { type Parsed, type RequestOptions, readModelWords, readOption } from "./grammar.js";
import { tokenize } from "./tokens.js";

export const RECOMMEND_GRAMMAR =
	"<model> [<precision>] [ctx <N>] [users <N>] [engine <name>] [rent|buy] [budget $<N>/h | budget $<N>] [vendor <name>] [pcie] [one-node]";
export const RECOMMEND_EXAMPLE = "deepseek-r1 ctx 32k users 10 budget $30/h";

interface ParsedRecommend extends RequestOptions {
	model: string;
	ranking?: Ranking;
	budget?: Budget;
	vendor?: Vendor;
	pcieOnly: boolean;
	oneNode: boolean;
}

const RANKING_WORDS: Record<string, Ranking> = {
	rent: "rent",
	rental: "rent",
	renting: "rent",
	buy: "buy",
	purchase: "buy",
	own: "buy",
};
const VENDOR_WORDS: Record<string, Vendor> = {
	nvidia: "nvidia",
	amd: "amd",
	intel: "intel",
	habana: "intel",
	gaudi: "intel",
	huawei: "huawei",
	ascend: "huawei",
};
const ONE_NODE_WORDS = new Set(["one-node", "onenode", "single-node", "1-node", "单机"]);
const PCIE_WORDS = new Set(["pcie", "pci-e"]);
const KEYWORDS = new Set(["budget", "vendor", ...Object.keys(RANKING_WORDS), ...ONE_NODE_WORDS, ...PCIE_WORDS]);
const PER_HOUR = new Set(["/h", "/hr", "/hour", "hourly", "/小时"]);

/** Money as people type it: $30, 30, $2.5k, $1.2m (k = 1000 here), optionally with /h glued on. */
const MONEY = /^\$?(\d{1,9}(?:\.\d{1,2})?)([km])?(\/(?:h|hr|hour))?$/;
/** The most any budget may say; a guard against typos, not a judgement. */
const MAX_BUDGET_USD = 1e10;

const has = <T>(table: Record<string, T>, w: string): T | undefined => (Object.hasOwn(table, w) ? table[w] : undefined);

/** "one node" and "single node" become one word, as if typed "one-node". */
function joinNodeWords(words: string[]): string[] {
	const out: string[] = [];
	for (const w of words) {
		const prev = out.at(-1);
		if ((w === "node" || w === "server") && (prev === "one" || prev === "single" || prev === "1"))
			out[out.length - 1] = "one-node";
		else out.push(w);
	}
	return out;
}

/** Reads `budget <money> [/h | per hour]` at words[i]; "total" budgets price the purchase. */
function readBudget(words: string[], i: number): { next: number; budget: Budget } | RequestError {
	const value = words[i + 1];
	const m = value === undefined ? null : MONEY.exec(value);
	if (value === undefined || !m) {
		return badRequest({ code: "bad-budget", value: value ?? "" });
	}
	let usd = Number(m[1]) * (m[2] === "k" ? 1e3 : m[2] === "m" ? 1e6 : 1);
	let next = i + 2;
	// "$300,000": the tokenizer splits at the comma, so three-digit groups follow as words.
	while (!m[2] && !m[3] && Number.isInteger(usd) && /^\d{3}$/.test(words[next] ?? "")) {
		usd = usd * 1000 + Number(words[next]);
		next++;
	}
	let hourly = m[3] !== undefined;
	const after = words[next];
	if (!hourly && after !== undefined && PER_HOUR.has(after)) {
		hourly = true;
		next++;
	} else if (!hourly && ["per", "an", "a"].includes(after ?? "") && ["hour", "h", "hr"].includes(words[next + 1] ?? "")) {
		hourly = true;
		next += 2;
	}
	if (!(usd > 0) || usd > MAX_BUDGET_USD) return badRequest({ code: "budget-zero", value });
	return { next, budget: { per: hourly ? "hour" : "total", usd } };
}

/** Parses a `recommend` request; every error it returns shows recommend's grammar and example. */
export function parseRecommend(text: string): Parsed<ParsedRecommend> {
	const parsed = readRecommend(text);
	return parsed.ok ? parsed : { ok: false, error: answeredBy(parsed.error, "recommend") };
}

function readRecommend(text: string): Parsed<ParsedRecommend> {
	const t = tokenize(text);
	if (!t.ok) return t;
	const words = joinNodeWords(t.words);
	if (words.length === 0) return { ok: false, error: badRequest({ code: "empty" }) };
	const { model, next } = readModelWords(words, (w) => KEYWORDS.has(w) || w === "on");
	if (model === "") return { ok: false, error: badRequest({ code: "model-first", grammar: "recommend" }) };
	const out: ParsedRecommend = { model, pcieOnly: false, oneNode: false };
	let i = next;
	while (i < words.length) {
		const w = words[i] as string;
		const ranking = has(RANKING_WORDS, w);
		if (ranking) {
			if (out.ranking !== undefined && out.ranking !== ranking) return { ok: false, error: badRequest({ code: "rent-and-buy" }) };
			out.ranking = ranking;
			i++;
		} else if (w === "budget") {
			const b = readBudget(words, i);
			if ("code" in b) return { ok: false, error: b };
			out.budget = b.budget;
			i = b.next;
		} else if (w === "vendor") {
			const v = has(VENDOR_WORDS, words[i + 1] ?? "");
			if (!v) return { ok: false, error: badRequest({ code: "bad-vendor", value: words[i + 1] ?? "" }) };
			out.vendor = v;
			i += 2;
		} else if (PCIE_WORDS.has(w)) {
			out.pcieOnly = true;
			i++;
		} else if (ONE_NODE_WORDS.has(w)) {
			out.oneNode = true;
			i++;
		} else if (w === "on") {
			return { ok: false, error: badRequest({ code: "recommend-hardware", model }) };
		} else {
			const read = readOption(words, i, out);
			if (read === null) return { ok: false, error: badRequest({ code: "unknown-word", word: w, grammar: "recommend" }) };
			if (typeof read !== "number") return { ok: false, error: read };
			i = read;
		}
	}
	return { ok: true, value: out };
}
