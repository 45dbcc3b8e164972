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
}

export const GRAMMAR =
	"<model> [<precision>] on <count>x <gpu> [<precision>] [ctx <N>[k|m]] [users <N>] [engine vllm|sglang|trtllm|llamacpp|mlx] [kv fp8|bf16|fp16] [util <0..1>] [layout tp<N> [pp<N>] | dp<N> ep]";
export const EXAMPLE = "deepseek-r1 on 16x H100 ctx 32k users 10";

export function badRequest(
	message: string,
	suggestions: string[] = [`Grammar: ${GRAMMAR}`, `Example: ${EXAMPLE}`],
): RequestError {
	return { code: "bad_request", message, suggestions };
}
