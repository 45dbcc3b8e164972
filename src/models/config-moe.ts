// Mixture-of-experts facts and the FFN of each decoder layer: which layers are MoE (first_k_dense_replace,
// mlp_only_layers, interleave_moe_layer_step...), the expert and shared-expert widths, and the FFN width per token.
import type { Model } from "../catalog/schema.js";
import type { Block } from "./config-layers.js";
import type { ConfigSource } from "./config-source.js";

export interface FfnFacts {
	moe: Model["moe"];
	/** Width of the dense MLP (dense layers; Gemma 4's MLP beside the experts). */
	denseWidth: number;
	/** Sum of the shared experts' widths (0 without). */
	sharedWidth: number;
	/** A dense MLP runs beside the experts on MoE layers (Gemma 4's enable_moe_block). */
	denseBesideExperts: boolean;
	/** FFN width per token: the dense width, or experts per token x expert width + shared (+ parallel dense). */
	ffnWidth: number;
	/**
	 * Latent MoE: the routed experts work in this width, between a down projection from the hidden size and an up
	 * projection back (Nemotron 3's moe_latent_size: fc1/fc2_latent_proj; Kimi-K3's routed_expert_hidden_size:
	 * routed_expert_down_proj / up_proj). Shared experts and the router see the full hidden size. Null: no latent.
	 */
	latentWidth: number | null;
	/** Whether decoder layer i (by index) runs the experts; hybrid patterns say it themselves. */
	isMoeLayer: (i: number) => boolean;
}

function sharedWidth(text: ConfigSource, expertWidth: number, llama4: boolean): number {
	if (llama4) return text.int("intermediate_size"); // one shared expert as wide as a routed one
	const explicit = text.optIntOf("moe_shared_expert_intermediate_size", "shared_expert_intermediate_size", "share_expert_dim");
	const count = text.optIntOf("n_shared_experts", "num_shared_experts");
	if (explicit !== undefined) return explicit * (count ?? 1);
	if (text.has("shared_intermediate_size")) return text.optInt("shared_intermediate_size") ?? 0; // MiniMax: 0
	return (count ?? 0) * expertWidth;
}

/** The FFN facts of the text config; `moe` is null for dense models. */
export function ffnFacts(text: ConfigSource, modelType: string): FfnFacts {
	const experts = text.optIntOf("n_routed_experts", "num_experts", "num_local_experts", "moe_num_experts");
	const llama4 = modelType === "llama4";
	if (experts === undefined || experts === 0) {
		const denseWidth = text.int("intermediate_size");
		return {
			moe: null,
			denseWidth,
			sharedWidth: 0,
			denseBesideExperts: false,
			ffnWidth: denseWidth,
			latentWidth: null,
			isMoeLayer: () => false,
		};
	}
	const perToken = text.intOf("num_experts_per_tok", "num_experts_per_token", "experts_per_token", "top_k_experts", "moe_top_k");
	// Mixtral, MiniMax, gpt-oss and Llama 4 name the expert width intermediate_size.
	const expertWidth = text.has("moe_intermediate_size") ? text.int("moe_intermediate_size") : text.int("intermediate_size");
	const shared = sharedWidth(text, expertWidth, llama4);
	const denseBesideExperts = text.optBool("enable_moe_block") === true; // Gemma 4
	// MiniMax-M3's dense layers are dense_intermediate_size wide (vLLM minimax_m3: MiniMaxM3MLP(intermediate_size=
	// config.dense_intermediate_size)); its intermediate_size is the experts' width.
	const denseWidth = llama4
		? text.int("intermediate_size_mlp")
		: text.has("dense_intermediate_size")
			? text.int("dense_intermediate_size")
			: text.has("intermediate_size")
				? text.int("intermediate_size")
				: expertWidth;
	const sharedExperts = llama4 ? 1 : shared === 0 ? 0 : (text.optIntOf("n_shared_experts", "num_shared_experts") ?? 1);
	const ffnWidth = perToken * expertWidth + shared + (denseBesideExperts ? denseWidth : 0);
	return {
		moe: { experts, sharedExperts, expertsPerToken: perToken, expertWidth },
		denseWidth,
		sharedWidth: shared,
		denseBesideExperts,
		ffnWidth,
		latentWidth: text.optIntOf("moe_latent_size", "routed_expert_hidden_size") ?? null,
		isMoeLayer: moeLayerRule(text, llama4),
	};
}

/** Which layers carry experts, per the keys the families use (absent keys: every layer). */
function moeLayerRule(text: ConfigSource, llama4: boolean): (i: number) => boolean {
	// MiniMax-M3 lists moe_layer_freq per layer (vLLM minimax_m3 _is_moe_layer: moe_layer_freq[layer_id] != 0);
	// the list is checked against the layer count with the schedule (config-sparse.ts).
	if (Array.isArray(text.raw("moe_layer_freq"))) {
		const flags = text.optList("moe_layer_freq") ?? [];
		return (i) => flags[i] === 1;
	}
	const firstDense = text.optInt("first_k_dense_replace") ?? 0;
	const freq = text.optInt("moe_layer_freq") ?? 1;
	const sparseStep = text.optInt("decoder_sparse_step") ?? 1;
	const interleave = llama4 ? (text.optInt("interleave_moe_layer_step") ?? 1) : 1;
	const mlpOnly = new Set((text.optList("mlp_only_layers") ?? []).filter((v): v is number => typeof v === "number"));
	const enumerated = text.optStr("moe_layers_enum");
	const listed = enumerated ? new Set(enumerated.split(",").map((v) => Number(v.trim()))) : null;
	return (i) => {
		if (listed) return listed.has(i);
		if (i < firstDense || mlpOnly.has(i)) return false;
		if (i % freq !== 0) return false; // DeepSeek: layer_idx % moe_layer_freq == 0
		return (i + 1) % sparseStep === 0 && (i + 1) % interleave === 0;
	};
}

/** The FFN each block runs: the pattern's, else the family rule's. */
export function blockFfn(block: Block, i: number, f: FfnFacts): "dense" | "moe" | "none" {
	return block.ffn ?? (f.isMoeLayer(i) ? "moe" : "dense");
}
