// What `recommend` searches: GPU counts per card and the precisions to try. Pure.
import type { CheckpointFormat } from "../catalog/schema.js";
import type { Gpu, Model } from "../catalog/types.js";
import { FORMATS } from "./formats.js";
import type { EngineId } from "./types.js";

export const MAX_NODES = 4;

/**
 * Several servers only for cards sold and rented in clusters with a scale-out fabric; consumer and
 * workstation cards and unified-memory machines stay in one box of their usual size.
 */
export function maxNodes(gpu: Gpu): number {
	const clusters =
		gpu.market.clusters ?? (gpu.formFactor === "superchip" || (gpu.formFactor !== "soc" && gpu.gpusPerServer >= 8));
	return clusters ? MAX_NODES : 1;
}
/** GPUs per node tried besides the card's own server size. */
const PER_NODE = [1, 2, 4, 8];

export interface Layout {
	count: number;
	nodes: number;
	gpusPerNode: number;
}

/**
 * Counts of 1, 2, 4, 8 per node and the card's own server size (10 for 10-slot PCIe servers), on up
 * to four nodes; a second node only once one server is full, with at least 8 (or a full server) per
 * node. One layout per count, fewest nodes first; ascending by count.
 */
export function layoutsFor(gpu: Gpu, oneNode: boolean): Layout[] {
	const perServer = gpu.gpusPerServer;
	const perNode = [...new Set([...PER_NODE, perServer])].filter((n) => n <= perServer);
	const byCount = new Map<number, Layout>();
	for (let nodes = 1; nodes <= (oneNode ? 1 : maxNodes(gpu)); nodes++) {
		for (const p of perNode) {
			const count = nodes * p;
			if (nodes > 1 && (count <= perServer || (p < 8 && p !== perServer))) continue;
			const known = byCount.get(count);
			if (!known || nodes < known.nodes) byCount.set(count, { count, nodes, gpusPerNode: p });
		}
	}
	return [...byCount.values()].sort((a, b) => a.count - b.count);
}

/** Formats that keep a checkpoint's quality: 16-bit and FP8 floats. INT8, 4-bit and GGUF trade some away. */
function fullQuality(format: CheckpointFormat): boolean {
	return !FORMATS[format].gguf && ["fp32", "bf16", "fp16", "fp8"].includes(format);
}

export interface PrecisionChoice {
	/** "native" for the checkpoint as published, so that the reproducing request stays plain. */
	precision: CheckpointFormat | "native";
	/** A quality trade-off searched only for a note, unless the user named it. */
	quantized: boolean;
}

/**
 * A named precision is the only one tried. Otherwise the published checkpoints: the native one and
 * the full-quality variants rank; the quantized ones (INT8, 4-bit) are searched for a note. llama.cpp
 * runs GGUF files only, so there the GGUF variants are the choices.
 */
export function precisionChoices(model: Model, named: CheckpointFormat | "native" | null, engine: EngineId): PrecisionChoice[] {
	if (named !== null) return [{ precision: named, quantized: false }];
	const published = [...new Set(model.variants.map((v) => v.precision))];
	let out: PrecisionChoice[];
	if (engine === "llamacpp") {
		const gguf = published.filter((f) => FORMATS[f].gguf);
		// No GGUF file in the catalog: the usual two, sized from the parameter count.
		out = (gguf.length ? gguf : (["q8_0", "q4_k_m"] as const)).map((f) => ({ precision: f, quantized: f !== "q8_0" }));
	} else {
		out = [{ precision: "native", quantized: false }];
		for (const f of published) {
			if (f !== model.nativePrecision && !FORMATS[f].gguf) out.push({ precision: f, quantized: !fullQuality(f) });
		}
	}
	// Where only quantized files exist, they are what there is to rank.
	return out.some((c) => !c.quantized) ? out : out.map((c) => ({ ...c, quantized: false }));
}
