// The fixture catalog (test/fixtures/catalog/): a few GPUs, models, systems and prices copied from the
// repository's catalog with their sources, for tests that are not about catalog data. An edit of the real
// catalog (an ops price update) cannot change what these tests see.
import { loadCatalog } from "../../src/catalog/load.js";
import type { Catalog } from "../../src/catalog/types.js";

export const FIXTURE_CATALOG_DIR = new URL("../fixtures/catalog", import.meta.url).pathname;

let cached: Catalog | null = null;

export function fixtureCatalog(): Catalog {
	if (cached) return cached;
	const result = loadCatalog(FIXTURE_CATALOG_DIR);
	if (!result.ok) throw new Error(`fixture catalog invalid: ${JSON.stringify(result.errors.slice(0, 5))}`);
	cached = result.catalog;
	return cached;
}
