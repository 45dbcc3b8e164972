// The price history: every offer a feed has listed (provider, instance, GPU, count, region), with each price it
// has had (on-demand and spot, per GPU-hour) and when it was first seen at that price, and each feed's state
// (when it was last read and confirmed, what went wrong). A price is stored once per change, not once per
// fetch: the feed's `seq` counts its good reads, so a price's confirmations are the reads since it appeared,
// and the feed's `confirmedAt` is when the current prices were last seen. Withdrawn offers get a point with
// no prices. The state stores (src/schedule/file-state.ts, redis-state.ts) keep this; nothing here does I/O.
import type { SkypilotOffer } from "../catalog/skypilot.js";

export interface Validators {
	etag: string | null;
	lastModified: string | null;
}

interface PricePoint {
	/** Per GPU-hour; both null: the offer was withdrawn. */
	onDemandUsd: number | null;
	spotUsd: number | null;
	/** When the feed first listed this price (ISO). */
	from: string;
	/** The feed's read (its `seq`) that first listed it. */
	seq: number;
}

export interface OfferHistory {
	key: string;
	/** The feed's provider ("aws", "runpod"). */
	provider: string;
	/** The feed it comes from ("skypilot/aws"). */
	feed: string;
	gpu: string;
	/** The source's accelerator name ("H100", "A100-80GB"). */
	accelerator: string;
	/** Instance type; empty for a GPU-only row (GCP). */
	instance: string;
	count: number;
	region: string;
	/** Oldest first; the last is the current price. */
	points: PricePoint[];
}

type FeedStatus = "ok" | "not-modified" | "failed" | "invalid" | "absent";

/**
 * Which upstream file the prices in use were read from. SkyPilot's hosted files carry no commit SHA (neither
 * raw.githubusercontent.com nor the S3 mirror sends one), so the version is what the answer did carry: its ETag
 * and Last-Modified, with the URL and the time it was read. A 304 confirms it; only a new file replaces it.
 */
interface UpstreamVersion {
	source: "primary" | "mirror";
	url: string;
	etag: string | null;
	lastModified: string | null;
	/** When this version was read (ISO). */
	readAt: string;
}

export interface FeedState {
	/** "skypilot/aws". */
	feed: string;
	provider: string;
	status: FeedStatus;
	/** Good reads so far (a new file or a 304). */
	seq: number;
	/** The last attempt. */
	checkedAt: string | null;
	/** When the current prices were last confirmed (a good read or a 304). */
	confirmedAt: string | null;
	/** When a changed file was last taken in. */
	changedAt: string | null;
	/** Offers listed now. */
	offers: number;
	/** Where the last good read came from. */
	source: "primary" | "mirror" | null;
	/** The upstream file behind the prices in use; null before a good read (absent in states stored before it was kept). */
	upstream?: UpstreamVersion | null;
	/** Per source: what its last good answer carried, sent back as If-None-Match / If-Modified-Since. */
	validators: { primary: Validators | null; mirror: Validators | null };
	/** Why the last attempt failed or was refused. */
	error: string | null;
	/** Since when it has been failing (null while it reads fine). */
	failingSince: string | null;
	/** What the last taken-in file left out or corrected, by reason. */
	notes: Record<string, number>;
}

export interface PriceHistoryData {
	/** Changes with every commit: replicas compare it to know when to reload. */
	revision: string;
	feeds: Record<string, FeedState>;
	offers: Record<string, OfferHistory>;
}

export const emptyHistory = (): PriceHistoryData => ({ revision: "0", feeds: {}, offers: {} });

const offerHistoryKey = (o: { provider: string; gpu: string; instance: string; count: number; region: string }) =>
	[o.provider, o.gpu, o.instance, o.count, o.region].join("|");

export function newFeedState(feed: string, provider: string): FeedState {
	return {
		feed,
		provider,
		status: "absent",
		seq: 0,
		checkedAt: null,
		confirmedAt: null,
		changedAt: null,
		offers: 0,
		source: null,
		upstream: null,
		validators: { primary: null, mirror: null },
		error: null,
		failingSince: null,
		notes: {},
	};
}

const isWithdrawn = (p: PricePoint) => p.onDemandUsd === null && p.spotUsd === null;
const samePrices = (p: PricePoint, o: { onDemandUsd: number | null; spotUsd: number | null }) =>
	p.onDemandUsd === o.onDemandUsd && p.spotUsd === o.spotUsd;

/** The offers a feed lists now (its last points with prices). */
export function currentOffers(data: PriceHistoryData, feed: string): OfferHistory[] {
	return Object.values(data.offers).filter((o) => o.feed === feed && !isWithdrawn(o.points[o.points.length - 1] as PricePoint));
}

export interface IngestSummary {
	offers: number;
	added: number;
	moved: number;
	withdrawn: number;
	unchanged: number;
}

/**
 * What a good read of a feed changes: new prices appended, new offers added, offers no longer listed marked
 * withdrawn. Returns the offers whose history changed (only those are written) and a summary; `seq` is the
 * feed's number for this read.
 */
export function ingestOffers(
	data: PriceHistoryData,
	feed: string,
	provider: string,
	offers: SkypilotOffer[],
	at: string,
	seq: number,
): { changed: OfferHistory[]; summary: IngestSummary } {
	const changed: OfferHistory[] = [];
	const summary: IngestSummary = { offers: offers.length, added: 0, moved: 0, withdrawn: 0, unchanged: 0 };
	const seen = new Set<string>();
	for (const o of offers) {
		const key = offerHistoryKey({ ...o, provider });
		seen.add(key);
		const prior = data.offers[key];
		const point: PricePoint = { onDemandUsd: o.onDemandUsd, spotUsd: o.spotUsd, from: at, seq };
		if (!prior) {
			changed.push({
				key,
				provider,
				feed,
				gpu: o.gpu,
				accelerator: o.accelerator,
				instance: o.instance,
				count: o.count,
				region: o.region,
				points: [point],
			});
			summary.added++;
			continue;
		}
		const last = prior.points[prior.points.length - 1] as PricePoint;
		if (samePrices(last, o)) {
			summary.unchanged++;
			continue;
		}
		if (isWithdrawn(last)) summary.added++;
		else summary.moved++;
		changed.push({ ...prior, accelerator: o.accelerator, points: [...prior.points, point] });
	}
	for (const prior of currentOffers(data, feed)) {
		if (seen.has(prior.key)) continue;
		changed.push({ ...prior, points: [...prior.points, { onDemandUsd: null, spotUsd: null, from: at, seq }] });
		summary.withdrawn++;
	}
	return { changed, summary };
}

/** A price holds once this many good reads have listed it (the first one included)... */
const SETTLE_READS = 2;
/** ...or once it has been listed this long: a one-read flap never reaches a post. */
const SETTLE_MS = 6 * 3600_000;

/**
 * The price of an offer as of its feed's last read: the newest point, or with `settled` the newest point that
 * held for SETTLE_READS reads or SETTLE_MS (a feed's first read counts as settled: it is the baseline). Returns
 * the point and when it was last seen; null when the offer has no point to show.
 */
export function pointOf(
	offer: OfferHistory,
	feed: FeedState | undefined,
	settled: boolean,
): { point: PricePoint; seenAt: string } | null {
	const points = offer.points;
	for (let i = points.length - 1; i >= 0; i--) {
		const p = points[i] as PricePoint;
		const next = points[i + 1];
		const seenAt = next ? next.from : (feed?.confirmedAt ?? p.from);
		if (!settled) return { point: p, seenAt };
		const reads = next ? next.seq - p.seq : (feed?.seq ?? p.seq) - p.seq + 1;
		const held = Date.parse(seenAt) - Date.parse(p.from);
		if (p.seq <= 1 || reads >= SETTLE_READS || held >= SETTLE_MS) return { point: p, seenAt };
	}
	return null;
}

/** A feed's state as /healthz and `prices fetch` show it. */
export interface FeedHealth {
	ok: boolean;
	status: FeedStatus;
	checkedAt: string | null;
	/** When the prices in use were last confirmed. */
	pricesAsOf: string | null;
	offers: number;
	source: "primary" | "mirror" | null;
	/** The upstream file version behind the prices in use (ETag, Last-Modified). */
	upstream: UpstreamVersion | null;
	error: string | null;
	failingSince: string | null;
	/** Said of a feed that is fine but not used (a cloud the source publishes no file for). */
	note?: string;
}

/** What a feed whose source publishes no file says: skipped, not failing (SkyPilot has no v8 Azure file). */
export function absentNote(feed: string): string {
	const cloud = feed.split("/")[1] ?? feed;
	return `no catalogs/v8/${cloud}/vms.csv at the source (HTTP 404): skipped, ${cloud}'s curated prices stand`;
}

export function feedHealth(f: FeedState): FeedHealth {
	return {
		ok: f.status === "ok" || f.status === "not-modified" || f.status === "absent",
		status: f.status,
		checkedAt: f.checkedAt,
		pricesAsOf: f.confirmedAt,
		offers: f.offers,
		source: f.source,
		upstream: f.upstream ?? null,
		error: f.error,
		failingSince: f.failingSince,
		...(f.status === "absent" ? { note: absentNote(f.feed) } : {}),
	};
}

/** One price that changed in a read: new (old null), moved, or withdrawn (new null). */
export interface OfferChange {
	provider: string;
	gpu: string;
	instance: string;
	count: number;
	region: string;
	kind: "on-demand" | "spot";
	oldUsd: number | null;
	newUsd: number | null;
}

/** The prices the last point of each offer changed, against the point before it. */
export function changesOf(offers: OfferHistory[]): OfferChange[] {
	const out: OfferChange[] = [];
	for (const o of offers) {
		const last = o.points[o.points.length - 1];
		const prev = o.points[o.points.length - 2] ?? null;
		if (!last) continue;
		for (const [kind, field] of [
			["on-demand", "onDemandUsd"],
			["spot", "spotUsd"],
		] as const) {
			const oldUsd = prev?.[field] ?? null;
			const newUsd = last[field];
			if (oldUsd === newUsd) continue;
			out.push({
				provider: o.provider,
				gpu: o.gpu,
				instance: o.instance,
				count: o.count,
				region: o.region,
				kind,
				oldUsd,
				newUsd,
			});
		}
	}
	return out;
}

/** One dated price of a GPU: a feed's (from when it was first listed at that price) or a catalog entry's. */
export interface HistoryPoint {
	provider: string;
	kind: string;
	instance: string;
	region: string;
	/** "YYYY-MM-DD": first listed at this price (feed), or the entry's asOf (catalog). */
	date: string;
	/** When the feed first listed it (ISO); null for a catalog entry. */
	from: string | null;
	/** Until when it was seen at this price (feed; null: still, as of the feed's last read). */
	until: string | null;
	usdPerGpuHour: number;
	source: "feed" | "catalog";
}

/** Every observed price of one GPU over time, from the feeds' history, oldest first. */
export function feedHistoryPoints(data: PriceHistoryData, gpu: string): HistoryPoint[] {
	const out: HistoryPoint[] = [];
	for (const o of Object.values(data.offers)) {
		if (o.gpu !== gpu) continue;
		const instance = `${o.instance || "GPU only"} (${o.count}x ${o.accelerator})`;
		o.points.forEach((p, i) => {
			const next = o.points[i + 1];
			for (const [kind, usd] of [
				["on-demand", p.onDemandUsd],
				["spot", p.spotUsd],
			] as const) {
				if (usd === null) continue;
				out.push({
					provider: o.provider,
					kind,
					instance,
					region: o.region,
					date: p.from.slice(0, 10),
					from: p.from,
					until: next ? next.from : null,
					usdPerGpuHour: usd,
					source: "feed",
				});
			}
		});
	}
	return out;
}
