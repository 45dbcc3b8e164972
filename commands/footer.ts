import type { Catalog } from "../src/catalog/types.js";

/** Where the figures come from: the catalog version and the date of its prices. */
export function footerOf(catalogVersion: string, pricesAsOf: string): string {
	return `gpufit · catalog ${catalogVersion} · prices as of ${pricesAsOf} · estimates, check before you buy`;
}

export function footerText(catalog: Catalog): string {
	return footerOf(catalog.version, catalog.pricesAsOf);
}

/** The date span of the prices a card shows ("2026-08-21" or "2026-08-21 to 2027-01-05"); null when none. */
export function priceDates(dates: readonly (string | null | undefined)[]): string | null {
	const known = [...new Set(dates.filter((d): d is string => typeof d === "string" && d !== ""))].sort();
	if (known.length === 0) return null;
	return known.length === 1 ? (known[0] as string) : `${known[0]} to ${known[known.length - 1]}`;
}

/** The footer of a card that shows prices: "prices as of" the dates of those prices, not the catalog's newest. */
export function footerForPrices(catalog: Catalog, dates: readonly (string | null | undefined)[]): string {
	return footerOf(catalog.version, priceDates(dates) ?? catalog.pricesAsOf);
}
