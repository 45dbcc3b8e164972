// What a command hands to the chat layer: the JSON of the contract, the neutral reply, the exit code.
import { emptyReply, type Locale, type Reply, type SuggestionLine } from "../src/chat/reply.js";
import { parseCompare } from "../src/parse/compare-grammar.js";
import type { GrammarName, RequestError } from "../src/parse/errors.js";
import { parseFit } from "../src/parse/grammar.js";
import { EXAMPLES } from "../src/parse/grammars.js";
import { parseRecommend } from "../src/parse/recommend-grammar.js";
import type { CommandJson, ErrorJson } from "./json.js";
import { requestErrorWords } from "./reason-words-request.js";
import { runOf } from "./request-text.js";

/** A request the command could not answer: exit code 2, and the contract's error JSON. */
interface CommandError {
	json: ErrorJson;
	reply: Reply;
	exitCode: 2;
}

/**
 * What a command hands to the chat layer: the JSON of the contract (typed by commands/json.ts), the neutral
 * reply, and the exit code: 0 answered (whatever the verdict), 2 the request was not understood.
 */
export type CommandResult<J extends CommandJson = CommandJson> = { json: J; reply: Reply; exitCode: 0 } | CommandError;

/**
 * The card and JSON of a request `command` could not answer. The card speaks the workspace's language; the
 * JSON keeps the English (commands/reason-words-request-en.ts). `retry` turns a suggested name into a whole request to run instead, where
 * one can be built (null where none works); `lines`, where given, are the card's suggestions as they are
 * (requests already corrected).
 */
export function errorResult(
	command: string,
	error: RequestError,
	footer: string,
	locale: Locale,
	retry?: (suggestion: string) => string | null,
	lines?: SuggestionLine[],
): CommandError {
	const en = requestErrorWords(error, "en");
	const words = locale === "en" ? en : requestErrorWords(error, locale);
	const reply = emptyReply("error", words.title, words.headline);
	if (words.options !== undefined) reply.optionsHeadline = words.options;
	reply.suggestions = lines ?? [
		...words.help.map((text) => ({ text, run: null, grammar: true })),
		...error.suggestions.map((s) => {
			const request = retry ? retry(s) : null;
			return { text: s, run: request !== null ? runOf(command, request) : null };
		}),
	];
	// A request of the command that works, shown on its error card beside what went wrong.
	const example = Object.hasOwn(EXAMPLES, command) ? EXAMPLES[command as GrammarName] : undefined;
	reply.example = example !== undefined ? runOf(command, example) : null;
	reply.footer = footer;
	// The contract's suggestions: the grammar's lines in English, then the names.
	const suggestions = [...en.help, ...error.suggestions];
	return { json: { ok: false, error: { code: error.code, message: en.headline, suggestions } }, reply, exitCode: 2 };
}

const PARSERS: Record<string, (text: string) => { ok: boolean }> = {
	fit: parseFit,
	recommend: parseRecommend,
	compare: parseCompare,
};

/**
 * A retry that puts a suggested id where the unknown name was typed, for the request as the user wrote it;
 * null where the result would not parse (the suggestion is then only shown).
 */
export function retryWith(command: string, text: string, typed: string): (id: string) => string | null {
	const lower = text.toLowerCase();
	return (id) => {
		if (!typed || !lower.includes(typed)) return null;
		const request = lower.replace(typed, id);
		return PARSERS[command]?.(request).ok ? request : null;
	};
}
