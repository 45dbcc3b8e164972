// What a setup costs to rent and to buy, and what it draws.
import type { Catalog, Gpu } from "../catalog/types.js";
import { memoPerOwner } from "./memo.js";
import type { Cost } from "./types.js";

/** Server overhead (CPUs, fans, NICs) over the GPUs' TDP when no system figure is known. */
const SERVER_POWER_FACTOR = 1.5;

function tier(hourly: number | null, purchase: number | null): string {
	if (hourly !== null) return hourly < 5 ? "$" : hourly < 20 ? "$$" : hourly < 60 ? "$$$" : "$$$$";
	if (purchase !== null) return purchase < 20_000 ? "$" : purchase < 150_000 ? "$$" : purchase < 500_000 ? "$$$" : "$$$$";
	return "?";
}

/** A rental offer as an answer shows it: per GPU-hour, where, and the date of the price. */
export interface Rental {
	usd: number;
	provider: string;
	region: string;
	/** The instance as the catalog names it ("p5.48xlarge (8x H100)"); empty when the entry names none. */
	instance: string;
	asOf: string;
}

/** The cheapest on-demand rental per GPU-hour, with its provider and date. */
export function cheapestRental(catalog: Catalog, gpuId: string): Rental | null {
	let best: Rental | null = null;
	for (const p of catalog.prices) {
		if (p.gpu !== gpuId || p.kind !== "on-demand") continue;
		if (!best || p.usd < best.usd || (p.usd === best.usd && p.asOf > best.asOf))
			best = { usd: p.usd, provider: p.provider, region: p.region, instance: p.instance ?? "", asOf: p.asOf };
	}
	return best;
}

function min(values: (number | undefined)[]): number | null {
	const v = values.filter((x): x is number => x !== undefined);
	return v.length ? Math.min(...v) : null;
}

/** The date of the cheapest of `entries` by `usd` (the figure an answer shows), or null. */
function dateOfCheapest(entries: { usd?: number; asOf: string }[]): string | null {
	let best: { usd: number; asOf: string } | null = null;
	for (const e of entries) if (e.usd !== undefined && (!best || e.usd < best.usd)) best = { usd: e.usd, asOf: e.asOf };
	return best?.asOf ?? null;
}

/** A GPU's prices in a catalog, per server size: what costOf multiplies out. */
interface PriceFacts {
	rental: Rental | null;
	systemUsd: number | null;
	systemCny: number | null;
	systemPowerKw: number | null;
	cardUsd: number | null;
	cardCny: number | null;
	/** The dates of the purchase figures (a system's, else a card's). */
	systemAsOf: string | null;
	cardAsOf: string | null;
}

// Gathered once per catalog, GPU and server size (memo.ts): a /fit sizes dozens of alternatives, and
// each would otherwise scan every price.
const factsMemo = memoPerOwner<Catalog, string, PriceFacts>();

function priceFacts(catalog: Catalog, gpu: Gpu, gpusPerNode: number): PriceFacts {
	return factsMemo(catalog, `${gpu.id}/${gpusPerNode}`, () => {
		const systems = catalog.systems.filter((s) => s.gpu === gpu.id && s.gpusPerNode === gpusPerNode);
		const cards = catalog.prices.filter((p) => p.gpu === gpu.id && p.kind === "purchase");
		return {
			rental: cheapestRental(catalog, gpu.id),
			systemUsd: min(systems.map((s) => s.purchase.usd)),
			systemCny: min(systems.map((s) => s.purchase.cny)),
			systemPowerKw: min(systems.map((s) => s.powerKw)),
			cardUsd: min(cards.map((p) => p.usd)),
			cardCny: min(cards.map((p) => p.cny)),
			systemAsOf: dateOfCheapest(systems.map((s) => ({ usd: s.purchase.usd, asOf: s.asOf }))),
			cardAsOf: dateOfCheapest(cards),
		};
	});
}

export function costOf(catalog: Catalog, gpu: Gpu, count: number, nodes: number, gpusPerNode: number): Cost {
	const { rental, systemUsd, systemCny, systemPowerKw, cardUsd, cardCny, systemAsOf, cardAsOf } = priceFacts(
		catalog,
		gpu,
		gpusPerNode,
	);
	const purchaseUsd = systemUsd !== null ? systemUsd * nodes : cardUsd !== null ? cardUsd * count : null;
	const purchaseAsOf = systemUsd !== null ? systemAsOf : cardUsd !== null ? cardAsOf : null;
	const hourlyAsOf = rental?.asOf ?? null;
	// The date of the prices this answer shows: the older of the two, so nothing on the card looks newer than it is.
	const shown = [hourlyAsOf, purchaseAsOf].filter((d): d is string => d !== null).sort();
	const purchaseCny = systemCny !== null ? systemCny * nodes : cardCny !== null ? cardCny * count : null;
	const powerKw =
		systemPowerKw !== null ? systemPowerKw * nodes : Math.round(((count * gpu.tdpW * SERVER_POWER_FACTOR) / 1000) * 10) / 10;
	const hourlyUsd = rental ? Math.round(rental.usd * count * 100) / 100 : null;
	return {
		tier: tier(hourlyUsd, purchaseUsd),
		hourlyUsd,
		hourlyProvider: rental ? `${rental.provider} (${rental.region})` : null,
		purchaseUsd,
		purchaseCny,
		powerKw,
		pricesAsOf: shown[0] ?? catalog.pricesAsOf,
		hourlyAsOf,
		purchaseAsOf,
	};
}
