// The context a config declares (max_position_embeddings of the text model) and a RoPE scaling the
// engines would accept beyond it: vLLM derives the longest context from rope scaling as
// original_max_position_embeddings x factor for YaRN and max_position_embeddings x factor for dynamic NTK
// (vllm/config/model.py, _get_and_verify_max_len); llama3, longrope and linear scaling are already
// counted in max_position_embeddings.
import type { ConfigSource } from "./config-source.js";

interface ContextExtension {
	tokens: number;
	how: string;
}

const KNOWN_ROPE = ["default", "linear", "dynamic", "yarn", "llama3", "longrope", "su", "mrope", "proportional", "deepseek_yarn"];

/** The rope scaling block: rope_scaling, or transformers v5's rope_parameters (per layer type: the global one). */
function ropeBlock(s: ConfigSource): ConfigSource | undefined {
	const scaling = s.child("rope_scaling");
	if (scaling) return scaling;
	const params = s.child("rope_parameters");
	if (!params) return undefined;
	return params.child("full_attention") ?? params;
}

export function contextExtension(text: ConfigSource, root: ConfigSource, contextLength: number): ContextExtension | null {
	const rope = ropeBlock(text) ?? (text !== root ? ropeBlock(root) : undefined);
	if (!rope) return null;
	const typeKey = rope.has("rope_type") ? "rope_type" : "type";
	const type = rope.optStr(typeKey) ?? "default";
	if (!KNOWN_ROPE.includes(type)) {
		rope.reject(typeKey);
		return null;
	}
	const factor = rope.optNum("factor");
	if (factor === undefined || factor <= 1 || !Number.isFinite(contextLength)) return null;
	let base: number;
	if (type === "yarn" || type === "deepseek_yarn") base = rope.optInt("original_max_position_embeddings") ?? contextLength;
	else if (type === "dynamic") base = contextLength;
	else return null;
	const tokens = Math.round(base * factor);
	return tokens > contextLength ? { tokens, how: `${type} rope scaling x${factor} over ${base} tokens` } : null;
}
