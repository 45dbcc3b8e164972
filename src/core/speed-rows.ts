// A published speed measurement (test/fixtures/speed/measurements.json) and the estimate for the same
// setup: what test/core/speed-accuracy.test.ts and scripts/speed-accuracy.mjs score. Each row is estimated
// for the layout, engine, precision, load and lengths it states, with the constants its engine, GPU and
// precision take from the catalog; the measured figure is converted from its unit, never typed in again.
import type { CheckpointFormat } from "../catalog/schema.js";
import type { SpeedEntry } from "../catalog/speed-schema.js";
import type { Catalog } from "../catalog/types.js";
import { KV_BYTES, type KvFormat } from "./formats.js";
import type { Parallel } from "./layout.js";
import {
	firstWaveTtftSeconds,
	type SpecRun,
	type SpeedSetup,
	type Workload,
	type WorkloadSpeed,
	workloadSpeed,
} from "./speed-model.js";
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
		/** Prompt tokens per prefill pass as the run's server was started (--chunked-prefill-size, max_num_tokens). */
		chunkTokens?: number;
		/** Decode steps run back to back before new requests are admitted (SGLang --num-continuous-decode-steps). */
		decodeStepsPerSchedule?: number;
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
	// Lengths drawn from [r x L, L] average (1 + r) / 2 of L.
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
		...(w.chunkTokens !== undefined ? { chunkTokens: w.chunkTokens } : {}),
		...(w.decodeStepsPerSchedule !== undefined ? { decodeStepsPerSchedule: w.decodeStepsPerSchedule } : {}),
	};
	// A run of `requests` requests at `concurrency` comes in waves: the first arrives at once; requests that
	// start together finish within (1 - r) of a cycle of each other, and each later wave spreads further (the
	// sum of k independent spreads grows as the square root of k) until the arrivals cover the whole cycle.
	const requests = w.requests ?? 0;
	const waves = w.harness === "server" && requests > w.concurrency ? Math.round(requests / w.concurrency) : 1;
	const steady: WorkloadSpeed[] = [];
	for (let k = 1; k < Math.max(2, waves); k++) {
		const window = r === undefined ? 1 : Math.min(1, (1 - r) * Math.sqrt(k));
		steady.push(workloadSpeed(setup, { ...workload, arrivalWindow: window }));
	}
	const avg = (f: (x: WorkloadSpeed) => number) => steady.reduce((sum, x) => sum + f(x), 0) / steady.length;
	const speed = steady[0] as WorkloadSpeed;
	let estimate: number;
	switch (row.metric) {
		case "decode":
			estimate =
				row.measured.unit === "(prompt+output)/s"
					? (prompt + output) / (speed.prefillSeconds + output * speed.tpotSeconds)
					: 1 / avg((x) => x.tpotSeconds);
			break;
		case "ttft": {
			if (w.harness === "engine") {
				estimate = speed.prefillSeconds;
				break;
			}
			const ttft = avg((x) => x.ttftSeconds);
			estimate = waves > 1 ? ((waves - 1) * ttft + firstWaveTtftSeconds(setup, workload)) / waves : ttft;
			break;
		}
		case "aggregate":
			estimate = avg((x) => x.outputTokensPerSecond);
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
