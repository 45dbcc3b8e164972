// The recommend search's vocabulary and its order: what a query asks, what a candidate is, and
// which candidate is better. Pure.
import type { CheckpointFormat } from "../catalog/schema.js";
import type { Gpu } from "../catalog/types.js";
import type { KvFormat } from "./formats.js";
import type { WholePurchase } from "./purchase.js";
import type { Blocker } from "./reasons.js";
import type { SpeedEstimate } from "./speed.js";
import type { Sizing, SizingRequest } from "./types.js";

export type Vendor = Gpu["vendor"];
export type Ranking = "rent" | "buy";
export interface Budget {
	/** "hour": rent of the whole setup per hour; "total": its purchase price. */
	per: "hour" | "total";
	usd: number;
}

/** The load and engine settings of a sizing request, without the hardware: that is what recommend picks. */
export interface RecommendQuery extends Pick<SizingRequest, "model" | "users" | "engine" | "engineExplicit" | "util"> {
	/** A named precision; null searches the published checkpoints. */
	precision: CheckpointFormat | "native" | null;
	/** Tokens per request; null: recommend's default context (or the model's limit, if shorter). */
	context: number | null;
	/** A named KV cache format; null: the engine's default, and FP8 where that does not fit. */
	kv: KvFormat | null;
	ranking: Ranking;
	budget: Budget | null;
	vendor: Vendor | null;
	pcieOnly: boolean;
	oneNode: boolean;
}

export interface Candidate {
	sizing: Sizing;
	speed: SpeedEstimate | null;
	/** Runs in more weight bytes than the checkpoint asked for: no FP8 units, so upcast to 16-bit. */
	upcast: boolean;
	/** A quantized variant (INT8, 4-bit) the user did not name: offered in a note only. */
	quantized: boolean;
	/** A `fit` request that reproduces it. */
	request: string;
	/** Buying the whole setup (servers, or cards with a stated host), what purchases are ranked by; null: unpriced. */
	purchase: WholePurchase | null;
}

/** What the search found for one GPU. */
export interface GpuResult {
	gpu: Gpu;
	/** The cheapest configuration that fits, over the precisions searched. */
	best: Candidate | null;
	/** The first precision that runs here: sized at the most GPUs for "what comes closest" when nothing fits. */
	runnable: CheckpointFormat | "native" | null;
	/** Why the engine or the format cannot run on this GPU at all. */
	blocker: Blocker | null;
}

/** What a candidate costs under the ranking (a purchase: the whole setup); Infinity when the catalog has no such price. */
export function rankCost(c: Candidate, ranking: Ranking): number {
	const v = ranking === "rent" ? c.sizing.cost.hourlyUsd : (c.purchase?.usd ?? null);
	return v ?? Number.POSITIVE_INFINITY;
}

/** Best first: as published before upcast, cheaper, fewer GPUs, more margin. */
export function compareCandidates(a: Candidate, b: Candidate, ranking: Ranking): number {
	return (
		Number(a.upcast) - Number(b.upcast) ||
		rankCost(a, ranking) - rankCost(b, ranking) ||
		a.sizing.request.count - b.sizing.request.count ||
		b.sizing.memory.marginBytes - a.sizing.memory.marginBytes
	);
}

export function withinBudget(c: Candidate, budget: Budget | null): boolean {
	if (budget === null) return true;
	const v = budget.per === "hour" ? c.sizing.cost.hourlyUsd : (c.purchase?.usd ?? null);
	return v !== null && v <= budget.usd;
}
