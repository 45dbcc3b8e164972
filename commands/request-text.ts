// A command's named options <-> the request text of the grammar. Discord asks with options, Slack and the
// CLI with text; both reach a command as the same text, so every platform asks the core the same question.
// Suggestions travel the other way: a request the core wrote back in the grammar becomes `{command, options,
// text}` once, here, so no renderer parses a request again.
import type { RequestOptions, RunRequest } from "../src/chat/reply.js";
import { parseCompare } from "../src/parse/compare-grammar.js";
import { type ParsedFit, parseFit } from "../src/parse/grammar.js";
import { parseRecommend } from "../src/parse/recommend-grammar.js";
import { type CommandOptions, OPTION, type OptionValue } from "./options.js";

const word = (v: OptionValue | undefined): string | null => {
	if (v === undefined) return null;
	const s = String(v).trim();
	return s === "" ? null : s;
};

/** `[name value]` when the option is set, else nothing: the grammar's keyword form. */
const keyword = (name: string, v: OptionValue | undefined): string[] => {
	const w = word(v);
	return w === null ? [] : [name, w];
};

function fitText(o: CommandOptions): string {
	const model = word(o[OPTION.model]);
	if (model === null) return "";
	return [
		model,
		word(o[OPTION.precision]),
		"on",
		// "on 16x H100" typed into the hardware option would say "on" twice.
		(word(o[OPTION.hardware]) ?? "").replace(/^on\s+/i, ""),
		...keyword("ctx", o[OPTION.context]),
		...keyword("users", o[OPTION.users]),
		...keyword("engine", o[OPTION.engine]),
		...keyword("kv", o[OPTION.kv]),
	]
		.filter((w) => w !== null && w !== "")
		.join(" ");
}

function recommendText(o: CommandOptions): string {
	return [
		word(o[OPTION.model]),
		word(o[OPTION.precision]),
		...keyword("ctx", o[OPTION.context]),
		...keyword("users", o[OPTION.users]),
		...keyword("engine", o[OPTION.engine]),
		word(o[OPTION.price]),
	]
		.filter((w) => w !== null)
		.join(" ");
}

function compareText(o: CommandOptions): string {
	const model = word(o[OPTION.model]);
	const setups = word(o[OPTION.setups]);
	if (model === null || setups === null) return "";
	return [
		model,
		"on",
		setups.replace(/^on\s+/i, ""),
		...keyword("ctx", o[OPTION.context]),
		...keyword("users", o[OPTION.users]),
	].join(" ");
}

/** The text a command of the registry reads, built from its options. */
export function requestText(command: string, options: CommandOptions): string {
	switch (command) {
		case "fit":
			return fitText(options);
		case "recommend":
			return recommendText(options);
		case "compare":
			return compareText(options);
		case "gpus":
		case "models":
			return word(options[OPTION.filter]) ?? "";
		default:
			return "";
	}
}

const tokensText = (n: number): string => (n % 1024 === 0 ? `${n / 1024}k` : String(n));

/**
 * A parsed `fit` request written back in the grammar's own words ("deepseek-r1 on 2x8 h100 ctx 32k users 10"),
 * whatever phrasing it was typed in: how a corrected request is offered.
 */
export function parsedFitText(p: ParsedFit): string {
	const h = p.hardware;
	const l = p.layout;
	return [
		p.model,
		p.precision,
		"on",
		hardwareOption(h),
		...(p.context !== undefined ? ["ctx", tokensText(p.context)] : []),
		...(p.users !== undefined ? ["users", String(p.users)] : []),
		...(p.engine !== undefined ? ["engine", p.engine] : []),
		...(p.kv !== undefined ? ["kv", p.kv] : []),
		...(p.util !== undefined ? ["util", String(p.util)] : []),
		...(l
			? ["layout", ...[l.tp ? `tp${l.tp}` : null, l.dp ? `dp${l.dp}` : null, l.ep ? "ep" : null, l.pp ? `pp${l.pp}` : null]]
			: []),
		...(p.prompt !== undefined ? ["prompt", tokensText(p.prompt)] : []),
		...(p.spec ? ["spec", p.spec.method, ...(p.spec.accept !== undefined ? ["accept", String(p.spec.accept)] : [])] : []),
	]
		.filter((w): w is string => w !== undefined && w !== null)
		.join(" ");
}

/** The parsed keys each command's options can say; a request using any other (util, layout...) has no options form. */
const SAID_BY_OPTIONS: Record<string, ReadonlySet<string>> = {
	fit: new Set(["model", "hardware", "precision", "context", "users", "engine", "kv"]),
	recommend: new Set(["model", "precision", "context", "users", "engine", "ranking"]),
	compare: new Set(["model", "hardware", "context", "users"]),
};

function onlySaidBy(command: string, parsed: object): boolean {
	const said = SAID_BY_OPTIONS[command];
	return said !== undefined && Object.entries(parsed).every(([k, v]) => v === undefined || v === false || said.has(k));
}

/**
 * Fills the sizing options every command shares from a parsed request, in the order Discord shows them (the
 * model, then where it runs, then the rest).
 */
function common(
	v: { model: string; precision?: string; context?: number; users?: number; engine?: string },
	out: Record<string, string | number>,
	where?: [string, string],
) {
	out[OPTION.model] = v.model;
	if (where) out[where[0]] = where[1];
	if (v.precision !== undefined) out[OPTION.precision] = v.precision;
	if (v.context !== undefined) out[OPTION.context] = tokensText(v.context);
	if (v.users !== undefined) out[OPTION.users] = v.users;
	if (v.engine !== undefined) out[OPTION.engine] = v.engine;
}

const hardwareOption = (h: { count: number; nodes: number | null; gpusPerNode: number | null; gpu: string }) =>
	h.nodes !== null ? `${h.nodes}x${h.gpusPerNode} ${h.gpu}` : `${h.count}x ${h.gpu}`;

/** The options that ask what `text` asks, or null when the command's options cannot say it. */
export function optionsOf(command: string, text: string): RequestOptions | null {
	const out: Record<string, string | number> = {};
	if (command === "fit") {
		const parsed = parseFit(text);
		if (!parsed.ok || !onlySaidBy(command, parsed.value)) return null;
		const v = parsed.value;
		common(v, out, [OPTION.hardware, hardwareOption(v.hardware)]);
		if (v.kv !== undefined) out[OPTION.kv] = v.kv;
		return out;
	}
	if (command === "recommend") {
		const parsed = parseRecommend(text);
		if (!parsed.ok || !onlySaidBy(command, parsed.value)) return null;
		const v = parsed.value;
		common(v, out);
		if (v.ranking !== undefined) out[OPTION.price] = v.ranking;
		return out;
	}
	if (command === "compare") {
		const parsed = parseCompare(text);
		if (!parsed.ok || !onlySaidBy(command, parsed.value)) return null;
		const v = parsed.value;
		common(v, out, [OPTION.setups, v.hardware.map(hardwareOption).join(" vs ")]);
		return out;
	}
	if (command === "gpus" || command === "models") return text.trim() ? { [OPTION.filter]: text.trim() } : {};
	return null;
}

/** A request of `command` as something to run again: its text, and its options where they can say it. */
export function runOf(command: string, text: string): RunRequest {
	return { command, options: optionsOf(command, text), text };
}
