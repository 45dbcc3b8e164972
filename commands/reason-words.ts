// The words of the core's reason codes (src/core/reasons.ts), per locale: English for the JSON contract and
// English cards, Chinese for Chinese workspaces. The core says facts; these say them.
import type { Locale } from "../src/chat/reply.js";
import { setupName } from "../src/core/labels.js";
import type {
	Blocker,
	Change,
	Outcome,
	Reason,
	RecommendReason,
	SetupName,
	SpeedAssumption,
	SpeedNote,
} from "../src/core/reasons.js";
import type { SpeedEstimate } from "../src/core/speed.js";
import type { Suggestion } from "../src/core/suggest.js";
import type { SizingRequest } from "../src/core/types.js";
import type { HubNote } from "./hub-models.js";
import { EN } from "./reason-words-en.js";
import { ZH } from "./reason-words-zh.js";

/** One function per code, each given the facts of its own code. */
export type WordsOf<T extends { code: string }> = { [K in T["code"]]: (facts: Extract<T, { code: K }>) => string };

/** A speed estimate in words. */
export interface SpeedWords {
	/** The fit card's speed line (decode, first token, cost per million, its notes worded by `note`), or that it does not run. */
	line: (e: SpeedEstimate | null, note: (n: SpeedNote) => string) => string;
	note: WordsOf<SpeedNote>;
	assumption: WordsOf<SpeedAssumption>;
}

export interface ReasonWords {
	/** A list of names, cut after a few ("and 2 more"). */
	list: (items: string[]) => string;
	/** A setup's name: "16x H100 SXM5 80GB (2 nodes)". */
	setup: (s: SetupName) => string;
	sizing: WordsOf<Reason>;
	/** Why a setup cannot run: the rule, then "; " (or "；") and what of this card breaks it, where the rule names no card. */
	blocker: WordsOf<Blocker>;
	recommend: WordsOf<RecommendReason>;
	change: WordsOf<Change>;
	/** Where a hub model's figures came from. */
	hub: WordsOf<HubNote>;
	speed: SpeedWords;
	outcome: {
		fits: (o: Outcome) => string;
		loads: (o: Outcome) => string;
		/** A change offered only when it makes the request fit as asked. */
		fitsOnly: string;
		/** The model's own context limit, where even that does not fit. */
		noFit: string;
	};
	/** The line: what changes (`change`), what it comes to (`result`), and what some changes add. */
	suggestion: (change: string, result: string, s: Suggestion) => string;
	/** A note about one setup of several. */
	onSetup: (setup: string, note: string) => string;
}

export function reasonWords(locale: Locale): ReasonWords {
	return locale === "zh" ? ZH : EN;
}

function say<T extends { code: string }>(words: WordsOf<T>, facts: T): string {
	return (words[facts.code as T["code"]] as (f: T) => string)(facts);
}

/** A setup's name in words: "8x H200 SXM 141GB", "16x H100 SXM5 80GB (2 nodes)". */
export const setupLabel = (req: Pick<SizingRequest, "count" | "nodes" | "gpu">, locale: Locale = "en"): string =>
	reasonWords(locale).setup(setupName(req));

/** A sizing note in words. */
export const noteText = (note: Reason, locale: Locale = "en"): string => say(reasonWords(locale).sizing, note);

/** Why a setup cannot run, in words. */
export const blockerText = (b: Blocker, locale: Locale = "en"): string => say(reasonWords(locale).blocker, b);

/** A hub model's provenance note in words. */
export const hubNoteText = (note: HubNote, locale: Locale = "en"): string => say(reasonWords(locale).hub, note);

/** A recommendation's note in words. */
export const recommendNoteText = (note: RecommendReason, locale: Locale = "en"): string =>
	say(reasonWords(locale).recommend, note);

/** What a speed estimate changed, in words. */
const speedNoteText = (note: SpeedNote, locale: Locale = "en"): string => say(reasonWords(locale).speed.note, note);

/** What a speed estimate assumes, in words. */
export const speedAssumptionText = (a: SpeedAssumption, locale: Locale = "en"): string =>
	say(reasonWords(locale).speed.assumption, a);

/** The fit card's speed line: "~48.9 tok/s per user, … (estimates, memory-bound)". */
export const speedLine = (e: SpeedEstimate | null, locale: Locale = "en"): string =>
	reasonWords(locale).speed.line(e, (n) => speedNoteText(n, locale));

/** A speed estimate as `--json` gives it: its notes and assumptions in English words. */
export function speedJson(e: SpeedEstimate | null) {
	return e === null
		? null
		: { ...e, notes: e.notes.map((n) => speedNoteText(n)), assumptions: e.assumptions.map((a) => speedAssumptionText(a)) };
}

/** A suggestion in words: "FP8 KV cache (kv fp8): fits, 37 users at 32K". */
export function suggestionText(s: Suggestion, locale: Locale = "en"): string {
	const w = reasonWords(locale);
	const o = s.outcome;
	const onlyFits = s.change.code === "fewer-users" || s.change.code === "context";
	const result = onlyFits
		? w.outcome.fitsOnly
		: o.verdict === "fits"
			? w.outcome.fits(o)
			: o.verdict === "tight"
				? w.outcome.loads(o)
				: w.outcome.noFit;
	return w.suggestion(say(w.change, s.change), result, s);
}
