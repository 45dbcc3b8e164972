// Which speed constants a setup runs with: every catalog profile (catalog/speed) whose match fits the
// engine, the GPU (its id, else its architecture) and the weights' precision class, merged from the most
// general to the most specific. Zod-free: the catalog assembler registers each catalog's table here, and a
// sizing finds its table through its GPU entry (a Sizing carries catalog records, not the catalog).
import type { CheckpointFormat } from "../catalog/schema.js";
import type { PrecisionClass, SpeculativeMethod, SpeedConstants, SpeedEntry, SpeedProfile } from "../catalog/speed-schema.js";
import type { Gpu } from "../catalog/types.js";
import { FORMATS } from "./formats.js";
import type { EngineId } from "./types.js";

export type { PrecisionClass, SpeculativeMethod, SpeedConstants };

/**
 * The constants used only where a catalog has no speed entries (a catalog assembled by hand): the repository's
 * base profile (catalog/speed/base.yaml) as of 2026-12-02. A loaded catalog always brings its own.
 */
export const FALLBACK_CONSTANTS: SpeedConstants = {
	memoryEfficiency: 0.8,
	decodeEfficiency: 0.6,
	minGemmRows: 64,
	moeGemmRows: 16,
	weightOnlyGemmRows: 16,
	prefillEfficiency: 0.6,
	attentionEfficiency: 0.5,
	decodeAttentionEfficiency: 0.3,
	moeEfficiency: 0.6,
	moeMemoryEfficiency: 0.8,
	weightOnlyEfficiency: 0.5,
	stepOverheadMs: 1,
	layerOverheadUs: 15,
	moeLayerOverheadUs: 40,
	prefillLayerOverheadUs: 0,
	requestOverheadMs: 30,
	prefillChunkTokens: 8192,
	joinSteps: 1,
	allReduceUs: 12,
	pcieAllReduceUs: 40,
	networkAllReduceUs: 40,
	networkGBps: 50,
	allToAllUs: 30,
	pipelineHopUs: 40,
	linkEfficiency: 0.7,
	perQueryHeadKvReads: 0,
	overlap: 3,
};

/** The speed entries of the catalog a GPU entry came from. */
const tables = new WeakMap<Gpu, readonly SpeedEntry[]>();

/** Called when a catalog is assembled: its GPU entries answer for its speed table. */
export function registerSpeedTable(gpus: readonly Gpu[], entries: readonly SpeedEntry[]): void {
	for (const g of gpus) tables.set(g, entries);
}

/** The speed table a GPU entry's catalog brought (empty for a GPU entry made outside a catalog). */
export function speedTableOf(gpu: Gpu): readonly SpeedEntry[] {
	return tables.get(gpu) ?? [];
}

/** The precision class of a weight format as it runs. */
export function precisionClassOf(weights: CheckpointFormat): PrecisionClass {
	const f = FORMATS[weights];
	if (f.gguf) return "gguf";
	if (f.bitsPerWeight >= 16) return "16bit";
	if (f.bitsPerWeight >= 8) return "8bit";
	return weights === "nvfp4" || weights === "mxfp4" ? "fp4" : "4bit";
}

export interface ResolvedProfile {
	constants: SpeedConstants;
	/** The profiles merged, most general first (ids, for the card's assumptions). */
	profiles: SpeedProfile[];
}

function specificity(p: SpeedProfile): number {
	const m = p.match;
	// A precision class alone < an engine < both < a GPU family < GPUs by id < a past engine version.
	return (m.precision ? 1 : 0) + (m.engine ? 2 : 0) + (m.family ? 4 : 0) + (m.gpu ? 8 : 0) + (m.versionsBelow ? 16 : 0);
}

/** The numbers of the first version in a text: "v0.6.1" -> [0, 6, 1], "1.1.0rc2.post2" -> [1, 1, 0]; null: none. */
export function versionNumbers(text: string): number[] | null {
	const m = /\d+(?:\.\d+)*/.exec(text);
	return m ? m[0].split(".").map(Number) : null;
}

/** Whether version `a` is older than `b`, both as number lists (missing parts count as 0). */
function older(a: number[], b: number[]): boolean {
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		const x = a[i] ?? 0;
		const y = b[i] ?? 0;
		if (x !== y) return x < y;
	}
	return false;
}

const resolved = new WeakMap<readonly SpeedEntry[], Map<string, ResolvedProfile>>();

/**
 * The constants for an engine on a GPU with weights of a precision class. `engineVersion`: the version a
 * published run used; absent, the current release (profiles of past versions do not match).
 */
export function resolveProfile(
	entries: readonly SpeedEntry[],
	engine: EngineId,
	gpu: Gpu,
	precision: PrecisionClass,
	engineVersion?: string,
): ResolvedProfile {
	let memo = resolved.get(entries);
	if (!memo) {
		memo = new Map();
		resolved.set(entries, memo);
	}
	const version = engineVersion === undefined ? null : versionNumbers(engineVersion);
	const key = `${engine}|${gpu.id}|${gpu.architecture}|${precision}|${version?.join(".") ?? ""}`;
	const hit = memo.get(key);
	if (hit) return hit;
	const matching = entries
		.filter((e): e is SpeedProfile => e.kind === "profile")
		.filter((p) => {
			const m = p.match;
			return (
				(m.engine === undefined || m.engine === engine) &&
				(m.family === undefined || m.family === gpu.architecture) &&
				(m.gpu === undefined || (Array.isArray(m.gpu) ? m.gpu.includes(gpu.id) : m.gpu === gpu.id)) &&
				(m.precision === undefined || m.precision === precision) &&
				(m.versionsBelow === undefined || (version !== null && older(version, versionNumbers(m.versionsBelow) as number[])))
			);
		})
		.map((p, i) => ({ p, i }))
		.sort((a, b) => specificity(a.p) - specificity(b.p) || a.i - b.i)
		.map((x) => x.p);
	const constants: SpeedConstants = { ...FALLBACK_CONSTANTS };
	for (const p of matching) Object.assign(constants, p.constants);
	const out = { constants, profiles: matching };
	memo.set(key, out);
	return out;
}

/** A speculative-decoding method as the catalog describes it, or null when it has none by that name. */
export function speculativeMethod(entries: readonly SpeedEntry[], id: "mtp" | "eagle"): SpeculativeMethod | null {
	for (const e of entries) if (e.kind === "speculative" && e.id === id) return e;
	return null;
}
