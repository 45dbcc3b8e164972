// The platform-neutral reply every command builds, and what renderers may know of the chat layer: the reply's
// shape, the locale it speaks and how its text is cut. Renderers turn it into Block Kit, embeds or text;
// nothing here knows a platform, a parser or a command's code.
import type { Verdict } from "../core/types.js";

export type { Verdict };

/** Language of the reply's own text (the renderers add their chrome in the same language). */
export type Locale = "en" | "zh";

/** Discord sends zh-CN / zh-TW; Slack deployments set GPUFIT_LOCALE=zh. */
export function localeOf(tag: string | undefined | null): Locale {
	return tag?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export interface Field {
	label: string;
	value: string;
}

/** Shares of each GPU's memory, for the memory bar: they add up to at most 1. */
export interface MemoryBar {
	weights: number;
	overhead: number;
	kv: number;
	/** Whether the demand exceeds the capacity (the bar is full and overflows). */
	overflow: boolean;
}

/** A command's options by name, as the command declares them (Discord shows them as slash-command options). */
export type RequestOptions = Readonly<Record<string, string | number>>;

/** A request the bot can run again: which command, with which options, and the same request as grammar text. */
export interface RunRequest {
	/** The registry's name: "fit", "recommend", "compare", ... */
	command: string;
	/** Null when the request says something the command's options cannot (e.g. `util 0.95`): use `text`. */
	options: RequestOptions | null;
	/** The request in the grammar, for Slack and the CLI ("deepseek-r1 on 16x h100-sxm ctx 32k"). */
	text: string;
}

export interface SuggestionLine {
	text: string;
	/** What "Run this" runs; null when the line is only something to read ("Grammar: ..."). */
	run: RunRequest | null;
	/** A line about the text grammar ("Grammar: <model> on <count>x <gpu> ..."): left out where requests are asked with named options. */
	grammar?: boolean;
}

export interface Table {
	columns: string[];
	rows: string[][];
	/**
	 * A grid to read across (a comparison, a ranking): renderers with a narrow message lay it out aligned, in as
	 * many parts as keep every line within the width, each part repeating this many leading columns (what names
	 * the row). Absent: a list, one row per line.
	 */
	keyColumns?: number;
}

export interface Reply {
	kind: "fit" | "recommend" | "list" | "error" | "help";
	title: string;
	verdict: Verdict | null;
	/** One sentence that answers the question. */
	headline: string;
	/**
	 * The headline for platforms that ask with named options (Discord: `model:` `hardware:`), where `headline`
	 * speaks of the text grammar; absent when one headline serves both.
	 */
	optionsHeadline?: string;
	fields: Field[];
	bar: MemoryBar | null;
	table: Table | null;
	notes: string[];
	suggestions: SuggestionLine[];
	/** On a card that could not be answered: a request of the same command that works (and its help). */
	example: RunRequest | null;
	footer: string;
}

export function emptyReply(kind: Reply["kind"], title: string, headline: string): Reply {
	return {
		kind,
		title,
		verdict: null,
		headline,
		fields: [],
		bar: null,
		table: null,
		notes: [],
		suggestions: [],
		example: null,
		footer: "",
	};
}

/**
 * Cuts text to at most `max` characters (UTF-16 units, as Slack and Discord count), ending with "…" when
 * something was cut, and never leaving half of a surrogate pair (an emoji) before it.
 */
export function clip(text: string, max: number): string {
	if (max <= 0) return "";
	if (text.length <= max) return text;
	let cut = text.slice(0, max - 1);
	if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
	return `${cut}…`;
}

/** One setup's memory per GPU, in bytes: what a memory chart draws (weights, overhead, the request's cache, free). */
export interface MemoryChartSetup {
	/** What runs where, e.g. "2× H100 SXM". */
	label: string;
	verdict: Verdict;
	/** Memory of one GPU (what the card calls usable per GPU). */
	gpuBytes: number;
	/** What the engine may use on one GPU (its capacity line); at most gpuBytes. */
	capacityBytes: number;
	weightsBytes: number;
	overheadBytes: number;
	/** The KV cache the request needs on one GPU (users × context). */
	kvBytes: number;
}

export interface MemoryChart {
	title: string;
	setup: MemoryChartSetup;
	/** A suggested alternative, drawn as a second bar. */
	alternative?: MemoryChartSetup | null;
}

/** One setup as a point of cost against speed, with its margin and users. */
export interface CostSpeedSetup {
	label: string;
	verdict: Verdict;
	/** The whole setup's rental price per hour; null when no price is known (the point is left out). */
	hourlyUsd: number | null;
	/** Decode tokens per second each user sees; null when not estimated (the point is left out). */
	decodeTokPerSecPerUser: number | null;
	/** Memory left over (negative: short by), whole setup, in bytes. */
	marginBytes: number;
	/** Users the setup holds at the request's context. */
	usersAtContext: number;
}

export interface CostSpeedChart {
	title: string;
	/** The request's context in tokens (names the users axis). */
	context: number;
	setups: CostSpeedSetup[];
}

/** The picture of an answer: memory per GPU (fit) or cost against speed (compare, recommend). */
export type AnswerChart = { kind: "fit"; input: MemoryChart } | { kind: "compare"; input: CostSpeedChart };
