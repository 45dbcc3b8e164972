// The price chart's input for one GPU (the price post and `prices history`): the price history the feeds keep
// when it lists the GPU, else the catalog's dated entries. Each line is a provider's lowest price of one kind in
// force on each date: an offer's price holds from the day it was first seen until its next change or withdrawal,
// so a second region appearing at a higher price does not read as a rise. The shapes are written here as the
// price history and the catalog hand them over (render knows only the reply model): OfferHistory of
// src/prices/history.ts and Price of src/catalog/schema.ts fit them as they are.
import type { ChartRequest } from "./render.js";

/** One offer's prices over time, as the price history keeps it. */
export interface OfferPrices {
	provider: string;
	gpu: string;
	/** Oldest first; both prices null: withdrawn from then on. */
	points: readonly { onDemandUsd: number | null; spotUsd: number | null; from: string }[];
}

/** A catalog price entry: USD per GPU-hour for rentals, dated by its asOf. */
export interface DatedPrice {
	gpu: string;
	provider: string;
	kind: string;
	usd: number;
	region?: string;
	instance?: string;
	asOf: string;
}

export interface PriceChartSources {
	/** The price history's offers (all GPUs; this GPU's are picked). */
	offers: readonly OfferPrices[];
	/** The catalog's price entries (all GPUs), used when the history has none of this GPU. */
	catalogPrices: readonly DatedPrice[];
}

type Kind = "on-demand" | "spot";
const KINDS: readonly Kind[] = ["on-demand", "spot"];

/** One priced thing over time: [day "YYYY-MM-DD", USD or null when withdrawn], oldest first. */
interface Series {
	provider: string;
	kind: Kind;
	changes: [string, number | null][];
}

/** The price in force on `day`: the last change on or before it (null: none yet, or withdrawn). */
function inForce(series: Series, day: string): number | null {
	let price: number | null = null;
	for (const [d, usd] of series.changes) {
		if (d > day) break;
		price = usd;
	}
	return price;
}

/** Per provider and kind, the lowest price in force on each day any of its series changed. */
function lowestInForce(all: Series[]): { provider: string; kind: Kind; date: string; usdPerGpuHour: number }[] {
	const groups = new Map<string, Series[]>();
	for (const s of all) {
		const key = `${s.provider}\u0000${s.kind}`;
		groups.set(key, [...(groups.get(key) ?? []), s]);
	}
	const out: { provider: string; kind: Kind; date: string; usdPerGpuHour: number }[] = [];
	for (const group of groups.values()) {
		const { provider, kind } = group[0] as Series;
		const days = [...new Set(group.flatMap((s) => s.changes.map(([d]) => d)))].sort();
		let last: number | null = null;
		for (const day of days) {
			const prices = group.map((s) => inForce(s, day)).filter((p): p is number => p !== null);
			// Every offer withdrawn: the line stops at its last price.
			if (prices.length === 0) continue;
			const low = Math.min(...prices);
			if (low !== last) out.push({ provider, kind, date: day, usdPerGpuHour: low });
			last = low;
		}
	}
	return out;
}

function historySeries(gpu: string, offers: readonly OfferPrices[]): Series[] {
	return offers
		.filter((o) => o.gpu === gpu)
		.flatMap((o) =>
			KINDS.map((kind) => ({
				provider: o.provider,
				kind,
				changes: o.points.map((p): [string, number | null] => [p.from.slice(0, 10), kind === "spot" ? p.spotUsd : p.onDemandUsd]),
			})),
		)
		.filter((s) => s.changes.some(([, usd]) => usd !== null));
}

/** Catalog entries of one provider, kind, region and instance are one offer seen on each asOf. */
function catalogSeries(gpu: string, prices: readonly DatedPrice[]): Series[] {
	const byOffer = new Map<string, Series>();
	for (const p of prices) {
		if (p.gpu !== gpu || !(KINDS as readonly string[]).includes(p.kind)) continue;
		const key = [p.provider, p.kind, p.region ?? "", p.instance ?? ""].join("\u0000");
		const series = byOffer.get(key) ?? { provider: p.provider, kind: p.kind as Kind, changes: [] };
		series.changes.push([p.asOf.slice(0, 10), p.usd]);
		byOffer.set(key, series);
	}
	for (const s of byOffer.values()) s.changes.sort((a, b) => a[0].localeCompare(b[0]));
	return [...byOffer.values()];
}

/**
 * The price chart of one GPU: from the price history when it lists the GPU, else from the catalog's dated
 * entries; null when neither has a price for it. `gpu.name` titles the chart.
 */
export function priceChartRequest(gpu: { id: string; name: string }, sources: PriceChartSources): ChartRequest | null {
	const fromHistory = historySeries(gpu.id, sources.offers);
	const series = fromHistory.length > 0 ? fromHistory : catalogSeries(gpu.id, sources.catalogPrices);
	const points = lowestInForce(series);
	if (points.length === 0) return null;
	return {
		kind: "price-history",
		input: {
			title: `${gpu.name}: price per GPU-hour`,
			source: fromHistory.length > 0 ? "price feeds" : "catalog entries",
			points,
		},
	};
}
