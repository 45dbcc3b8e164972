// Holds the catalog the bot answers from. A reload swaps the whole object at once, so a request
// sees the old catalog or the new one, never a mixture; a broken edit keeps the last good one.
import type { CatalogError } from "./errors.js";
import { loadCatalog } from "./load.js";
import type { Catalog } from "./types.js";

export class CatalogStore {
	#current: Catalog;
	#reloadError: CatalogError | null = null;

	private constructor(
		readonly dir: string,
		initial: Catalog,
	) {
		this.#current = initial;
	}

	/** Loads the directory; throws with every error when there is no good catalog to start from. */
	static open(dir: string): CatalogStore {
		const result = loadCatalog(dir);
		if (!result.ok) {
			const lines = result.errors.map((e) => `${e.file}: ${e.entry}: ${e.field}: ${e.message}`);
			throw new Error(`catalog ${dir} is invalid:\n${lines.join("\n")}`);
		}
		return new CatalogStore(dir, result.catalog);
	}

	current(): Catalog {
		return this.#current;
	}

	reloadError(): CatalogError | null {
		return this.#reloadError;
	}

	/** Re-reads the directory; keeps the current catalog and records the first error when invalid. */
	reload(): { ok: true; catalog: Catalog } | { ok: false; errors: CatalogError[] } {
		const result = loadCatalog(this.dir);
		if (result.ok) {
			this.#current = result.catalog;
			this.#reloadError = null;
		} else this.#reloadError = result.errors[0] ?? null;
		return result;
	}
}
