// The live catalog's prices: the curated ones, with the fetched offers laid over them. A provider whose feed has
// offers replaces its curated rental entries that came from the same source (SkyPilot's catalog) and any curated
// entry for the same GPU, kind and instance; its other curated entries (a marketplace median, a list price from
// elsewhere) stay beside them, each with its own date. Purchase prices stay curated: no public feed has them.
import { instanceText } from "../catalog/skypilot.js";
import type { Catalog, Price } from "../catalog/types.js";
import { type PriceHistoryData, pointOf } from "./history.js";

interface OverlayOptions {
	/** Only prices that held long enough (history.ts pointOf): what the price post compares. */
	settled?: boolean;
}

/** Where a feed's prices say they come from (kept short: it shows in notes and posts). */
const FEED_SOURCE = "skypilot-org/skypilot-catalog";

const instanceName = (instance: string | undefined) => (instance ?? "").split(" (")[0]?.trim() ?? "";
const fromSkypilot = (p: Price) => p.source.includes("skypilot-catalog");
const date = (iso: string) => iso.slice(0, 10);
const round = (v: number, digits: number) => Number(v.toFixed(digits));

/** The fetched offers as catalog price entries, one per offer, kind and region, dated when last seen. */
function fetchedPrices(data: PriceHistoryData, options: OverlayOptions = {}): Price[] {
	const out: Price[] = [];
	for (const offer of Object.values(data.offers)) {
		const shown = pointOf(offer, data.feeds[offer.feed], options.settled === true);
		if (!shown) continue;
		const { point, seenAt } = shown;
		const cloud = offer.feed.split("/")[1] ?? offer.provider;
		const instance = instanceText(offer);
		const source = `${FEED_SOURCE} catalogs/v8/${cloud}/vms.csv, fetched`;
		const asOf = date(seenAt);
		const gpuOnly = offer.instance === "" ? "; GPU only, the host VM is billed apart" : "";
		const since = `; listed at this price since ${date(point.from)}, last seen ${asOf}.`;
		// Written out, not spread from a shared base: a spread costs 5x as much over tens of thousands of offers.
		const entry = (kind: "on-demand" | "spot", usd: number): Price => ({
			gpu: offer.gpu,
			provider: offer.provider,
			region: offer.region,
			instance,
			source,
			asOf,
			kind,
			usd,
			note: `${round(usd * offer.count, 4)} USD per instance-hour / ${offer.count} GPUs${gpuOnly}${since}`,
		});
		if (point.onDemandUsd !== null) out.push(entry("on-demand", point.onDemandUsd));
		if (point.spotUsd !== null) out.push(entry("spot", point.spotUsd));
	}
	return out;
}

/** The catalog with the fetched prices laid over its own; the same object when nothing was fetched. */
export function overlayFetchedPrices(base: Catalog, data: PriceHistoryData, options: OverlayOptions = {}): Catalog {
	const fetched = fetchedPrices(data, options);
	if (fetched.length === 0) return base;
	const fed = new Set(fetched.map((p) => p.provider));
	const same = new Set(fetched.map((p) => [p.provider, p.gpu, p.kind, instanceName(p.instance)].join("|")));
	const kept = base.prices.filter(
		(p) =>
			p.kind === "purchase" ||
			!fed.has(p.provider) ||
			!(fromSkypilot(p) || same.has([p.provider, p.gpu, p.kind, instanceName(p.instance)].join("|"))),
	);
	const prices = [...kept, ...fetched];
	// The newest date, found in one pass: the CLI overlays tens of thousands of offers per answer.
	let newest = "";
	for (const p of prices) if (p.asOf > newest) newest = p.asOf;
	return {
		...base,
		version: `${base.version}+prices.${data.revision}${options.settled ? ".settled" : ""}`,
		prices,
		pricesAsOf: newest || base.pricesAsOf,
	};
}

/**
 * What a catalog takes from a stored history, in the server (price-feeds.ts) and the CLI (stored-prices.ts) alike:
 * the newest fetched prices laid over the curated ones; null when no feed has listed an offer.
 */
export function storedPricesOverlay(data: PriceHistoryData): ((base: Catalog) => Catalog) | null {
	return Object.keys(data.offers).length > 0 ? (base) => overlayFetchedPrices(base, data) : null;
}

/** The providers whose prices a catalog takes from a feed. */
export function fedProviders(catalog: Catalog): string[] {
	return [
		...new Set(
			catalog.prices.filter((p) => p.source.startsWith(FEED_SOURCE) && p.source.endsWith("fetched")).map((p) => p.provider),
		),
	].sort();
}
