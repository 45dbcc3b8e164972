// Hybrid schedules: Nemotron-H's hybrid_override_pattern (Mamba2 / attention / MLP / MoE blocks) and
// Qwen3-Next / Qwen3.5's Gated DeltaNet layers with periodic full attention.
import type { Mixer } from "../catalog/architecture.js";
import { attention, attentionShape, type Block, layerTypes } from "./config-attention.js";
import type { ConfigSource } from "./config-source.js";

/** Bytes per element of an SSM state dtype named in the config; undefined when the name is unknown. */
function dtypeBytes(name: string): number | undefined {
	if (name === "float32") return 4;
	if (name === "float16" || name === "bfloat16") return 2;
	return undefined;
}

/** A state dtype key: absent means `fallback` bytes; an unknown dtype name is recorded. */
function stateBytes(text: ConfigSource, key: string, fallback: number): number {
	const name = text.optStr(key);
	if (name === undefined) return fallback;
	const bytes = dtypeBytes(name);
	if (bytes === undefined) text.reject(key);
	return bytes ?? Number.NaN;
}

/**
 * Nemotron-H: one block per hybrid_override_pattern character (num_hidden_layers counts all of them):
 * M = Mamba2 mixer, * = attention, - = MLP, E = MoE. Only M and * blocks carry a cache. The SSM state dtype
 * is mamba_ssm_cache_dtype, else float16 (vllm/model_executor/models/config.py, NemotronHForCausalLMConfig).
 */
export function nemotronBlocks(text: ConfigSource, layers: number): Block[] {
	const pattern = text.optStr("hybrid_override_pattern");
	if (pattern === undefined) {
		text.reject("hybrid_override_pattern", undefined);
		return [];
	}
	if (pattern.length !== layers) text.reject("hybrid_override_pattern", `${pattern.length} blocks for ${layers} layers`);
	let mamba: Mixer | undefined;
	let attn: Mixer | undefined;
	const blocks: Block[] = [];
	for (const [i, c] of [...pattern].entries()) {
		if (c === "M") {
			mamba ??= {
				kind: "mamba2",
				heads: text.int("mamba_num_heads"),
				headDim: text.int("mamba_head_dim"),
				stateSize: text.int("ssm_state_size"),
				groups: text.int("n_groups"),
				convKernel: text.int("conv_kernel"),
				stateBytes: stateBytes(text, "mamba_ssm_cache_dtype", 2),
			};
			blocks.push({ mixer: mamba, ffn: "none" });
		} else if (c === "*") {
			attn ??= attention(attentionShape(text), text.window("sliding_window"));
			blocks.push({ mixer: attn, ffn: "none" });
		} else if (c === "-") blocks.push({ mixer: null, ffn: "dense" });
		else if (c === "E") blocks.push({ mixer: null, ffn: "moe" });
		else text.rejectAt(`hybrid_override_pattern[${i}]`, c);
	}
	return blocks;
}

/**
 * Qwen3-Next / Qwen3.5: linear_attention layers run Gated DeltaNet, the others full attention; without
 * layer_types every full_attention_interval-th layer is full. The recurrent state dtype is mamba_ssm_dtype
 * (vllm config.py, Qwen3_5ForConditionalGenerationConfig), else the model dtype.
 */
export function gatedDeltaNetBlocks(text: ConfigSource, layers: number): Block[] {
	const types =
		layerTypes(text, layers) ??
		(() => {
			const every = text.int("full_attention_interval");
			return Array.from({ length: layers }, (_, i) => ((i + 1) % every === 0 ? "full_attention" : "linear_attention"));
		})();
	const full = attention(attentionShape(text), null);
	let linear: Mixer | undefined;
	return types.map((t, i) => {
		if (t === "full_attention") return { mixer: full };
		if (t !== "linear_attention") text.rejectAt(`layer_types[${i}]`, t);
		linear ??= {
			kind: "linear",
			rule: "gated-deltanet",
			keyHeads: text.int("linear_num_key_heads"),
			valueHeads: text.int("linear_num_value_heads"),
			keyHeadDim: text.int("linear_key_head_dim"),
			valueHeadDim: text.int("linear_value_head_dim"),
			convKernel: text.int("linear_conv_kernel_dim"),
			stateBytes: stateBytes(text, "mamba_ssm_dtype", 2),
		};
		return { mixer: linear };
	});
}
