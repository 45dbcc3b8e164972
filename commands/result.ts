// What a command hands to the chat layer: the JSON of the contract, the neutral reply, the exit code.
import { emptyReply, type Reply } from "../src/chat/reply.js";
import { COMPARE_EXAMPLE } from "../src/parse/compare-grammar.js";
import { EXAMPLE, type RequestError } from "../src/parse/errors.js";
import { RECOMMEND_EXAMPLE } from "../src/parse/recommend-grammar.js";
import type { CommandJson, ErrorJson } from "./json.js";
import { runOf } from "./request-text.js";

/** A request the command could not answer: exit code 2, and the contract's error JSON. */
export interface CommandError {
	json: ErrorJson;
	reply: Reply;
	exitCode: 2;
}

/**
 * What a command hands to the chat layer: the JSON of the contract (typed by commands/json.ts), the neutral
 * reply, and the exit code: 0 answered (whatever the verdict), 2 the request was not understood.
 */
export type CommandResult<J extends CommandJson = CommandJson> = { json: J; reply: Reply; exitCode: 0 } | CommandError;

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
): CommandError {
	const reply = emptyReply("error", "Request not understood", error.message);
	reply.suggestions = error.suggestions.map((s) => ({ text: s, run: retry ? runOf(command, retry(s)) : null }));
	const example = EXAMPLES[command];
	reply.example = example !== undefined ? runOf(command, example) : null;
	reply.footer = footer;
	return { json: { ok: false, error }, reply, exitCode: 2 };
}
