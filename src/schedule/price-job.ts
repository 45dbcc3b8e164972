// One run of the price-update job: claim the scheduled time (one replica runs it), send what earlier
// runs left pending, compare the catalog's prices (the curated ones with the fetched prices that held for
// two reads of their feed laid over them: a one-read flap never posts) with the last posted snapshot, and
// when something moved enough, record the new baseline and the deliveries together, then send them. The
// first prices of a feed replace a provider's curated ones silently: they become the baseline. The charts follow
// the text of every delivery the run sent (an earlier post's too), outside the deliveries' records (post-chart.ts).
import type { PricePostJson } from "../../commands/json.js";
import { noPost, type PricePost, pricePost } from "../../commands/prices.js";
import {
	advanceBaseline,
	diffPrices,
	isEmptyDiff,
	type PriceDiff,
	type PriceSnapshot,
	snapshotPrices,
	type Threshold,
} from "../catalog/price-snapshot.js";
import type { Catalog } from "../catalog/types.js";
import type { Reply } from "../chat/reply.js";
import type { Logger } from "../log.js";
import type { PriceHistoryData } from "../prices/history.js";
import { fedProviders, overlayFetchedPrices } from "../prices/overlay.js";
import { type Delivered, deliver } from "./deliver.js";
import { takeLease } from "./lease.js";
import { type PostCharts, sendPostCharts } from "./post-chart.js";
import type { Senders } from "./senders.js";
import { type Delivery, deliveryId, type StateStore, type Target } from "./state.js";

export const PRICE_JOB = "price-post";

export interface PriceJobConfig {
	targets: Target[];
	threshold: Threshold;
	timeZone: string;
	popularGpus?: string[];
	headlineFits?: string[];
	/** How long a finished run's claim on its scheduled time holds (no replica runs that time again). */
	claimTtlMs: number;
	/** How long a claim held while working lasts without renewal (renewed every third of it). */
	leaseMs: number;
}

export interface PriceJobDeps {
	/** The catalog as its files have it (the fetched prices are laid over it here). */
	catalog: () => Catalog;
	/** The fetched prices; absent: the catalog's own prices only. */
	history?: () => Promise<PriceHistoryData>;
	state: StateStore;
	senders: Senders;
	log: Logger;
	config: PriceJobConfig;
	/** Draws the post's chart (GPUFIT_CHARTS); absent or null: posts go without one. */
	charts?: PostCharts | null;
}

export type PriceRunResult =
	| { status: "claimed-elsewhere"; retried: Delivery[] }
	/** Told to stop (watchdog, shutdown) or its claim lost before it compared prices: a later run does it. */
	| { status: "stopped"; retried: Delivery[] }
	| { status: "baseline"; retried: Delivery[]; offers: number }
	| { status: "no-change"; retried: Delivery[]; ignored: number }
	| { status: "no-targets"; retried: Delivery[]; post: PricePost }
	| { status: "posted"; retried: Delivery[]; deliveries: Delivery[] };

type Prepared = { catalog: Catalog; newFeeds: string[] } & (
	| { kind: "baseline"; current: PriceSnapshot }
	| { kind: "no-change"; current: PriceSnapshot; before: PriceSnapshot; diff: PriceDiff }
	| { kind: "post"; current: PriceSnapshot; before: PriceSnapshot; diff: PriceDiff; post: { json: PricePostJson; reply: Reply } }
);

/** The catalog a post compares: the curated prices with the settled fetched ones over them. */
export async function postCatalog(deps: Pick<PriceJobDeps, "catalog" | "history">): Promise<Catalog> {
	const base = deps.catalog();
	return deps.history ? overlayFetchedPrices(base, await deps.history(), { settled: true }) : base;
}

/** The baseline with the offers of newly fed providers taken as they are now: a feed's first prices are no news. */
function foldNewFeeds(before: PriceSnapshot, current: PriceSnapshot, feeds: string[]): PriceSnapshot {
	if (feeds.length === 0) return before;
	const fresh = new Set(feeds);
	const offers = Object.fromEntries(Object.entries(before.offers).filter(([, o]) => !fresh.has(o.provider)));
	for (const [key, o] of Object.entries(current.offers)) if (fresh.has(o.provider)) offers[key] = o;
	return { ...before, offers, feeds: [...new Set([...(before.feeds ?? []), ...feeds])].sort() };
}

async function prepare(deps: PriceJobDeps, now: Date): Promise<Prepared> {
	const catalog = await postCatalog(deps);
	const current: PriceSnapshot = { ...snapshotPrices(catalog, now), feeds: fedProviders(catalog) };
	const last = await deps.state.lastSnapshot();
	if (!last) return { catalog, newFeeds: [], kind: "baseline", current };
	const newFeeds = (current.feeds ?? []).filter((p) => !(last.feeds ?? []).includes(p));
	const before = foldNewFeeds(last, current, newFeeds);
	const diff = diffPrices(before, current, deps.config.threshold);
	if (isEmptyDiff(diff)) return { catalog, newFeeds, kind: "no-change", current, before, diff };
	const { threshold, timeZone, popularGpus, headlineFits } = deps.config;
	const post = pricePost({ catalog, before, diff, now, threshold, timeZone, popularGpus, headlineFits });
	return { catalog, newFeeds, kind: "post", current, before, diff, post };
}

function describe(catalog: Catalog, prepared: Prepared): PricePost {
	switch (prepared.kind) {
		case "baseline":
			return noPost(
				catalog,
				"baseline",
				`the first run records the baseline (${Object.keys(prepared.current.offers).length} offers) and posts nothing`,
			);
		case "no-change": {
			const n = prepared.diff.ignored.length;
			const fed = prepared.newFeeds.length
				? `; the first fetched prices of ${prepared.newFeeds.join(", ")} are the baseline`
				: "";
			return noPost(
				catalog,
				"no-change",
				`no price moved enough since the last post${n ? ` (${n} smaller moves left out)` : ""}${fed}`,
			);
		}
		case "post":
			return prepared.post;
	}
}

/** The post that would go out now, and what is pending; touches nothing. */
export async function previewPricePost(deps: PriceJobDeps, now: Date): Promise<{ post: PricePost; pending: Delivery[] }> {
	const prepared = await prepare(deps, now);
	return { post: describe(prepared.catalog, prepared), pending: await deps.state.pendingDeliveries() };
}

/**
 * Sends the deliveries one after another (an older post before a newer one) until the run is told to stop; each
 * outcome is added to `outcomes` as it comes, so that a failure partway keeps what went out before it.
 */
async function sendAll(
	deps: PriceJobDeps,
	deliveries: Delivery[],
	stop: () => boolean,
	outcomes: Delivered[],
): Promise<Delivered[]> {
	const out: Delivered[] = [];
	const d = { state: deps.state, senders: deps.senders, log: deps.log, leaseMs: deps.config.leaseMs };
	for (const delivery of deliveries) {
		const outcome = stop() ? { delivery, sent: false } : await deliver(d, delivery);
		out.push(outcome);
		outcomes.push(outcome);
	}
	return out;
}

/**
 * One run for the scheduled time `scheduledAt`. The run's claim is a lease while it works; a run that finishes
 * keeps it for claimTtlMs (no replica runs that time again), one that fails or is stopped (`signal`: the
 * watchdog, a shutdown) gives it up, and starts nothing more: what it left pending goes out on a later run.
 */
export async function runPricePost(deps: PriceJobDeps, scheduledAt: Date, signal?: AbortSignal): Promise<PriceRunResult> {
	const at = scheduledAt.toISOString();
	const slot = await takeLease(deps.state, `${PRICE_JOB}@${at}`, deps.config.leaseMs, deps.log);
	if (!slot) {
		deps.log.info("price post claimed by another replica", { scheduledAt: at });
		return { status: "claimed-elsewhere", retried: [] };
	}
	const stop = () => slot.lost || signal?.aborted === true;
	let finished = false;
	try {
		const outcomes: Delivered[] = [];
		// The charts once the text is out everywhere (a picture never holds a post back), also when the run fails
		// partway: the posts it sent before the failure are out, and get theirs now (the failure is thrown after).
		const charts = deps.charts;
		const result = await runClaimed(deps, scheduledAt, stop, outcomes).finally(async () => {
			if (!charts || stop()) return;
			const out = outcomes.filter((d) => d.sent).map((d) => d.delivery);
			await sendPostCharts({ ...deps, charts }, out, stop);
		});
		finished = !stop();
		return result;
	} finally {
		if (finished) await slot.keep(deps.config.claimTtlMs);
		else await slot.release();
	}
}

/** The run past its claim; what deliver() said of each delivery it tried is added to `outcomes`. */
async function runClaimed(
	deps: PriceJobDeps,
	scheduledAt: Date,
	stop: () => boolean,
	outcomes: Delivered[],
): Promise<PriceRunResult> {
	const at = scheduledAt.toISOString();
	const tried = await sendAll(deps, await deps.state.pendingDeliveries(), stop, outcomes);
	const retried = tried.map((d) => d.delivery);
	if (stop()) return { status: "stopped", retried };
	const prepared = await prepare(deps, scheduledAt);
	switch (prepared.kind) {
		case "baseline":
			await deps.state.commitPost(prepared.current, []);
			deps.log.info("price post: first run, baseline recorded", { offers: Object.keys(prepared.current.offers).length });
			return { status: "baseline", retried, offers: Object.keys(prepared.current.offers).length };
		case "no-change":
			// A feed's first prices move the baseline without a post.
			if (prepared.newFeeds.length > 0)
				await deps.state.commitPost({ ...prepared.before, takenAt: prepared.current.takenAt }, []);
			return { status: "no-change", retried, ignored: prepared.diff.ignored.length };
		case "post": {
			if (deps.config.targets.length === 0) {
				// No channel configured: a dry run, logged; the baseline stays for the day one is.
				deps.log.info("price post (dry run: no channel configured)", { post: prepared.post.json });
				return { status: "no-targets", retried, post: prepared.post };
			}
			const createdAt = new Date().toISOString();
			const deliveries: Delivery[] = deps.config.targets.map((t) => ({
				...t,
				id: deliveryId(PRICE_JOB, at, t),
				job: PRICE_JOB,
				scheduledAt: at,
				post: prepared.post.json,
				status: "pending",
				attempts: 0,
				lastError: null,
				createdAt,
				deliveredAt: null,
				messageId: null,
			}));
			await deps.state.commitPost(advanceBaseline(prepared.before, prepared.current, prepared.diff), deliveries);
			const posted = await sendAll(deps, deliveries, stop, outcomes);
			return { status: "posted", retried, deliveries: posted.map((d) => d.delivery) };
		}
	}
}
