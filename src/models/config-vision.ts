// The vision encoder's parameters from vision_config: transformer blocks, patch and position embeddings,
// and the merger/projector into the language model. Qwen-VL names (depth, out_hidden_size), Kimi's vt_*
// names and the SigLIP-style names (num_hidden_layers) are read; an encoder this cannot size is refused.
import type { ConfigSource } from "./config-source.js";

/** Whether the checkpoint ships a vision encoder: a vision_config (or vision_tower_config) is present. */
export function hasVision(root: ConfigSource): boolean {
	return root.has("vision_config");
}

export function hasAudio(root: ConfigSource): boolean {
	return root.has("audio_config");
}

/** Parameters of the vision encoder and its projector; 0 without a vision_config. */
export function visionParams(root: ConfigSource): number {
	const v = root.child("vision_config");
	if (!v) return 0;
	const layers = v.intOf("depth", "num_hidden_layers", "vt_num_hidden_layers");
	const width = v.intOf("hidden_size", "vt_hidden_size");
	const ffn = v.intOf("intermediate_size", "vt_intermediate_size");
	const patch = v.int("patch_size");
	const channels = v.optInt("in_channels") ?? 3;
	const frames = v.optInt("temporal_patch_size") ?? 1;
	// Attention (q, k, v, o) and a two-matrix MLP per block.
	const blocks = layers * (4 * width * width + 2 * width * ffn);
	const patchEmbed = channels * frames * patch * patch * width;
	const positions = (v.optInt("num_position_embeddings") ?? 0) * width;
	// Merger: the spatially merged patches (merge^2 x width) through a square layer, then to the text width.
	const text = root.child("text_config") ?? root;
	const out = v.optIntOf("out_hidden_size", "text_hidden_size") ?? text.int("hidden_size");
	const mergeKeys = v.optList("merge_kernel_size");
	const merge = v.optInt("spatial_merge_size") ?? (mergeKeys ? Number(mergeKeys[0]) : 1);
	const merged = width * merge * merge;
	const merger = merged * merged + merged * out;
	// Qwen3-VL feeds deepstack features from some blocks through mergers of their own.
	const deepstack = (v.optList("deepstack_visual_indexes") ?? []).length;
	return blocks + patchEmbed + positions + merger * (1 + deepstack);
}
