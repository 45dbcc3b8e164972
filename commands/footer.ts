import type { Catalog } from "../src/catalog/types.js";

/** Where the figures come from: the catalog version and the date of its prices. */
export function footerOf(catalogVersion: string, pricesAsOf: string): string {
	return `gpufit · catalog ${catalogVersion} · prices as of ${pricesAsOf} · estimates, check before you buy`;
}

export function footerText(catalog: Catalog): string {
	return footerOf(catalog.version, catalog.pricesAsOf);
}
