// Bytes of the weights as loaded, for the whole model (one replica, all GPUs together).
import type { CheckpointFormat } from "../catalog/schema.js";
import type { Model } from "../catalog/types.js";
import { FORMATS } from "./formats.js";
import { memoPerOwner } from "./memo.js";
import type { Reason } from "./reasons.js";

interface WeightBytes {
	bytes: number;
	/** "checkpoint" when the catalog knows the published files' size, else "params". */
	basis: "checkpoint" | "params";
	note: Reason | null;
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
// sizes, and would build the same note each time.
const weightsMemo = memoPerOwner<Model, string, Readonly<WeightBytes>>();

/** `withMtp`: MTP speculative decoding is on, so engines load the MTP module the files hold too. */
export function weightBytes(model: Model, format: CheckpointFormat, withMtp = false): Readonly<WeightBytes> {
	return weightsMemo(model, withMtp ? `${format}+mtp` : format, () => computeWeightBytes(model, format, withMtp));
}

function computeWeightBytes(model: Model, format: CheckpointFormat, withMtp: boolean): WeightBytes {
	const variant = model.variants.find((v) => v.precision === format && v.bytes !== undefined);
	if (variant?.bytes !== undefined) {
		const weights = `${model.name} ${FORMATS[format].label}`;
		if (variant.loadedBytes !== undefined) {
			const note: Reason = { code: "weights-padded", weights, fileBytes: variant.bytes, loadedBytes: variant.loadedBytes };
			return { bytes: variant.loadedBytes, basis: "checkpoint", note };
		}
		if (withMtp && variant.unloadedBytes > 0) {
			const note: Reason = { code: "weights-with-mtp", weights, fileBytes: variant.bytes, mtpBytes: variant.unloadedBytes };
			return { bytes: variant.bytes, basis: "checkpoint", note };
		}
		const loaded = variant.bytes - variant.unloadedBytes;
		const note: Reason | null =
			variant.unloadedBytes > 0
				? { code: "weights-without-mtp", weights, fileBytes: variant.bytes, loadedBytes: loaded, mtpBytes: variant.unloadedBytes }
				: null;
		return { bytes: loaded, basis: "checkpoint", note };
	}
	return { bytes: weightBytesFromParams(model, format), basis: "params", note: null };
}
