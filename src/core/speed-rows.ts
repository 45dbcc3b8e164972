// A published speed measurement (test/fixtures/speed/measurements.json) and the estimate for the same
// setup: what test/core/speed-accuracy.test.ts and scripts/speed-accuracy.mjs score. Each row is estimated
// for the layout, engine, precision, load and lengths it states, with the constants its engine, GPU and
// precision take from the catalog; the measured figure is converted from its unit, never typed in again.
import type { CheckpointFormat } from "../catalog/schema.js";
import type { SpeedEntry } from "../catalog/speed-schema.js";
import type { Catalog } from "../catalog/types.js";
import { KV_BYTES, type KvFormat } from "./formats.js";
import type { Parallel } from "./layout.js";
import { firstWaveTtftSeconds, type SpecRun, type SpeedSetup, type Workload, workloadSpeed } from "./speed-model.js";
import { precisionClassOf, resolveProfile, speculativeMethod } from "./speed-profile.js";
import type { EngineId } from "./types.js";

export type SpeedMetric = "decode" | "ttft" | "aggregate";

export interface SpeedRow {
	id: string;
	split: "fit" | "heldout";
	source: string;
	model: string;
	gpu: string;
	count: number;
	gpusPerNode: number;
	engine: EngineId;
	engineVersion: string;
	weights: CheckpointFormat;
	kvCache: KvFormat;
	layout: Parallel;
	spec: { method: "mtp" | "eagle" } | null;
	workload: {
		concurrency: number;
		promptTokens: number;
		outputTokens: number;
		batching: "continuous" | "static";
		harness: "server" | "engine";
		/** Requests measured in the run; the first `concurrency` of them arrive at once. */
		requests?: number;
		/** Lengths drawn uniformly from [rangeRatio x length, length] (InferenceX: 0.8). */
		rangeRatio?: number;
	};
	metric: SpeedMetric;
	measured: { value: number; unit: string };
	quote: string;
	url: string;
}

export interface RowResult {
	id: string;
	split: "fit" | "heldout";
	metric: SpeedMetric;
	/** The estimate and the measurement in the metric's terms (tok/s per user, seconds, tok/s in all). */
	estimate: number;
	measured: number;
	/** estimate / measured. */
	ratio: number;
}

/** The measured figure in the metric's terms: tokens per second per user, seconds, tokens per second in all. */
export function measuredValue(row: SpeedRow): number {
	const { value, unit } = row.measured;
	const w = row.workload;
	switch (unit) {
		case "tok/s":
			return value;
		case "ms/token":
			return 1000 / value;
		case "s/token":
			return 1 / value;
		case "(prompt+output)/s":
			return value;
		case "ms":
			return value / 1000;
		case "s":
			return value;
		case "prompt tok/s":
			return w.promptTokens / value;
		case "tok/s/gpu":
			return value * row.count;
		default:
			throw new Error(`${row.id}: unknown unit "${unit}"`);
	}
}

/** The estimate for a row's setup and load, in the same terms as measuredValue. */
export function estimateRow(catalog: Catalog, row: SpeedRow, entries: readonly SpeedEntry[] = catalog.speed): RowResult {
	const model = catalog.models.find((m) => m.id === row.model);
	const gpu = catalog.gpus.find((g) => g.id === row.gpu);
	if (!model) throw new Error(`${row.id}: no catalog model "${row.model}"`);
	if (!gpu) throw new Error(`${row.id}: no catalog GPU "${row.gpu}"`);
	const profile = resolveProfile(entries, row.engine, gpu, precisionClassOf(row.weights), row.engineVersion);
	const setup: SpeedSetup = {
		model,
		gpu,
		engine: row.engine,
		weights: row.weights,
		kvBytes: KV_BYTES[row.kvCache],
		layout: row.layout,
		gpusPerNode: row.gpusPerNode,
		constants: profile.constants,
	};
	let spec: SpecRun | null = null;
	if (row.spec) {
		const method = speculativeMethod(entries, row.spec.method);
		if (!method) throw new Error(`${row.id}: the catalog has no speculative method "${row.spec.method}"`);
		spec = { draftTokens: method.draftTokens, accept: method.accept, draftLayers: method.draftLayers };
	}
	const w = row.workload;
	// Lengths drawn from [r x L, L] average (1 + r) / 2 of L; requests that start together finish within a
	// (1 - r) share of a cycle of each other, and so arrive again in clumps of that width.
	const r = w.rangeRatio;
	const mean = (n: number) => (r === undefined ? n : Math.round((n * (1 + r)) / 2));
	const prompt = mean(w.promptTokens);
	const output = Math.max(1, mean(w.outputTokens));
	const workload: Workload = {
		users: w.concurrency,
		promptTokens: Math.max(1, prompt),
		outputTokens: output,
		contextTokens: prompt + Math.ceil(output / 2),
		batching: w.batching,
		spec,
		...(r !== undefined ? { arrivalWindow: 1 - r } : {}),
	};
	const speed = workloadSpeed(setup, workload);
	let estimate: number;
	switch (row.metric) {
		case "decode":
			estimate =
				row.measured.unit === "(prompt+output)/s"
					? (prompt + output) / (speed.prefillSeconds + output * speed.tpotSeconds)
					: speed.perUserTokensPerSecond;
			break;
		case "ttft": {
			if (w.harness === "engine") {
				estimate = speed.prefillSeconds;
				break;
			}
			// A run's mean: its first wave arrives at once, the rest in the steady state.
			const requests = w.requests ?? 0;
			const wave = requests > w.concurrency ? w.concurrency : 0;
			estimate =
				wave > 0
					? ((requests - wave) * speed.ttftSeconds + wave * firstWaveTtftSeconds(setup, workload)) / requests
					: speed.ttftSeconds;
			break;
		}
		case "aggregate":
			estimate = speed.outputTokensPerSecond;
			break;
	}
	const measured = measuredValue(row);
	return { id: row.id, split: row.split, metric: row.metric, estimate, measured, ratio: estimate / measured };
}

export interface RatioStats {
	rows: number;
	/** Share of rows whose estimate lies within ±35% of the measurement. */
	within35: number;
	median: number;
	/** Geometric mean of the ratios. */
	geomean: number;
	min: number;
	max: number;
}

/** Ratio statistics of some rows (estimate / measured). */
export function ratioStats(results: readonly RowResult[]): RatioStats {
	const r = results.map((x) => x.ratio).sort((a, b) => a - b);
	const n = r.length;
	if (n === 0) return { rows: 0, within35: 0, median: Number.NaN, geomean: Number.NaN, min: Number.NaN, max: Number.NaN };
	const mid = Math.floor(n / 2);
	const median = n % 2 ? (r[mid] as number) : ((r[mid - 1] as number) + (r[mid] as number)) / 2;
	return {
		rows: n,
		within35: r.filter((x) => x >= 0.65 && x <= 1.35).length / n,
		median,
		geomean: Math.exp(r.reduce((s, x) => s + Math.log(x), 0) / n),
		min: r[0] as number,
		max: r[n - 1] as number,
	};
}
