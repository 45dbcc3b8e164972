/** Why a request could not be answered, with what the user may have meant. */
export type RequestErrorCode =
	| "unknown_model"
	| "unknown_gpu"
	| "bad_request"
	// A Hugging Face repository named in the request (contract: "Any model by its Hugging Face id").
	| "gated_model"
	| "hub_unreachable"
	| "unsupported_architecture"
	| "bad_config";

export interface RequestError {
	code: RequestErrorCode;
	message: string;
	suggestions: string[];
	/**
	 * The same problem in the words of a platform that asks with named options (Discord's `model:` and
	 * `hardware:`), where `message` speaks of the text grammar ("on 8x H100"). Never in the JSON.
	 */
	optionsMessage?: string;
}

export const GRAMMAR =
	"<model> [<precision>] on <count>x <gpu> [<precision>] [ctx <N>[k|m]] [users <N>] [engine vllm|sglang|trtllm|llamacpp|mlx] [kv fp8|bf16|fp16] [util <0..1>] [layout tp<N> [pp<N>] | dp<N> ep]";
export const EXAMPLE = "deepseek-r1 on 16x H100 ctx 32k users 10";

export function badRequest(
	message: string,
	suggestions: string[] = [`Grammar: ${GRAMMAR}`, `Example: ${EXAMPLE}`],
	optionsMessage?: string,
): RequestError {
	return { code: "bad_request", message, suggestions, ...(optionsMessage !== undefined ? { optionsMessage } : {}) };
}

/** How the options a request may be asked with are written, for errors phrased in them. */
export const OPTIONS_HELP =
	"model: a model name (deepseek-r1), hardware: a count and a GPU (16x H100 or 2x8 H200), context: tokens (32k)";

/** A word the grammar does not read, in the options' words: which option holds it is not known here. */
export function unknownWordInOptions(word: string): string {
	return `"${word}" is not something gpufit reads. ${OPTIONS_HELP}.`;
}
