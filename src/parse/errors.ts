import type { HubReason } from "../models/hub-types.js";

/** Why a request could not be answered, with what the user may have meant. */
type RequestErrorCode =
	| "unknown_model"
	| "unknown_gpu"
	| "bad_request"
	// A Hugging Face repository named in the request (contract: "Any model by its Hugging Face id").
	| "gated_model"
	| "hub_unreachable"
	| "unsupported_architecture"
	| "bad_config";

/** Which command's grammar a request was read with. */
export type GrammarName = "fit" | "compare" | "recommend";

/**
 * What was wrong with a request, as a code and its facts; the commands word it, in English for the JSON contract
 * and English cards (commands/reason-words-request-en.ts) and in Chinese (commands/reason-words-request-zh.ts).
 */
export type Problem =
	// The text as typed.
	| { code: "too-long"; chars: number; limit: number }
	| { code: "control-chars" }
	| { code: "empty" }
	| { code: "model-first"; grammar: GrammarName }
	| { code: "unknown-word"; word: string; grammar: GrammarName }
	// Options.
	| { code: "needs-value"; word: string }
	| { code: "two-precisions"; first: string; second: string }
	| { code: "bad-context"; value: string }
	| { code: "bad-users"; value: string; max: number }
	| { code: "unknown-engine"; value: string; engines: string[] }
	| { code: "bad-kv"; value: string }
	| { code: "bad-util"; value: string }
	| { code: "bad-prompt"; value: string }
	| { code: "layout-size"; part: string }
	| { code: "layout-parts" }
	| { code: "spec-method" }
	| { code: "bad-accept"; value: string }
	// Hardware.
	| { code: "hardware-twice" }
	| { code: "no-hardware" }
	// `option`: the option a platform asks for the hardware with ("hardware", "setups").
	| { code: "no-count"; found: string; option: string }
	| { code: "bad-count"; count: string; max: number; option: string }
	| { code: "bad-node-count"; count: string; max: number; option: string }
	| { code: "which-gpu"; count: string; option: string }
	| { code: "too-many-gpus"; count: number; max: number }
	// /compare and /recommend.
	| { code: "two-setups" }
	| { code: "too-many-setups"; max: number }
	| { code: "setup-no-gpus"; setup: number }
	| { code: "bad-budget"; value: string }
	| { code: "budget-zero"; value: string }
	| { code: "rent-and-buy" }
	| { code: "bad-vendor"; value: string }
	| { code: "recommend-hardware"; model: string }
	// Names.
	| { code: "unknown-model"; typed: string; near: string[] }
	| { code: "unknown-gpu"; typed: string; near: string[] }
	| { code: "unknown-model-and-gpu"; model: string; gpu: string; request: string | null }
	| { code: "not-in-name"; word: string; after: "model" | "GPU"; grammar: GrammarName }
	// A Hugging Face repository named in the request, and why it could not be read: the hub reader's facts (its
	// endpoint, the HTTP status, the file), or the config's keys the config reader cannot interpret.
	| {
			code: "hub";
			failure: Exclude<RequestErrorCode, "unknown_gpu" | "bad_request">;
			repo: string;
			near: string[];
			reason: HubReason | ConfigUnread;
	  };

/** The keys of a config the config reader cannot interpret, and its own English about them (src/models/config-source.ts). */
export interface ConfigUnread {
	why: "config-unread";
	keys: string[];
	report: string;
}

/**
 * A line about a command's grammar on an error card: its whole grammar, or a request that works. The commands
 * word it per locale (commands/reason-words-request-*.ts); the grammar and the request stay as typed.
 */
export interface GrammarHelp {
	line: "grammar" | "example";
	grammar: GrammarName;
}

export interface RequestError {
	code: RequestErrorCode;
	/** Names the user may have meant (catalog ids, a config's keys), as they are written. */
	suggestions: string[];
	/** Lines about the grammar, shown before the names. */
	help: GrammarHelp[];
	problem: Problem;
}

/** The grammar of `grammar` and a request of it that works. */
export function grammarHelp(grammar: GrammarName): GrammarHelp[] {
	return [
		{ line: "grammar", grammar },
		{ line: "example", grammar },
	];
}

/**
 * `error` as the command of `grammar` answers it: its grammar lines name that command. The readers shared by every
 * command (tokens, options, hardware) name fit's; recommend and compare re-address what they return.
 */
export function answeredBy(error: RequestError, grammar: GrammarName): RequestError {
	return { ...error, help: error.help.map((h) => ({ ...h, grammar })) };
}

export const GRAMMAR =
	"<model> [<precision>] on <count>x <gpu> [<precision>] [ctx <N>[k|m]] [users <N>] [engine vllm|sglang|trtllm|llamacpp|mlx] [kv fp8|bf16|fp16] [util <0..1>] [layout tp<N> [pp<N>] | dp<N> ep]";
export const EXAMPLE = "deepseek-r1 on 16x H100 ctx 32k users 10";

export function badRequest(problem: Problem, help: GrammarHelp[] = grammarHelp("fit")): RequestError {
	return { code: "bad_request", suggestions: [], help, problem };
}
