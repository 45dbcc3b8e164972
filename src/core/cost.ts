// What a setup costs to rent and to buy, and what it draws.
import type { Catalog, Gpu } from "../catalog/types.js";
import { memoPerOwner } from "./memo.js";
import type { Cost } from "./types.js";

/** Server overhead (CPUs, fans, NICs) over the GPUs' TDP when no system figure is known. */
export const SERVER_POWER_FACTOR = 1.5;

function tier(hourly: number | null, purchase: number | null): string {
	if (hourly !== null) return hourly < 5 ? "$" : hourly < 20 ? "$$" : hourly < 60 ? "$$$" : "$$$$";
	if (purchase !== null) return purchase < 20_000 ? "$" : purchase < 150_000 ? "$$" : purchase < 500_000 ? "$$$" : "$$$$";
	return "?";
}

/** The cheapest on-demand rental per GPU-hour, with its provider. */
export function cheapestRental(catalog: Catalog, gpuId: string): { usd: number; provider: string; region: string } | null {
	let best: { usd: number; provider: string; region: string } | null = null;
	for (const p of catalog.prices) {
		if (p.gpu !== gpuId || p.kind !== "on-demand") continue;
		if (!best || p.usd < best.usd) best = { usd: p.usd, provider: p.provider, region: p.region };
	}
	return best;
}

function min(values: (number | undefined)[]): number | null {
	const v = values.filter((x): x is number => x !== undefined);
	return v.length ? Math.min(...v) : null;
}

/** A GPU's prices in a catalog, per server size: what costOf multiplies out. */
interface PriceFacts {
	rental: { usd: number; provider: string; region: string } | null;
	systemUsd: number | null;
	systemCny: number | null;
	systemPowerKw: number | null;
	cardUsd: number | null;
	cardCny: number | null;
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
		};
	});
}

export function costOf(catalog: Catalog, gpu: Gpu, count: number, nodes: number, gpusPerNode: number): Cost {
	const { rental, systemUsd, systemCny, systemPowerKw, cardUsd, cardCny } = priceFacts(catalog, gpu, gpusPerNode);
	const purchaseUsd = systemUsd !== null ? systemUsd * nodes : cardUsd !== null ? cardUsd * count : null;
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
		pricesAsOf: catalog.pricesAsOf,
	};
}
