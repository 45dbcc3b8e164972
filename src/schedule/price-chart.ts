// The price chart of one GPU (the price post's and `prices history --png`'s): its price per GPU-hour over time per
// provider, from the feeds' history when it lists the GPU, else from the catalog's dated entries. The post shows
// the GPU whose rental price moved most, or else the first of its popular GPUs with prices to draw.
import type { PricePostJson } from "../../commands/json.js";
import type { Catalog } from "../catalog/types.js";
import type { PriceHistoryData } from "../prices/history.js";
import { gpuSpokenName } from "../prices/names.js";
import { type ChartRequest, priceChartRequest } from "../render/charts/index.js";

/** The kinds the chart draws: hourly rentals (a purchase price is per card, not per hour). */
const RENTAL = new Set(["on-demand", "spot"]);

/** The chart request of `gpu`; null when neither the history nor the catalog has an hourly price for it. */
export function priceChartOf(catalog: Catalog, history: PriceHistoryData, gpu: string): ChartRequest | null {
	return priceChartRequest(
		{ id: gpu, name: gpuSpokenName(catalog, gpu) },
		{ offers: Object.values(history.offers), catalogPrices: catalog.prices },
	);
}

/** The GPUs a post's chart may show, best first: the largest rental move, then the post's popular GPUs in order. */
export function postChartGpus(post: PricePostJson): string[] {
	const moves = post.changes.filter((c) => RENTAL.has(c.kind)).sort((a, b) => Math.abs(b.pct) - Math.abs(a.pct));
	return [...new Set([...moves.map((c) => c.gpu), ...post.cheapest.map((c) => c.gpu)])];
}

/** The request of the post's chart; null when no GPU of it has prices to draw. */
export function postChartRequest(post: PricePostJson, catalog: Catalog, history: PriceHistoryData): ChartRequest | null {
	for (const gpu of postChartGpus(post)) {
		const request = priceChartOf(catalog, history, gpu);
		if (request !== null) return request;
	}
	return null;
}
