// Parameter counts estimated from config.json: the matrices of each block (biases and norms left out, a
// fraction of a percent), the experts a token passes through, MTP layers and the vision encoder.
// "Active" counts what one token multiplies through: every layer's attention, the experts it is routed to,
// and the LM head; the input embedding is a lookup and is not counted (OpenAI's gpt-oss convention).
import type { Mixer } from "../catalog/architecture.js";
import type { Block } from "./config-layers.js";
import { blockFfn, type FfnFacts } from "./config-moe.js";
import type { ConfigSource } from "./config-source.js";
import { visionParams } from "./config-vision.js";

interface ParamEstimate {
	total: number;
	active: number;
	mtp: number;
	vision: number;
}

/** Weights of one layer's token mixer. */
function mixerParams(m: Mixer, text: ConfigSource, h: number): number {
	switch (m.kind) {
		case "attention": {
			// Qwen3-Next / Qwen3.5 gate the attention output with a second query-sized projection.
			const gate = text.optBool("attn_output_gate") || text.optBool("attention_output_gate") ? 2 : 1;
			const q = m.heads * m.headDim;
			const kv = m.kvHeads * m.headDim;
			// MiniMax-M3's sparse layers add index_q (one index head per KV head) and one index_k head to qkv_proj.
			const index = m.indexKeys ? h * (m.indexKeys.heads + 1) * m.indexKeys.headDim : 0;
			return h * q * gate + h * kv * (m.keyIsValue ? 1 : 2) + q * h + index;
		}
		case "mla": {
			const nope = text.int("qk_nope_head_dim");
			const vDim = text.int("v_head_dim");
			const qLora = text.optInt("q_lora_rank");
			const qk = m.heads * (nope + m.qkRopeHeadDim);
			const q = qLora ? h * qLora + qLora * qk : h * qk;
			const kv = h * (m.kvLoraRank + m.qkRopeHeadDim) + m.kvLoraRank * m.heads * (nope + vDim);
			const idx = m.indexer ? (qLora ?? h) * m.indexer.heads * m.indexer.headDim + h * (m.indexer.headDim + m.indexer.heads) : 0;
			// Kimi-K3's gated MLA: a sigmoid output gate g_proj of heads x v_head_dim (vllm kimi_k3 mla.py).
			const gate = text.optBool("mla_use_output_gate") ? h * m.heads * vDim : 0;
			return q + kv + m.heads * vDim * h + idx + gate;
		}
		case "compressed": {
			// vllm deepseek_v4.py: wq_a/wq_b, one shared K=V head (wkv), grouped low-rank output (wo_a, wo_b).
			const qLora = text.int("q_lora_rank");
			const oLora = text.int("o_lora_rank");
			const groups = text.int("o_groups");
			const width = m.heads * m.headDim;
			let p = h * qLora + qLora * width + h * m.kvHeads * m.headDim + width * oLora + groups * oLora * h;
			const coff = m.compressRatio === 4 ? 2 : 1;
			if (m.compressRatio > 1) p += h * 2 * coff * m.headDim; // compressor wkv + wgate
			if (m.indexer) {
				const ix = m.indexer;
				p += qLora * ix.heads * ix.headDim + h * ix.heads + h * 2 * coff * ix.headDim;
			}
			return p;
		}
		case "mamba2": {
			const inner = m.heads * m.headDim;
			const bc = 2 * m.groups * m.stateSize;
			return h * (2 * inner + bc + m.heads) + (inner + bc) * m.convKernel + inner * h;
		}
		case "linear": {
			const k = m.keyHeads * m.keyHeadDim;
			const v = m.valueHeads * m.valueHeadDim;
			if (m.rule === "kda") {
				// KimiDeltaAttention (vllm kimi_k3 kda.py): q, k, v and the output gate g (full rank with
				// use_full_rank_gate, else g_a / g_b through head_dim), the decay f_a / f_b through head_dim, beta per
				// head, q/k/v short convolutions, o_proj.
				const full = text.child("linear_attn_config")?.optBool("use_full_rank_gate") === true;
				const gate = full ? h * v : h * m.valueHeadDim + m.valueHeadDim * v;
				const decay = h * m.keyHeadDim + m.keyHeadDim * k;
				return h * (2 * k + v) + gate + decay + h * m.valueHeads + (2 * k + v) * m.convKernel + v * h;
			}
			return h * (2 * k + 2 * v + 2 * m.valueHeads) + (2 * k + v) * m.convKernel + v * h;
		}
	}
}

interface FfnParams {
	total: number;
	active: number;
}

function ffnParams(kind: "dense" | "moe" | "none", f: FfnFacts, h: number, mats: number): FfnParams {
	if (kind === "none") return { total: 0, active: 0 };
	const dense = mats * h * f.denseWidth;
	if (kind === "dense" || !f.moe) return { total: dense, active: dense };
	const { experts, expertsPerToken } = f.moe;
	const expertWidth = f.moe.expertWidth ?? f.denseWidth;
	// Latent MoE: experts run in the latent width, behind a down and an up projection of the hidden state.
	const expert = mats * (f.latentWidth ?? h) * expertWidth;
	const latent = f.latentWidth ? 2 * h * f.latentWidth : 0;
	const always = h * experts + mats * h * f.sharedWidth + (f.denseBesideExperts ? dense : 0) + latent; // router, shared, parallel MLP, latent projections
	return { total: always + experts * expert, active: always + expertsPerToken * expert };
}

interface ParamInputs {
	root: ConfigSource;
	text: ConfigSource;
	blocks: readonly Block[];
	ffn: FfnFacts;
	mtpLayers: number;
	/** The checkpoint stores an embedding and an LM head copy with each MTP layer (DeepSeek-V3's format). */
	mtpOwnsEmbeddings: boolean;
	tied: boolean;
	ungatedMlp: boolean;
}

export function estimateParams(p: ParamInputs): ParamEstimate {
	const { text, ffn } = p;
	const h = text.int("hidden_size");
	const vocab = text.int("vocab_size");
	const mats = p.ungatedMlp ? 2 : 3;
	const embed = vocab * h;
	const head = p.tied ? 0 : vocab * h;
	// Gemma 3n / Gemma 4 per-layer input embeddings (0 on the 26B).
	const perLayerInput = text.optInt("hidden_size_per_layer_input") ?? 0;
	const perLayer = perLayerInput > 0 ? (text.optInt("vocab_size_per_layer_input") ?? vocab) * perLayerInput * p.blocks.length : 0;
	let total = embed + head + perLayer;
	let active = head;
	p.blocks.forEach((b, i) => {
		const mixer = b.mixer ? mixerParams(b.mixer, text, h) : 0;
		const f = ffnParams(blockFfn(b, i, ffn), ffn, h, mats);
		total += mixer + f.total;
		active += mixer + f.active;
	});
	// An MTP layer: a full-attention decoder layer (MoE when the model is), the 2h x h projection of
	// [embedding; hidden], and in DeepSeek's format its own embedding and head copies.
	let mtp = 0;
	if (p.mtpLayers > 0) {
		const mixer =
			p.blocks.find((b) => b.mixer && !(b.mixer.kind === "attention" && b.mixer.window !== null))?.mixer ?? p.blocks[0]?.mixer;
		const layer = (mixer ? mixerParams(mixer, text, h) : 0) + ffnParams(ffn.moe ? "moe" : "dense", ffn, h, mats).total;
		mtp = p.mtpLayers * (layer + 2 * h * h + (p.mtpOwnsEmbeddings ? 2 * vocab * h : 0));
	}
	const vision = visionParams(p.root);
	return { total: total + vision, active, mtp, vision };
}
