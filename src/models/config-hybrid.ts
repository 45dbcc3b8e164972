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

/** The pattern characters of layers_block_type's names (transformers NemotronHConfig; NemotronHBlock's block_type). */
const BLOCK_TYPES: Readonly<Record<string, string>> = { mamba: "M", attention: "*", mlp: "-", moe: "E" };

/**
 * The block pattern: hybrid_override_pattern, or the newer schema's layers_block_type list (Nemotron 3 Ultra:
 * "mamba" / "attention" / "mlp" / "moe" names, and no num_hidden_layers, which is the list's length).
 */
function nemotronPattern(text: ConfigSource): string | undefined {
	const pattern = text.optStr("hybrid_override_pattern");
	if (pattern !== undefined) return pattern;
	const types = text.optList("layers_block_type");
	if (types === undefined) {
		text.reject("hybrid_override_pattern | layers_block_type", undefined);
		return undefined;
	}
	return types
		.map((t, i) => {
			const c = typeof t === "string" && Object.hasOwn(BLOCK_TYPES, t) ? BLOCK_TYPES[t] : undefined;
			if (c === undefined) text.rejectAt(`layers_block_type[${i}]`, t);
			return c ?? "?";
		})
		.join("");
}

/** Nemotron-H's block count: num_hidden_layers, else the length of layers_block_type. */
export function nemotronLayers(text: ConfigSource): number {
	if (text.has("num_hidden_layers") || !text.has("layers_block_type")) return text.int("num_hidden_layers");
	return text.optList("layers_block_type")?.length ?? Number.NaN;
}

/**
 * Nemotron-H: one block per hybrid_override_pattern character (num_hidden_layers counts all of them):
 * M = Mamba2 mixer, * = attention, - = MLP, E = MoE. Only M and * blocks carry a cache. The SSM state dtype
 * is mamba_ssm_cache_dtype, else float16 (vllm/model_executor/models/config.py, NemotronHForCausalLMConfig).
 */
export function nemotronBlocks(text: ConfigSource, layers: number): Block[] {
	const pattern = nemotronPattern(text);
	if (pattern === undefined) return [];
	const key = text.has("hybrid_override_pattern") ? "hybrid_override_pattern" : "layers_block_type";
	if (pattern.length !== layers) text.reject(key, `${pattern.length} blocks for ${layers} layers`);
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
		else if (key === "hybrid_override_pattern") text.rejectAt(`hybrid_override_pattern[${i}]`, c);
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

/**
 * Kimi-Linear / Kimi-K3: linear_attn_config.kda_layers lists, 1-indexed, the layers that run Kimi Delta Attention
 * (vLLM KimiLinearConfig.is_kda_layer: `(layer_idx + 1) in kda_layers`); the others run MLA, which full_attn_layers
 * lists (each layer must be in exactly one list). KDA keeps vLLM's kda_state_shape: num_heads key and value heads
 * of head_dim (kimi_linear.py passes no separate key shape), a short convolution of short_conv_kernel_size, and a
 * float32 recurrent state (kda_state_dtype: `(state_dtype, torch.float32)`).
 */
export function kimiLinearBlocks(text: ConfigSource, layers: number): Block[] {
	const la = text.child("linear_attn_config");
	if (!la) {
		text.reject("linear_attn_config", undefined);
		return [];
	}
	const listed = (key: string): Set<number> | undefined => {
		const list = la.optList(key);
		if (list === undefined) return undefined;
		const out = new Set<number>();
		list.forEach((v, i) => {
			if (typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= layers) out.add(v);
			else la.rejectAt(`${key}[${i}]`, v);
		});
		return out;
	};
	const kda = listed("kda_layers") ?? new Set<number>();
	const full = listed("full_attn_layers");
	const stray = full ? Array.from({ length: layers }, (_, i) => i + 1).find((n) => full.has(n) === kda.has(n)) : undefined;
	if (stray !== undefined)
		la.reject("full_attn_layers", `layer ${stray} is in ${kda.has(stray) ? "both lists" : "neither list"}`);
	const heads = la.int("num_heads");
	const headDim = la.int("head_dim");
	const linear: Mixer = {
		kind: "linear",
		rule: "kda",
		keyHeads: heads,
		valueHeads: heads,
		keyHeadDim: headDim,
		valueHeadDim: headDim,
		convKernel: la.int("short_conv_kernel_size"),
		stateBytes: 4,
	};
	// MLA as in DeepSeek-V3 (vllm/models/kimi_k3/nvidia/mla.py: head_size = kv_lora_rank + qk_rope_head_dim, one
	// head); mla_use_nope drops RoPE from the computation, not the 64 rope dims from the cached latent.
	const mla: Mixer = {
		kind: "mla",
		heads: text.int("num_attention_heads"),
		kvLoraRank: text.int("kv_lora_rank"),
		qkRopeHeadDim: text.int("qk_rope_head_dim"),
		indexer: null,
	};
	return Array.from({ length: layers }, (_, i) => ({ mixer: kda.has(i + 1) ? linear : mla }));
}
