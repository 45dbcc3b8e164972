// Bytes of the weights as loaded, for the whole model (one replica, all GPUs together).
import type { CheckpointFormat } from "../catalog/schema.js";
import type { Model } from "../catalog/types.js";
import { FORMATS } from "./formats.js";
import { memoPerOwner } from "./memo.js";
import { formatGiB } from "./units.js";

export interface WeightBytes {
	bytes: number;
	/** "checkpoint" when the catalog knows the published files' size, else "params". */
	basis: "checkpoint" | "params";
	note: string | null;
}

/** Token embedding plus LM head parameters (one matrix when tied). */
export function embeddingParams(model: Model): number {
	return model.vocabSize * model.hiddenSize * (model.tiedEmbeddings ? 1 : 2);
}

/** Parameters x the format's real bits per weight, with embeddings kept 16-bit where checkpoints do. */
export function weightBytesFromParams(model: Model, format: CheckpointFormat): number {
	const info = FORMATS[format];
	const total = model.params.total;
	if (!info.keepsEmbeddings16) return Math.round((total * info.bitsPerWeight) / 8);
	const embed = Math.min(embeddingParams(model), total);
	return Math.round(embed * 2 + ((total - embed) * info.bitsPerWeight) / 8);
}

// Per model and format, computed once (memo.ts): a /fit asks for the same weights in each alternative it
// sizes, and would build the notes' strings each time.
const weightsMemo = memoPerOwner<Model, string, Readonly<WeightBytes>>();

/** `withMtp`: MTP speculative decoding is on, so engines load the MTP module the files hold too. */
export function weightBytes(model: Model, format: CheckpointFormat, withMtp = false): Readonly<WeightBytes> {
	return weightsMemo(model, withMtp ? `${format}+mtp` : format, () => computeWeightBytes(model, format, withMtp));
}

function computeWeightBytes(model: Model, format: CheckpointFormat, withMtp: boolean): WeightBytes {
	const variant = model.variants.find((v) => v.precision === format && v.bytes !== undefined);
	if (variant?.bytes !== undefined) {
		const label = `${model.name} ${FORMATS[format].label}`;
		if (variant.loadedBytes !== undefined) {
			const note = `${label} files hold ${formatGiB(variant.bytes)}; engines report ${formatGiB(variant.loadedBytes)} once loaded (kernel padding)`;
			return { bytes: variant.loadedBytes, basis: "checkpoint", note };
		}
		if (withMtp && variant.unloadedBytes > 0) {
			const note = `${label} files hold ${formatGiB(variant.bytes)}, all loaded: the ${formatGiB(variant.unloadedBytes)} MTP module drafts tokens for speculative decoding`;
			return { bytes: variant.bytes, basis: "checkpoint", note };
		}
		const loaded = variant.bytes - variant.unloadedBytes;
		const note =
			variant.unloadedBytes > 0
				? `${label} files hold ${formatGiB(variant.bytes)}; engines load ${formatGiB(loaded)} (the ${formatGiB(variant.unloadedBytes)} MTP module is left out unless speculative decoding uses it)`
				: null;
		return { bytes: loaded, basis: "checkpoint", note };
	}
	return { bytes: weightBytesFromParams(model, format), basis: "params", note: null };
}
