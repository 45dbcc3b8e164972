// A command's help card (/fit help, /recommend help, /compare help): how to ask, in the request's language, with
// its examples to run; the JSON names the grammar and the examples.

import { emptyReply } from "../src/chat/reply.js";
import type { HelpJson } from "./json.js";
import { runOf } from "./request-text.js";
import type { CommandResult } from "./result.js";

/** What a help card says: its title, the usage line, how to ask with named options, and its fields. */
export interface HelpWords {
	title: string;
	usage: string;
	options: string;
	fields: { label: string; value: string }[];
}

/** The help of `command`: `json.examples` become suggestions that run that command. */
export function helpResult(command: string, json: HelpJson, words: HelpWords, footer: string): CommandResult<HelpJson> {
	const reply = emptyReply("help", words.title, words.usage);
	reply.optionsHeadline = words.options;
	reply.fields = words.fields;
	reply.suggestions = json.examples.map((e) => ({ text: e, run: runOf(command, e) }));
	reply.footer = footer;
	return { json, reply, exitCode: 0 };
}
