// The platform-neutral reply every command builds; renderers turn it into Block Kit, embeds or text.
import type { Verdict } from "../src/core/types.js";

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

export interface SuggestionLine {
	text: string;
	request: string;
}

export interface Table {
	columns: string[];
	rows: string[][];
}

export interface Reply {
	kind: "fit" | "recommend" | "list" | "error" | "help";
	title: string;
	verdict: Verdict | null;
	/** One sentence that answers the question. */
	headline: string;
	fields: Field[];
	bar: MemoryBar | null;
	table: Table | null;
	notes: string[];
	suggestions: SuggestionLine[];
	footer: string;
}

export function emptyReply(kind: Reply["kind"], title: string, headline: string): Reply {
	return { kind, title, verdict: null, headline, fields: [], bar: null, table: null, notes: [], suggestions: [], footer: "" };
}

export const VERDICT_LABEL: Record<Verdict, string> = { fits: "Fits", tight: "Tight", "no-fit": "Does not fit" };

/** Language of the reply's own text (the renderers add their chrome in the same language). */
export type Locale = "en" | "zh";
