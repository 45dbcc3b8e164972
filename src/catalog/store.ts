// The catalog store with its validating, synchronous `open` (YAML and zod loaded up front): what the
// tests and one-shot tools use. A server starts faster from the snapshot with LiveStore.fromSnapshot
// (live-store.ts); both are the same store once open.
import { formatCatalogError } from "./errors.js";
import { LiveStore } from "./live-store.js";
import { loadCatalog } from "./load.js";

export type { ReloadListener, ReloadOutcome } from "./live-store.js";

export class CatalogStore extends LiveStore {
	/** Loads the directory; throws with every error when there is no good catalog to start from. */
	static open(dir: string): CatalogStore {
		const result = loadCatalog(dir);
		if (!result.ok) {
			throw new Error(`catalog ${dir} is invalid:\n${result.errors.map(formatCatalogError).join("\n")}`);
		}
		return new CatalogStore(dir, result.catalog, loadCatalog);
	}
}
