// What a command hands to a transport: the JSON of the contract, the neutral reply, the exit code.
import type { RequestError } from "../src/parse/errors.js";
import { emptyReply, type Reply } from "./reply.js";

export interface CommandResult {
	json: Record<string, unknown>;
	reply: Reply;
	/** 0 answered (whatever the verdict), 2 the request was not understood. */
	exitCode: 0 | 2;
}

/** `retry` turns a suggested name into a whole request to run instead, where one can be built. */
export function errorResult(error: RequestError, footer: string, retry?: (suggestion: string) => string): CommandResult {
	const reply = emptyReply("error", "Request not understood", error.message);
	reply.suggestions = error.suggestions.map((s) => ({ text: s, request: retry ? retry(s) : "" }));
	reply.footer = footer;
	return { json: { ok: false, error }, reply, exitCode: 2 };
}
