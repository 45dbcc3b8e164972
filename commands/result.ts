// What a command hands to the chat layer: the JSON of the contract, the neutral reply, the exit code.
import { emptyReply, type Reply } from "../src/chat/reply.js";
import { COMPARE_EXAMPLE } from "../src/parse/compare-grammar.js";
import { EXAMPLE, type RequestError } from "../src/parse/errors.js";
import { RECOMMEND_EXAMPLE } from "../src/parse/recommend-grammar.js";
import { runOf } from "./request-text.js";

export interface CommandResult {
	json: Record<string, unknown>;
	reply: Reply;
	/** 0 answered (whatever the verdict), 2 the request was not understood. */
	exitCode: 0 | 2;
}

/** A request of each command that works, shown on its error card beside what went wrong. */
const EXAMPLES: Record<string, string> = {
	fit: EXAMPLE,
	recommend: RECOMMEND_EXAMPLE,
	compare: COMPARE_EXAMPLE,
};

/**
 * The card and JSON of a request `command` could not answer. `retry` turns a suggested name into a whole
 * request to run instead, where one can be built.
 */
export function errorResult(
	command: string,
	error: RequestError,
	footer: string,
	retry?: (suggestion: string) => string,
): CommandResult {
	const reply = emptyReply("error", "Request not understood", error.message);
	reply.suggestions = error.suggestions.map((s) => ({ text: s, run: retry ? runOf(command, retry(s)) : null }));
	const example = EXAMPLES[command];
	reply.example = example !== undefined ? runOf(command, example) : null;
	reply.footer = footer;
	return { json: { ok: false, error }, reply, exitCode: 2 };
}
