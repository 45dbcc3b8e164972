import type { Catalog } from "../src/catalog/types.js";
import type { Locale } from "../src/chat/reply.js";

/** The footer's words per locale: where the figures come from, and that they are estimates. */
const WORDS: Record<Locale, { line: (version: string, asOf: string) => string; to: string }> = {
	en: {
		line: (version, asOf) => `gpufit · catalog ${version} · prices as of ${asOf} · estimates, check before you buy`,
		to: " to ",
	},
	zh: { line: (version, asOf) => `gpufit · 目录 ${version} · 价格截至 ${asOf} · 均为估算，购买前请核实`, to: " 至 " },
};

/** Where the figures come from: the catalog version and the date of its prices. */
export function footerOf(catalogVersion: string, pricesAsOf: string, locale: Locale = "en"): string {
	return WORDS[locale].line(catalogVersion, pricesAsOf);
}

export function footerText(catalog: Catalog, locale: Locale = "en"): string {
	return footerOf(catalog.version, catalog.pricesAsOf, locale);
}

/** The date span of the prices a card shows ("2026-08-21" or "2026-08-21 to 2027-01-05"); null when none. */
export function priceDates(dates: readonly (string | null | undefined)[], to = WORDS.en.to): string | null {
	const known = [...new Set(dates.filter((d): d is string => typeof d === "string" && d !== ""))].sort();
	if (known.length === 0) return null;
	return known.length === 1 ? (known[0] as string) : `${known[0]}${to}${known[known.length - 1]}`;
}

/** The footer of a card that shows prices: "prices as of" the dates of those prices, not the catalog's newest. */
export function footerForPrices(catalog: Catalog, dates: readonly (string | null | undefined)[], locale: Locale = "en"): string {
	return footerOf(catalog.version, priceDates(dates, WORDS[locale].to) ?? catalog.pricesAsOf, locale);
}
