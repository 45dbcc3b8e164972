// Which share of a model's weights is attention (replicated on every data-parallel attention rank) and
// which is routed experts (split by expert parallelism); the rest (embeddings, dense and shared FFNs,
// norms) is sharded over the whole group either way.
import type { Mixer } from "../catalog/architecture.js";
import type { Model } from "../catalog/types.js";

/** A MoE model split into what every token uses and one routed expert (all layers). */
interface MoeSplit {
	/** Parameters every token uses: attention, dense layers, shared experts, embeddings. */
	dense: number;
	/** Parameters of one routed expert across the MoE layers. */
	expert: number;
	experts: number;
	perToken: number;
}

export function moeSplit(model: Model): MoeSplit | null {
	const moe = model.moe;
	if (!moe || moe.experts <= moe.expertsPerToken) return null;
	const expert = (model.params.total - model.params.active) / (moe.experts - moe.expertsPerToken);
	return {
		dense: model.params.active - moe.expertsPerToken * expert,
		expert,
		experts: moe.experts,
		perToken: moe.expertsPerToken,
	};
}

/**
 * MLA's projection widths where the architecture model does not carry them: DeepSeek-V3's config
 * (q_lora_rank 1536, qk_nope_head_dim 128, v_head_dim 128), shared by Kimi-K2 and DeepSeek-R1.
 */
const MLA_Q_LORA = 1536;
const MLA_NOPE = 128;
const MLA_V = 128;

/** Attention projection parameters of one layer (q, k, v, o; MLA's down and up projections). */
function attentionParams(m: Mixer, hidden: number): number {
	switch (m.kind) {
		case "attention": {
			const v = m.valueHeadDim ?? m.headDim;
			return hidden * (m.heads * m.headDim + m.kvHeads * (m.headDim + v)) + m.heads * v * hidden;
		}
		case "mla":
			return (
				hidden * MLA_Q_LORA +
				MLA_Q_LORA * m.heads * (MLA_NOPE + m.qkRopeHeadDim) +
				hidden * (m.kvLoraRank + m.qkRopeHeadDim) +
				m.kvLoraRank * m.heads * (MLA_NOPE + MLA_V) +
				m.heads * MLA_V * hidden
			);
		case "compressed":
			return hidden * m.heads * m.headDim * 2 + hidden * m.kvHeads * m.headDim;
		case "mamba2":
			return hidden * (2 * m.heads * m.headDim + 2 * m.groups * m.stateSize + m.heads) + m.heads * m.headDim * hidden;
		case "linear":
			return (
				hidden * (2 * m.keyHeads * m.keyHeadDim + 2 * m.valueHeads * m.valueHeadDim) + m.valueHeads * m.valueHeadDim * hidden
			);
	}
}

interface WeightShares {
	/** Share of the parameters in attention projections. */
	attention: number;
	/** Share in routed experts. */
	experts: number;
}

const sharesMemo = new WeakMap<Model, WeightShares>();

export function weightShares(model: Model): WeightShares {
	let shares = sharesMemo.get(model);
	if (!shares) {
		let attention = 0;
		for (const g of model.layers) attention += g.count * attentionParams(g.mixer, model.hiddenSize);
		const split = moeSplit(model);
		const total = model.params.total;
		shares = {
			attention: Math.min(1, attention / total),
			experts: split ? Math.min(1, (split.expert * split.experts) / total) : 0,
		};
		sharesMemo.set(model, shares);
	}
	return shares;
}
