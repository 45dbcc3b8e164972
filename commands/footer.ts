import type { Catalog } from "../src/catalog/types.js";

/** Where the figures come from: the catalog version and the date of its newest price. */
export function footerText(catalog: Catalog): string {
	return `gpufit · catalog ${catalog.version} · prices as of ${catalog.pricesAsOf} · estimates, check before you buy`;
}
