// One run of the price fetch: take the fetch lock, a lease renewed while the run goes on (one replica fetches; a
// holder that died blocks the others for one lease at most, on any host; one of this host is taken over at once),
// then read each cloud's vms.csv from SkyPilot's hosted catalog (src/prices/feed.ts),
// check it (src/catalog/skypilot.ts) and store what changed (src/prices/history.ts) with the feed's new state,
// one atomic write per cloud: a run stopped half-way keeps every cloud read so far, and the next run reads the
// rest (the validators are stored with the prices, so a 304 always means "what is stored is current").
// A failed or refused read stores nothing but the feed's error: the last good prices stay in use, /healthz
// shows the feed failing, and ops hear of it once per failure (postToOps, claimed across replicas).
import { readSkypilotCsvAsync, SkypilotFileError, type SkypilotReading, skypilotOffers } from "../catalog/skypilot.js";
import type { Catalog } from "../catalog/types.js";
import { emptyReply, type Reply } from "../chat/reply.js";
import type { Logger } from "../log.js";
import { fetchVmsCsv, type SourceTry } from "../prices/feed.js";
import {
	changesOf,
	type FeedHealth,
	type FeedState,
	feedHealth,
	type IngestSummary,
	ingestOffers,
	newFeedState,
	type OfferChange,
	type PriceHistoryData,
} from "../prices/history.js";
import { type Lease, takeLease } from "./lease.js";
import { postToOps } from "./ops-alert.js";
import type { Senders } from "./senders.js";
import type { StateStore, Target } from "./state.js";

export const FETCH_LOCK = "price-fetch";

export interface PriceFetchConfig {
	skypilot: { url: string; mirrorUrl: string | null; clouds: string[] };
	timeoutMs: number;
	opsTargets: Target[];
	/** The fetch lock's lease (FETCH_LEASE_MS unless a test shortens it). */
	leaseMs?: number;
}

export interface PriceFetchDeps {
	state: StateStore;
	/** The catalog as its files have it: the GPUs rows are matched to, and the prices they are checked against. */
	catalog: () => Catalog;
	senders: Senders;
	log: Logger;
	config: PriceFetchConfig;
	/** Aborts the run (shutdown): the cloud being read is left for the next run. */
	signal?: AbortSignal;
}

export type FeedOutcome = "changed" | "unchanged" | "not-modified" | "failed" | "invalid" | "absent" | "aborted";

export interface FeedReport {
	feed: string;
	cloud: string;
	outcome: FeedOutcome;
	source: "primary" | "mirror" | null;
	error: string | null;
	tries: SourceTry[];
	/** What a good read changed. */
	summary: IngestSummary | null;
	/** Each price it changed. */
	changes: OfferChange[];
	/** Rows left out or corrected, by reason. */
	notes: Record<string, number>;
	/** Whether ops were told (the first failure of a run of failures). */
	alerted: boolean;
}

export type FetchRunResult = { status: "claimed-elsewhere" } | { status: "fetched"; at: string; feeds: FeedReport[]; ms: number };

/** A feed that lists at least this many offers is refused when a read lists under half as many: a cut file. */
const SHRINK_FLOOR = 10;
const SHRINK_SHARE = 0.5;
/** Failure alerts are claimed for this long: once per failure, across replicas. */
const ALERT_TTL_MS = 30 * 24 * 3600_000;

export const feedKey = (cloud: string) => `skypilot/${cloud}`;

/**
 * How long the fetch lock holds past its holder's last renewal (every third of it, lease.ts): a holder that died on
 * another host, where its pid cannot be checked, blocks the next fetch this long, not the whole run's length.
 */
export const FETCH_LEASE_MS = 45_000;
const leaseMsOf = (config: PriceFetchConfig) => config.leaseMs ?? FETCH_LEASE_MS;

function failureReply(report: FeedReport, prior: FeedState): Reply {
	const kept =
		prior.confirmedAt && prior.offers > 0
			? `Still using the ${prior.offers} offers last confirmed ${prior.confirmedAt.slice(0, 16).replace("T", " ")} UTC.`
			: "No earlier prices from this feed: the catalog's own prices are used.";
	const reply = emptyReply(
		"list",
		`Price feed ${report.outcome === "invalid" ? "refused" : "failing"}: SkyPilot ${report.cloud}`,
		`${report.error ?? "unknown error"}. ${kept} Retried on the next scheduled fetch; this is said once until it reads again.`,
	);
	reply.fields = report.tries.map((t) => ({ label: t.source, value: `${t.url}: ${t.result} (${t.ms} ms)` }));
	return reply;
}

/** Rows read per turn of the event loop: a file of megabytes is read while the bot keeps answering. */
const ROWS_PER_TURN = 1000;

function notesOf(reading: SkypilotReading): Record<string, number> {
	const unmapped = Object.values(reading.unmapped).reduce((a, b) => a + b, 0);
	return { ...reading.skipped, ...reading.corrected, ...(unmapped ? { "no catalog GPU for the accelerator": unmapped } : {}) };
}

/** Reads one cloud and stores the outcome; returns what happened. */
async function fetchCloud(
	deps: PriceFetchDeps,
	lease: Lease,
	data: PriceHistoryData,
	cloud: string,
	at: string,
): Promise<FeedReport> {
	const feed = feedKey(cloud);
	const prior = data.feeds[feed] ?? newFeedState(feed, cloud);
	const report: FeedReport = {
		feed,
		cloud,
		outcome: "failed",
		source: null,
		error: null,
		tries: [],
		summary: null,
		changes: [],
		notes: {},
		alerted: false,
	};
	const got = await fetchVmsCsv({
		cloud,
		sources: { primary: deps.config.skypilot.url, mirror: deps.config.skypilot.mirrorUrl },
		validators: prior.validators,
		timeoutMs: deps.config.timeoutMs,
		signal: deps.signal,
	});
	report.tries = got.tries;
	if (deps.signal?.aborted) {
		report.outcome = "aborted";
		report.error = "stopped";
		return report;
	}
	const failed = (outcome: "failed" | "invalid", error: string): FeedState => {
		report.outcome = outcome;
		report.error = error;
		return { ...prior, status: outcome, checkedAt: at, error, failingSince: prior.failingSince ?? at };
	};
	let next: FeedState;
	let changed: Parameters<StateStore["commitPriceFeed"]>[1] = [];
	switch (got.kind) {
		case "not-modified":
			report.outcome = "not-modified";
			report.source = got.source;
			next = {
				...prior,
				status: "not-modified",
				seq: prior.seq + 1,
				checkedAt: at,
				confirmedAt: at,
				source: got.source,
				error: null,
				failingSince: null,
			};
			break;
		case "absent":
			// A cloud the catalog does not publish; one that listed offers before has failed.
			if (prior.offers > 0) next = failed("failed", "no vms.csv any more (HTTP 404)");
			else {
				// Skipped, not failing: /healthz says so in the feed's note (history.ts absentNote).
				report.outcome = "absent";
				next = { ...prior, status: "absent", checkedAt: at, error: null, failingSince: null };
			}
			break;
		case "failed":
			next = failed("failed", got.error);
			break;
		case "fetched": {
			report.source = got.source;
			let offers: ReturnType<typeof skypilotOffers>;
			try {
				const reading = await readSkypilotCsvAsync(deps.catalog(), got.text, ROWS_PER_TURN);
				report.notes = notesOf(reading);
				offers = skypilotOffers(reading);
			} catch (e) {
				if (!(e instanceof SkypilotFileError)) throw e;
				next = failed("invalid", `${got.source}: ${e.message}`);
				break;
			}
			if (prior.offers >= SHRINK_FLOOR && offers.length < prior.offers * SHRINK_SHARE) {
				next = failed("invalid", `${got.source}: ${offers.length} offers, down from ${prior.offers}: a partial file?`);
				break;
			}
			const seq = prior.seq + 1;
			const ingested = ingestOffers(data, feed, cloud, offers, at, seq);
			changed = ingested.changed;
			report.summary = ingested.summary;
			report.changes = changesOf(changed);
			report.outcome = changed.length > 0 ? "changed" : "unchanged";
			next = {
				...prior,
				status: "ok",
				seq,
				checkedAt: at,
				confirmedAt: at,
				changedAt: changed.length > 0 ? at : prior.changedAt,
				offers: offers.length,
				source: got.source,
				upstream: {
					source: got.source,
					url: got.url,
					etag: got.validators.etag,
					lastModified: got.validators.lastModified,
					readAt: at,
				},
				// Stored with the prices they describe: a later 304 means these prices are current.
				validators: { ...prior.validators, [got.source]: got.validators },
				error: null,
				failingSince: null,
				notes: report.notes,
			};
			break;
		}
	}
	// Confirmed before each write: another process may hold the lock now (this one stalled past its lease, a
	// renewal failed); then it writes, and this one does not.
	const held = !lease.lost && (await deps.state.renew(FETCH_LOCK, leaseMsOf(deps.config)).catch(() => false));
	if (!held) {
		report.outcome = "aborted";
		report.error = "the fetch lock's lease was lost: left for the next run";
		return report;
	}
	await deps.state.commitPriceFeed(next, changed);
	data.feeds[feed] = next;
	for (const o of changed) data.offers[o.key] = o;
	if ((next.status === "failed" || next.status === "invalid") && prior.failingSince === null) {
		report.alerted = await postToOps(
			deps.state,
			deps.senders,
			deps.config.opsTargets,
			`price-feed@${feed}@${next.failingSince}`,
			failureReply(report, prior),
			deps.log,
			ALERT_TTL_MS,
		).catch((e) => {
			deps.log.warn("price feed alert failed", { feed, error: e instanceof Error ? e.message : String(e) });
			return false;
		});
	}
	const level = report.outcome === "failed" || report.outcome === "invalid" ? "warn" : "info";
	deps.log[level]("price feed read", {
		feed,
		outcome: report.outcome,
		source: report.source,
		error: report.error,
		...(report.summary ?? {}),
	});
	return report;
}

/** Fetches every configured cloud once, unless another process holds the fetch lock. */
export async function runPriceFetch(deps: PriceFetchDeps, now = new Date()): Promise<FetchRunResult> {
	const lease = await takeLease(deps.state, FETCH_LOCK, leaseMsOf(deps.config), deps.log, { takeOverDead: true });
	if (!lease) {
		deps.log.info("price fetch: another process is fetching");
		return { status: "claimed-elsewhere" };
	}
	const started = Date.now();
	const at = now.toISOString();
	const feeds: FeedReport[] = [];
	try {
		const data = await deps.state.priceHistory();
		for (const cloud of deps.config.skypilot.clouds) {
			if (deps.signal?.aborted || lease.lost) break;
			const report = await fetchCloud(deps, lease, data, cloud, at);
			feeds.push(report);
			if (report.outcome === "aborted") break;
		}
	} finally {
		await lease.release();
	}
	return { status: "fetched", at, feeds, ms: Date.now() - started };
}

export interface PriceFeedsHealth {
	/** False while any configured feed fails (its last good prices stay in use). */
	ok: boolean;
	error?: string;
	source: string;
	mirror: string | null;
	/** The last attempt of any feed. */
	checkedAt: string | null;
	feeds: Record<string, FeedHealth>;
}

/** What /healthz says of the price feeds. */
export function priceFeedsHealth(config: PriceFetchConfig, data: PriceHistoryData): PriceFeedsHealth {
	const feeds: Record<string, FeedHealth> = {};
	for (const cloud of config.skypilot.clouds) {
		const state = data.feeds[feedKey(cloud)];
		if (state) feeds[cloud] = feedHealth(state);
	}
	const checked = Object.values(feeds)
		.map((f) => f.checkedAt)
		.filter((c): c is string => c !== null)
		.sort();
	const all = Object.values(feeds);
	// Every cloud 404 is a wrong base URL, not a catalog without GPUs.
	const noneFound = all.length > 0 && all.every((f) => f.status === "absent");
	return {
		ok: all.every((f) => f.ok) && !noneFound,
		...(noneFound ? { error: "no cloud's vms.csv under the source: check PRICE_SOURCE_SKYPILOT_URL" } : {}),
		source: config.skypilot.url,
		mirror: config.skypilot.mirrorUrl,
		checkedAt: checked.at(-1) ?? null,
		feeds,
	};
}
