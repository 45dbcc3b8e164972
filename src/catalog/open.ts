// The synchronous, validating start of a catalog store (YAML and zod loaded up front): what the tests and
// one-shot tools use. A server starts faster from the snapshot (CatalogStore.fromSnapshot).
import { loadCatalog } from "./load.js";
import { CatalogStore, invalidCatalog } from "./store.js";

/** Loads and validates the directory; throws with every error when there is no good catalog to start from. */
export function openCatalogStore(dir: string): CatalogStore {
	const result = loadCatalog(dir);
	if (!result.ok) throw invalidCatalog(dir, result.errors);
	return new CatalogStore(dir, result.catalog, loadCatalog);
}
