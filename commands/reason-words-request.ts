// The words of a request the bot could not read (src/parse/errors.ts `Problem`), per locale: English for the JSON
// contract and English cards (reason-words-request-en.ts), Chinese for Chinese workspaces (-zh.ts). The parser
// says the code and its facts; these say them, of the text grammar ("on 8x H100") and, for the problems a platform
// that asks with named options (Discord's `model:` `hardware:`) words in those options' terms, of the options.
import type { Locale } from "../src/chat/reply.js";
import type { GrammarHelp, Problem, RequestError } from "../src/parse/errors.js";
import type { WordsOf } from "./reason-words.js";
import { EN_REQUEST } from "./reason-words-request-en.js";
import { ZH_REQUEST } from "./reason-words-request-zh.js";

/** The problems said otherwise where the request came in named options: those about what one option holds. */
export type OptionsProblem = Extract<
	Problem,
	{
		code:
			| "model-first"
			| "unknown-word"
			| "needs-value"
			| "bad-context"
			| "hardware-twice"
			| "no-hardware"
			| "no-count"
			| "bad-count"
			| "bad-node-count"
			| "which-gpu"
			| "two-setups"
			| "setup-no-gpus"
			| "recommend-hardware"
			| "unknown-model"
			| "unknown-gpu"
			| "unknown-model-and-gpu"
			| "not-in-name";
	}
>;

export interface RequestWords {
	/** The error card's title. */
	title: string;
	/** What was wrong, said of the text grammar. */
	problem: WordsOf<Problem>;
	/** The same, said of the named options. */
	options: WordsOf<OptionsProblem>;
	/** A line about the grammar ("Grammar: ...", "Example: ..."): the label and framing, the grammar as typed. */
	help: (h: GrammarHelp) => string;
}

type Say = (p: Problem) => string;

/**
 * A request error in a locale's words: the card's title, what was wrong (of the text and of the options), and its
 * lines about the grammar.
 */
export function requestErrorWords(
	error: Pick<RequestError, "problem" | "help">,
	locale: Locale,
): { title: string; headline: string; options: string | undefined; help: string[] } {
	const words = locale === "zh" ? ZH_REQUEST : EN_REQUEST;
	const p = error.problem;
	const options = Object.hasOwn(words.options, p.code) ? (words.options[p.code as OptionsProblem["code"]] as Say) : null;
	const headline = (words.problem[p.code] as Say)(p);
	return { title: words.title, headline, options: options?.(p), help: error.help.map(words.help) };
}
