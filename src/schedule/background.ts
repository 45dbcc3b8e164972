// Everything the server runs besides answering requests: the catalog reloader (file watch and
// optional git pull), alerts about refused edits, and the scheduled price-update posts. Started
// and stopped by startServer. Redis and croner are imported only when REDIS_URL and PRICE_POST_CRON
// ask for them: most servers use neither, and together they cost a third of a second at start-up.

import type { CatalogStore } from "../catalog/store.js";
import type { Catalog } from "../catalog/types.js";
import type { CatalogReloader } from "../catalog/watch.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { FileState } from "./file-state.js";
import { type OpsAlerts, startOpsAlerts } from "./ops-alert.js";
import type { PriceJobDeps } from "./price-job.js";
import type { PriceSchedule } from "./price-schedule.js";
import { armReloader } from "./reloader.js";
import { type Senders, sendersFor } from "./senders.js";
import type { StateStore, Target } from "./state.js";

export interface Background {
	/** The catalog's reloader (see armReloader: a store started from its snapshot is watched a moment later). */
	reloader: CatalogReloader;
	state: StateStore | null;
	pricePosts: PriceSchedule | null;
	close: () => Promise<void>;
}

/** Claims outlive any run (a run sends a few messages) but not the next scheduled time. */
const CLAIM_TTL_MS = 10 * 60_000;

export async function openState(config: Pick<Config, "stateDir" | "redisUrl">, log: Logger): Promise<StateStore> {
	if (!config.redisUrl) return new FileState(config.stateDir);
	const { openRedisState } = await import("./redis-state.js");
	return openRedisState(config.redisUrl, log);
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

export function priceJobDeps(
	config: Config["prices"],
	catalog: () => Catalog,
	state: StateStore,
	senders: Senders,
	log: Logger,
): PriceJobDeps {
	return {
		catalog,
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
		},
	};
}

export async function startBackground(config: Config, store: CatalogStore, log: Logger): Promise<Background> {
	const prices = config.prices;
	const senders = sendersFor(config, log);
	const opsTargets = usableTargets(prices.opsTargets, senders, log, "catalog alerts");
	const needsState = prices.cron !== null || opsTargets.length > 0;
	const state = needsState ? await openState(config, log) : null;

	let alerts: OpsAlerts | null = null;
	if (state && opsTargets.length > 0) alerts = startOpsAlerts(store, state, senders, opsTargets, log);

	let pricePosts: PriceSchedule | null = null;
	try {
		if (prices.cron && state) {
			const deps = priceJobDeps(prices, () => store.current(), state, senders, log);
			if (deps.config.targets.length === 0) log.info("price posts: no channel configured, each run is a dry run (logged)");
			const { schedulePricePosts } = await import("./price-schedule.js");
			pricePosts = schedulePricePosts(prices.cron, prices.timeZone, deps);
		} else log.info("price posts off: set PRICE_POST_CRON (and PRICE_POST_SLACK_CHANNEL / PRICE_POST_DISCORD_CHANNEL)");
	} catch (e) {
		await alerts?.close();
		for (const s of Object.values(senders)) s.close();
		await state?.close();
		throw new Error(`PRICE_POST_CRON=${prices.cron}: ${e instanceof Error ? e.message : String(e)}`);
	}

	const reloader = armReloader(config.catalog, store, log);
	// Tests and tools open the store with full validation and expect edits watched once the server is up.
	if (!reloader.fromSnapshot) await reloader.ready;
	return {
		reloader,
		state,
		pricePosts,
		close: async () => {
			await reloader.close();
			await pricePosts?.stop();
			await alerts?.close();
			for (const s of Object.values(senders)) s.close();
			await state?.close();
		},
	};
}
