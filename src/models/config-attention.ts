// Attention facts shared by the schedules: the heads and head size of a text config's attention, the
// attention mixer, and layer_types checked entry by entry.
import type { Mixer } from "../catalog/architecture.js";
import { isLayerType, type LayerType } from "./config-families.js";
import type { ConfigSource } from "./config-source.js";

/** One decoder block: its mixer (null: an MLP/MoE-only block) and, where the pattern says, its FFN. */
export interface Block {
	mixer: Mixer | null;
	/** Set by hybrid patterns; undefined: the family's MoE rule decides (config-params.ts). */
	ffn?: "dense" | "moe" | "none";
}

export interface AttentionShape {
	heads: number;
	kvHeads: number;
	headDim: number;
}

/** Query heads, K/V heads and head size of the text config's attention; head_dim absent: hidden / heads. */
export function attentionShape(text: ConfigSource): AttentionShape {
	const heads = text.int("num_attention_heads");
	const kvHeads = text.has("num_key_value_heads") ? text.int("num_key_value_heads") : heads;
	const explicit = text.optIntOf("head_dim", "attention_head_dim");
	const headDim = explicit ?? text.int("hidden_size") / heads;
	// A missing num_attention_heads or hidden_size is already recorded; a fraction is head_dim's to say.
	if (!Number.isNaN(headDim) && !Number.isInteger(headDim)) text.reject("head_dim", undefined);
	return { heads, kvHeads, headDim };
}

export function attention(shape: AttentionShape, window: number | null = null, chunked = false): Mixer {
	return { kind: "attention", ...shape, keyIsValue: false, window, chunked, kvShared: false };
}

/** layer_types, checked entry by entry; undefined when the config has none. */
export function layerTypes(text: ConfigSource, layers: number): LayerType[] | undefined {
	const list = text.optList("layer_types");
	if (list === undefined) return undefined;
	if (list.length < layers) text.reject("layer_types", `${list.length} entries for ${layers} layers`);
	const out: LayerType[] = [];
	list.slice(0, layers).forEach((t, i) => {
		if (isLayerType(t)) out.push(t);
		else text.rejectAt(`layer_types[${i}]`, t);
	});
	return out;
}
