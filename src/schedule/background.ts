// Everything the server runs besides answering requests: the catalog reloader (file watch and
// optional git pull), alerts about refused edits, the scheduled price fetches (their prices laid over
// the live catalog) and the scheduled price-update posts. Started and stopped by startServer. Redis is
// imported only when REDIS_URL asks for it, croner once the fetches or posts are scheduled.

import type { CatalogStore } from "../catalog/store.js";
import type { Catalog } from "../catalog/types.js";
import type { CatalogReloader } from "../catalog/watch.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { type ChartRenderer, createChartRenderer } from "../render/charts/index.js";
import { FileState } from "./file-state.js";
import { type OpsAlerts, startOpsAlerts } from "./ops-alert.js";
import type { PostCharts } from "./post-chart.js";
import type { PriceFeeds } from "./price-feeds.js";
import type { PriceFetchConfig } from "./price-fetch.js";
import type { PriceJobDeps } from "./price-job.js";
import type { PriceSchedule } from "./price-schedule.js";
import { armReloader } from "./reloader.js";
import { type Senders, sendersFor } from "./senders.js";
import type { StateStore, Target } from "./state.js";

export interface Background {
	/** The catalog's reloader (see armReloader: a store started from its snapshot is watched a moment later). */
	reloader: CatalogReloader;
	state: StateStore;
	/** The price feeds: scheduled fetches and the fetched prices in the live catalog. */
	priceFeeds: PriceFeeds | null;
	pricePosts: PriceSchedule | null;
	/**
	 * Stops everything; by `deadline` (epoch ms, default none) at the latest: work still waiting then (a run stuck
	 * on a Redis that stopped answering) has the state store's connection cut under it, and is logged.
	 */
	close: (deadline?: number) => Promise<void>;
}

/** Whether `work` settles by `deadline` (epoch ms); it goes on either way. */
async function settlesBy(work: Promise<unknown>, deadline: number): Promise<boolean> {
	if (deadline === Number.POSITIVE_INFINITY) return work.then(() => true);
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<false>((resolve) => {
		timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
	});
	return Promise.race([work.then(() => true), late]).finally(() => clearTimeout(timer));
}

/** A finished run's claim on its scheduled time outlives any replica's timer for that time. */
const CLAIM_TTL_MS = 10 * 60_000;

/**
 * The state store: the file store, or Redis with the file store as the mirror of what must survive a flush.
 * The server waits a moment for Redis, then goes on without it (it serves chat; the scheduler waits);
 * `requireWithinMs` makes a command-line run fail after that long instead.
 */
export async function openState(
	config: Pick<Config, "stateDir" | "redisUrl">,
	log: Logger,
	requireWithinMs?: number,
): Promise<StateStore> {
	const file = new FileState(config.stateDir);
	if (!config.redisUrl) return file;
	const { openRedisState } = await import("./redis-state.js");
	const required = requireWithinMs !== undefined;
	return openRedisState(config.redisUrl, log, { mirror: file, waitMs: requireWithinMs, required });
}

/** The targets whose platform has a token; the others are named in the log once. */
export function usableTargets(targets: Target[], senders: Senders, log: Logger, purpose: string): Target[] {
	return targets.filter((t) => {
		if (senders[t.platform]) return true;
		const token = t.platform === "slack" ? "SLACK_BOT_TOKEN" : "DISCORD_BOT_TOKEN";
		log.warn(`${purpose}: ${t.platform} channel ${t.channel} ignored, ${token} is not set`);
		return false;
	});
}

/** The fetch job's settings, from the configuration. */
export function priceFetchConfig(config: Config["prices"], senders: Senders, log: Logger): PriceFetchConfig {
	return {
		skypilot: config.fetch.skypilot,
		timeoutMs: config.fetch.timeoutMs,
		opsTargets: usableTargets(config.opsTargets, senders, log, "price feed alerts"),
	};
}

/**
 * The price posts' charts when charts are on (GPUFIT_CHARTS): the engine loads on the first post's chart, never at
 * start. With PUBLIC_URL and the server's renderer (`served`: its remembered charts are what GET /charts serves),
 * Slack posts link their chart there, drawn past the server's busy gate (one chart a post); otherwise a renderer
 * of the scheduler's own, without that gate, and Slack gets an upload.
 */
export function priceChartRenderer(
	config: Pick<Config, "charts">,
	log: Logger,
	served: ChartRenderer | null = null,
): PostCharts | null {
	if (!config.charts.enabled) return null;
	if (config.charts.publicUrl && served) return { renderer: served, publicUrl: config.charts.publicUrl };
	return { renderer: createChartRenderer({ log: (msg, fields) => log.warn(msg, fields) }), publicUrl: null };
}

export function priceJobDeps(
	config: Config["prices"],
	catalog: () => Catalog,
	state: StateStore,
	senders: Senders,
	log: Logger,
	charts: PostCharts | null = null,
): PriceJobDeps {
	return {
		catalog,
		charts,
		// The post compares the curated prices with the fetched ones that held (price-job.ts postCatalog).
		history: () => state.priceHistory(),
		state,
		senders,
		log,
		config: {
			targets: usableTargets(config.targets, senders, log, "price posts"),
			threshold: config.threshold,
			timeZone: config.timeZone,
			popularGpus: config.popularGpus,
			headlineFits: config.headlineFits,
			claimTtlMs: CLAIM_TTL_MS,
			leaseMs: 3 * config.sendTimeoutMs,
		},
	};
}

/** `charts`: the server's chart renderer, whose remembered charts GET /charts/<key>.png serves (null: charts off). */
export async function startBackground(
	config: Config,
	store: CatalogStore,
	log: Logger,
	charts: ChartRenderer | null = null,
): Promise<Background> {
	const prices = config.prices;
	const senders = sendersFor(config, log);
	const opsTargets = usableTargets(prices.opsTargets, senders, log, "catalog alerts");
	// The fetched prices live in the state store, so it is always opened (the file store reads nothing until asked).
	const state = await openState(config, log);

	let alerts: OpsAlerts | null = null;
	if (opsTargets.length > 0) alerts = startOpsAlerts(store, state, senders, opsTargets, log);

	let priceFeeds: PriceFeeds | null = null;
	let pricePosts: PriceSchedule | null = null;
	try {
		const { startPriceFeeds } = await import("./price-feeds.js");
		priceFeeds = await startPriceFeeds({
			cron: prices.fetch.cron,
			store,
			deps: { state, catalog: () => store.base(), senders, log, config: priceFetchConfig(prices, senders, log) },
		}).catch((e: unknown) => {
			throw new Error(`PRICE_FETCH_CRON=${prices.fetch.cron}: ${e instanceof Error ? e.message : String(e)}`);
		});
		if (prices.cron) {
			const deps = priceJobDeps(prices, () => store.base(), state, senders, log, priceChartRenderer(config, log, charts));
			if (deps.config.targets.length === 0) log.info("price posts: no channel configured, each run is a dry run (logged)");
			const { schedulePricePosts } = await import("./price-schedule.js");
			pricePosts = schedulePricePosts(prices.cron, prices.timeZone, deps, prices.watchdogMs);
		} else log.info("price posts off: set PRICE_POST_CRON (and PRICE_POST_SLACK_CHANNEL / PRICE_POST_DISCORD_CHANNEL)");
	} catch (e) {
		await priceFeeds?.stop();
		await alerts?.close();
		for (const s of Object.values(senders)) s.close();
		await state.close();
		const message = e instanceof Error ? e.message : String(e);
		throw new Error(message.startsWith("PRICE_FETCH_CRON=") ? message : `PRICE_POST_CRON=${prices.cron}: ${message}`);
	}

	const reloader = armReloader(config.catalog, store, log);
	// Tests and tools open the store with full validation and expect edits watched once the server is up.
	if (!reloader.fromSnapshot) await reloader.ready;
	return {
		reloader,
		state,
		priceFeeds,
		pricePosts,
		close: async (deadline = Number.POSITIVE_INFINITY) => {
			const stopped = (async () => {
				await reloader.close();
				await priceFeeds?.stop();
				await pricePosts?.stop();
				await alerts?.close();
			})();
			const closed = stopped.then(() => {
				for (const s of Object.values(senders)) s.close();
				return state.close();
			});
			if (await settlesBy(closed, deadline)) return;
			// Cut: what waits on the store fails now, so the runs end and the process can exit. Their leases and
			// claims were not released; they expire on their own.
			state.closeNow();
			for (const s of Object.values(senders)) s.close();
			closed.catch(() => {});
			log.warn("background cut at the end of the shutdown's bound: work still in flight, the state store closed under it", {
				store: state.kind,
				unreleased: "the leases and claims of the work in flight, which expire on their own",
			});
		},
	};
}
