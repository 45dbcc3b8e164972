// The price feeds in a running server: PRICE_FETCH_CRON runs a fetch (price-fetch.ts; one replica fetches, the
// others skip), a minute after start a fetch runs if none completed since the last scheduled time (a fresh
// deployment, a restart that missed one or stopped in the middle of one), and every replica lays the stored
// prices over its live catalog: after its own fetch, at start, and whenever the store's revision changes
// (another replica fetched, or `gpufit prices fetch` ran), checked every POLL_MS.
import type { Catalog } from "../catalog/types.js";
import { emptyHistory, type PriceHistoryData } from "../prices/history.js";
import { storedPricesOverlay } from "../prices/overlay.js";
import {
	type FetchRunResult,
	type PriceFeedsHealth,
	type PriceFetchDeps,
	priceFeedsHealth,
	runPriceFetch,
} from "./price-fetch.js";

/** How often a replica asks the store whether the prices changed. */
export const POLL_MS = 60_000;
/** How long after start the catch-up fetch waits: answering comes first. */
export const CATCH_UP_DELAY_MS = 60_000;

/** The part of the catalog store the feeds use (src/catalog/store.ts). */
export interface OverlaidStore {
	base: () => Catalog;
	setPriceOverlay: (overlay: ((base: Catalog) => Catalog) | null) => void;
}

export interface PriceFeeds {
	/** Runs a fetch now, as the schedule does, then lays its prices over the catalog. */
	trigger: (at?: Date) => Promise<FetchRunResult>;
	/** The start-up check: a fetch when none completed since the last scheduled time (null: none needed). */
	catchUp: (now?: Date) => Promise<FetchRunResult | null>;
	/** Reloads the stored prices into the live catalog. */
	refresh: () => Promise<void>;
	health: () => PriceFeedsHealth;
	nextRun: () => Date | null;
	/** Stops the timers, aborts a fetch in progress (what it read so far is kept) and waits for it. */
	stop: () => Promise<void>;
}

export interface PriceFeedsOptions {
	/** Croner pattern; null: no scheduled fetches (stored prices are still laid over the catalog). */
	cron: string | null;
	deps: Omit<PriceFetchDeps, "signal">;
	store: OverlaidStore;
	pollMs?: number;
	catchUpDelayMs?: number;
}

export async function startPriceFeeds(options: PriceFeedsOptions): Promise<PriceFeeds> {
	const { deps, store } = options;
	const abort = new AbortController();
	const inFlight = new Set<Promise<unknown>>();
	let data: PriceHistoryData = emptyHistory();
	let revision: string | null = null;
	let stopped = false;

	const track = <T>(p: Promise<T>): Promise<T> => {
		const tracked = p.catch(() => {}).finally(() => inFlight.delete(tracked));
		inFlight.add(tracked);
		return p;
	};

	const refresh = async () => {
		const token = await deps.state.priceRevision();
		const next = await deps.state.priceHistory();
		data = next;
		revision = token;
		store.setPriceOverlay(storedPricesOverlay(next));
	};

	const run = (at: Date = new Date()) =>
		track(
			(async () => {
				const result = await runPriceFetch({ ...deps, signal: abort.signal }, at);
				if (!stopped) await refresh();
				return result;
			})(),
		);

	const { Cron } = await import("croner");
	let job: InstanceType<typeof Cron> | null = null;
	if (options.cron) {
		job = new Cron(
			options.cron,
			{
				timezone: "UTC",
				protect: true,
				catch: (e) => deps.log.error("price fetch failed", { error: e instanceof Error ? e.message : String(e) }),
			},
			async () => {
				const result = await run();
				if (result.status === "fetched") {
					const failed = result.feeds.filter((f) => f.outcome === "failed" || f.outcome === "invalid").map((f) => f.cloud);
					deps.log.info("price fetch run", { ms: result.ms, failed });
				}
			},
		);
		deps.log.info("price fetches scheduled", { cron: options.cron, next: job.nextRun()?.toISOString() ?? null });
	} else deps.log.info("price fetches off (PRICE_FETCH_CRON=off): `gpufit prices fetch` still fetches");

	const catchUp = async (now = new Date()): Promise<FetchRunResult | null> => {
		if (!job) return null;
		const due = job.previousRuns(1, now)[0] ?? null;
		const current = await deps.state.priceHistory();
		const confirmed = Object.values(current.feeds)
			.map((f) => f.checkedAt)
			.filter((c): c is string => c !== null)
			.sort()[0];
		const allRead = deps.config.skypilot.clouds.every((c) => current.feeds[`skypilot/${c}`]?.checkedAt);
		if (allRead && confirmed !== undefined && (due === null || Date.parse(confirmed) >= due.getTime())) return null;
		deps.log.info("price fetch: none completed since the last scheduled time; fetching now");
		return run(now);
	};

	try {
		await refresh();
	} catch (e) {
		deps.log.warn("stored prices not read", { error: e instanceof Error ? e.message : String(e) });
	}

	const timers: NodeJS.Timeout[] = [];
	const poll = setInterval(() => {
		void track(
			(async () => {
				const token = await deps.state.priceRevision();
				if (token !== revision) await refresh();
			})(),
		).catch((e) => deps.log.warn("stored prices not reloaded", { error: e instanceof Error ? e.message : String(e) }));
	}, options.pollMs ?? POLL_MS);
	poll.unref();
	timers.push(poll);
	const late = setTimeout(() => {
		void catchUp().catch((e) =>
			deps.log.warn("catch-up price fetch failed", { error: e instanceof Error ? e.message : String(e) }),
		);
	}, options.catchUpDelayMs ?? CATCH_UP_DELAY_MS);
	late.unref();
	timers.push(late);

	return {
		trigger: (at) => run(at),
		catchUp,
		refresh: () => track(refresh()),
		health: () => priceFeedsHealth(deps.config, data),
		nextRun: () => job?.nextRun() ?? null,
		stop: async () => {
			stopped = true;
			job?.stop();
			for (const t of timers) clearTimeout(t);
			abort.abort();
			await Promise.all(inFlight);
		},
	};
}
