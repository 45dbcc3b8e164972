// The catalog's prices reduced to what a price-update post compares: one figure per offer (GPU,
// provider, kind, region, instance), and the differences between two such snapshots.
import type { Catalog, Price } from "./types.js";

export interface Offer {
	gpu: string;
	provider: string;
	kind: Price["kind"];
	region: string;
	instance: string;
	/** USD per GPU-hour for rentals, per card for purchases. */
	usd: number;
}

export interface PriceSnapshot {
	/** When the snapshot was taken (ISO). */
	takenAt: string;
	catalogVersion: string;
	/** By offerKey. */
	offers: Record<string, Offer>;
	/** Providers whose prices came from a price feed (src/prices/overlay.ts); absent in snapshots before feeds. */
	feeds?: string[];
}

export interface PriceChange {
	key: string;
	before: Offer;
	after: Offer;
	/** Signed, relative to the old price. */
	pct: number;
}

export interface PriceDiff {
	changed: PriceChange[];
	added: Offer[];
	withdrawn: Offer[];
	/** Moves below the threshold, left out of the post (their old price stays the baseline). */
	ignored: PriceChange[];
}

export interface Threshold {
	/** A move must reach this many percent... */
	minPct: number;
	/** ...and this many US dollars to be worth a post. */
	minUsd: number;
}

const DEFAULT_THRESHOLD: Threshold = { minPct: 2, minUsd: 0.05 };

/** Whether a move from `before` to `after` is worth a post (a hair of slack for float sums: 2.05 - 2 < 0.05). */
export function isSignificant(before: number, after: number, threshold: Threshold): boolean {
	const usd = Math.abs(after - before);
	return usd > 0 && (usd / before) * 100 >= threshold.minPct - 1e-9 && usd >= threshold.minUsd - 1e-9;
}

/** The instance name without the description in parentheses ("p5.48xlarge (8x H100)" → "p5.48xlarge"). */
const instanceName = (instance: string | undefined) => (instance ?? "").split(" (")[0]?.trim() ?? "";

export const offerKey = (o: Pick<Offer, "gpu" | "provider" | "kind" | "region" | "instance">) =>
	[o.gpu, o.provider, o.kind, o.region, o.instance].join("|");

export function snapshotPrices(catalog: Catalog, takenAt: Date): PriceSnapshot {
	const offers: Record<string, Offer> = {};
	for (const p of catalog.prices) {
		const offer: Offer = {
			gpu: p.gpu,
			provider: p.provider,
			kind: p.kind,
			region: p.region,
			instance: instanceName(p.instance),
			usd: p.usd,
		};
		const key = offerKey(offer);
		// Two entries for one offer (say, two notes on the same listing): the lower price is the offer.
		const prior = offers[key];
		if (!prior || offer.usd < prior.usd) offers[key] = offer;
	}
	return { takenAt: takenAt.toISOString(), catalogVersion: catalog.version, offers };
}

export function diffPrices(before: PriceSnapshot, after: PriceSnapshot, threshold: Threshold = DEFAULT_THRESHOLD): PriceDiff {
	const diff: PriceDiff = { changed: [], added: [], withdrawn: [], ignored: [] };
	for (const [key, now] of Object.entries(after.offers)) {
		const old = before.offers[key];
		if (!old) {
			diff.added.push(now);
			continue;
		}
		if (old.usd === now.usd) continue;
		const change: PriceChange = { key, before: old, after: now, pct: ((now.usd - old.usd) / old.usd) * 100 };
		(isSignificant(old.usd, now.usd, threshold) ? diff.changed : diff.ignored).push(change);
	}
	for (const [key, old] of Object.entries(before.offers)) {
		if (!(key in after.offers)) diff.withdrawn.push(old);
	}
	const byOffer = (a: Offer, b: Offer) => offerKey(a).localeCompare(offerKey(b));
	diff.changed.sort((a, b) => byOffer(a.after, b.after));
	diff.added.sort(byOffer);
	diff.withdrawn.sort(byOffer);
	return diff;
}

export const isEmptyDiff = (d: PriceDiff) => d.changed.length + d.added.length + d.withdrawn.length === 0;

/**
 * The baseline for the next post: what was posted moves forward, what was left out keeps its old
 * price, so that small moves add up until they are worth a post instead of being forgotten.
 */
export function advanceBaseline(before: PriceSnapshot, after: PriceSnapshot, diff: PriceDiff): PriceSnapshot {
	const offers = { ...before.offers };
	for (const c of diff.changed) offers[c.key] = c.after;
	for (const o of diff.added) offers[offerKey(o)] = o;
	for (const o of diff.withdrawn) delete offers[offerKey(o)];
	return { takenAt: after.takenAt, catalogVersion: after.catalogVersion, offers, ...(after.feeds ? { feeds: after.feeds } : {}) };
}

/** The cheapest on-demand offer for a GPU in a snapshot (what `cheapestRental` reads from a catalog). */
export function cheapestOnDemand(snapshot: PriceSnapshot, gpu: string): Offer | null {
	let best: Offer | null = null;
	for (const o of Object.values(snapshot.offers)) {
		if (o.gpu === gpu && o.kind === "on-demand" && (!best || o.usd < best.usd)) best = o;
	}
	return best;
}
