// `recommend`: the cheapest configurations that fit a model. Every catalog GPU is sized at the
// counts search-space.ts lists, smallest first, for each precision to try, with an FP8 KV cache
// where the engine's default cache is what does not fit. Pure: no I/O, no globals.
import type { CheckpointFormat } from "../catalog/schema.js";
import type { Catalog, Gpu } from "../catalog/types.js";
import { costOf } from "./cost.js";
import { requestText } from "./describe.js";
import { chooseEngine } from "./engine-choice.js";
import type { KvFormat } from "./formats.js";
import { engineBlocker, runFormat } from "./hardware.js";
import { wholePurchase } from "./purchase.js";
import type { RecommendReason } from "./reasons.js";
import { recommendNotes } from "./recommend-notes.js";
import {
	type Candidate,
	compareCandidates,
	type GpuResult,
	type Ranking,
	type RecommendQuery,
	rankCost,
	withinBudget,
} from "./recommend-rank.js";
import { type Layout, layoutsFor, type PrecisionChoice, precisionChoices } from "./search-space.js";
import { size } from "./size.js";
import { estimateSpeed } from "./speed.js";
import type { EngineId, Sizing, Verdict } from "./types.js";
import { weightBytes } from "./weights.js";

export type { Budget, Candidate, GpuResult, Ranking, RecommendQuery, Vendor } from "./recommend-rank.js";

/** A model's full context makes every recommendation a long-context one; 32K is what chats use. */
export const RECOMMEND_DEFAULT_CONTEXT = 32 * 1024;
const MAX_OPTIONS = 5;

export interface Recommendation {
	context: number;
	users: number;
	ranking: Ranking;
	options: Candidate[];
	/** When no option qualifies: the nearest configurations (over budget, or the largest that load). */
	closest: Candidate[];
	notes: RecommendReason[];
	/** Configurations sized, for the benchmark. */
	sized: number;
}

function contextFor(q: Pick<RecommendQuery, "model" | "context">): number {
	return q.context ?? Math.min(RECOMMEND_DEFAULT_CONTEXT, q.model.contextLength);
}

class Search {
	sized = 0;
	constructor(
		readonly catalog: Catalog,
		readonly q: RecommendQuery,
		readonly context: number,
	) {}

	engineFor(gpu: Gpu, precision: CheckpointFormat): EngineId {
		return chooseEngine(gpu, this.q.engine, this.q.engineExplicit, precision).engine;
	}

	size(gpu: Gpu, layout: Layout, precision: CheckpointFormat | "native", kv: KvFormat | null): Sizing {
		this.sized++;
		const q = this.q;
		return size(this.catalog, {
			model: q.model,
			gpu,
			...layout,
			precision,
			context: this.context,
			users: q.users,
			engine: q.engine,
			engineExplicit: q.engineExplicit,
			kv,
			util: q.util,
		});
	}

	candidate(s: Sizing, choice: PrecisionChoice): Candidate {
		const model = this.q.model;
		const asked = this.q.precision === null || this.q.precision === "native" ? model.nativePrecision : this.q.precision;
		const upcast = weightBytes(model, s.precision.weights).bytes > weightBytes(model, asked).bytes * 1.01;
		const r = s.request;
		const purchase = wholePurchase(this.catalog, r.gpu, r.count, r.nodes, r.gpusPerNode);
		return { sizing: s, speed: estimateSpeed(s), upcast, quantized: choice.quantized, request: requestText(r), purchase };
	}

	/** What a layout of this GPU costs under the ranking, before sizing it (null: no such price). */
	price(gpu: Gpu, l: Layout): number | null {
		if (this.q.ranking === "rent") return costOf(this.catalog, gpu, l.count, l.nodes, l.gpusPerNode).hourlyUsd;
		return wholePurchase(this.catalog, gpu, l.count, l.nodes, l.gpusPerNode)?.usd ?? null;
	}

	/**
	 * The smallest layout that fits for one precision, trying an FP8 cache where the default one is too
	 * big. Layouts costing `maxCost` or more are not sized (a cheaper answer is known already).
	 */
	smallestFit(gpu: Gpu, layouts: Layout[], choice: PrecisionChoice, weightsBytes: number, maxCost: number): Sizing | null {
		for (const layout of layouts) {
			if (layout.count * gpu.memory.usableBytes < weightsBytes) continue; // cannot even hold the weights
			if (Number.isFinite(maxCost) && (this.price(gpu, layout) ?? Number.POSITIVE_INFINITY) >= maxCost) break;
			const s = this.size(gpu, layout, choice.precision, this.q.kv);
			if (s.verdict === "fits") return s;
			if (s.verdict === "tight" && this.q.kv === null && s.engine !== "llamacpp") {
				const fp8 = this.size(gpu, layout, choice.precision, "fp8");
				if (fp8.verdict === "fits") return fp8;
			}
		}
		return null;
	}

	/** The cheapest fitting configuration of one GPU over the precision choices. */
	gpu(gpu: Gpu, choices: PrecisionChoice[], maxCost = Number.POSITIVE_INFINITY): GpuResult {
		const model = this.q.model;
		const layouts = layoutsFor(gpu, this.q.oneNode);
		const result: GpuResult = { gpu, best: null, runnable: null, blocker: null };
		const tried = new Set<CheckpointFormat>();
		for (const choice of choices) {
			const requested = choice.precision === "native" ? model.nativePrecision : choice.precision;
			const engine = this.engineFor(gpu, requested);
			const run = runFormat(model, requested, gpu, engine);
			const blocker = engineBlocker(engine, gpu) ?? run.blocker;
			if (blocker !== null) {
				result.blocker ??= blocker;
				continue;
			}
			if (tried.has(run.weights)) continue; // e.g. FP8 upcast on an A100 is the BF16 checkpoint again
			tried.add(run.weights);
			result.runnable ??= choice.precision;
			// Within one GPU a setup costs more with more GPUs: a later choice must fit on fewer to win.
			const fewer = result.best ? layouts.filter((l) => l.count < (result.best?.sizing.request.count ?? 0)) : layouts;
			const s = this.smallestFit(gpu, fewer, choice, weightBytes(model, run.weights).bytes, maxCost);
			if (s === null) continue;
			const c = this.candidate(s, choice);
			if (!result.best || compareCandidates(c, result.best, this.q.ranking) < 0) result.best = c;
		}
		if (result.runnable !== null) result.blocker = null;
		return result;
	}
}

function gpusFor(catalog: Catalog, q: RecommendQuery): Gpu[] {
	return catalog.gpus.filter(
		(g) =>
			(q.vendor === null || g.vendor === q.vendor) && (!q.pcieOnly || g.formFactor === "pcie" || g.formFactor === "nvl-pcie"),
	);
}

const VERDICT_RANK: Record<Verdict, number> = { fits: 2, tight: 1, "no-fit": 0 };

/** How much of what was asked a configuration holds: share of the KV tokens asked, or of the weights. */
function nearness(s: Sizing): number {
	if (s.verdict === "tight") return s.limits.maxKvTokens / (s.users * s.context);
	const room = s.memory.capacityBytes - s.memory.overheadBytes;
	return s.blocker === null && s.memory.weightsBytes > 0 ? room / s.memory.weightsBytes : 0;
}

/** Nothing fits: each GPU at its most GPUs, nearest to fitting first. */
function closestLoads(search: Search, results: GpuResult[]): Candidate[] {
	return results
		.flatMap((r) => {
			const most = layoutsFor(r.gpu, search.q.oneNode).at(-1);
			return most && r.runnable !== null ? [search.size(r.gpu, most, r.runnable, search.q.kv)] : [];
		})
		.sort((a, b) => VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict] || nearness(b) - nearness(a))
		.slice(0, 3)
		.map((s) => search.candidate(s, { precision: s.request.precision, quantized: false }));
}

export function recommend(catalog: Catalog, q: RecommendQuery): Recommendation {
	const context = contextFor(q);
	const limit = q.model.contextLength;
	// A model's context is a limit: nothing qualifies past it; the closest setups are those at the limit.
	if (context > limit) {
		const atLimit = recommend(catalog, { ...q, context: limit });
		const over: RecommendReason = { code: "beyond-context", context, model: q.model.name, limit };
		const closest = atLimit.options.length > 0 ? atLimit.options.slice(0, 3) : atLimit.closest;
		return { ...atLimit, context, options: [], closest, notes: [over, ...atLimit.notes] };
	}
	const search = new Search(catalog, q, context);
	const choices = precisionChoices(q.model, q.precision, q.engine);
	const gpus = gpusFor(catalog, q);
	const full = choices.filter((c) => !c.quantized);
	const results = gpus.map((g) => search.gpu(g, full));
	const byRank = (a: Candidate, b: Candidate) => compareCandidates(a, b, q.ranking);
	const fitting = results.flatMap((r) => (r.best ? [r.best] : [])).sort(byRank);
	const affordable = fitting.filter((c) => withinBudget(c, q.budget));
	const options = affordable.slice(0, MAX_OPTIONS);
	const closest = options.length > 0 ? [] : fitting.length > 0 ? fitting.slice(0, 3) : closestLoads(search, results);
	// Quantized variants matter only where they beat the best option: search below its cost.
	const quantizedChoices = choices.filter((c) => c.quantized);
	const bound = options[0] ? rankCost(options[0], q.ranking) : Number.POSITIVE_INFINITY;
	const quantized = quantizedChoices.length
		? gpus.flatMap((g) => search.gpu(g, quantizedChoices, bound).best ?? []).sort(byRank)
		: [];
	const priced = new Set([
		...catalog.prices.map((p) => p.gpu),
		...catalog.systems.filter((s) => s.purchase.usd !== undefined).map((s) => s.gpu),
	]);
	return {
		context,
		users: q.users,
		ranking: q.ranking,
		options,
		closest,
		notes: recommendNotes({ q, context, results, options, closest, fitting, quantized, priced }),
		sized: search.sized,
	};
}
