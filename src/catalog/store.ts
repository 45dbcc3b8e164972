// Holds the catalog the bot answers from. A reload builds the whole new catalog off to the side and
// swaps it in with one cache write, so a request sees the old catalog or the new one, never a
// mixture; a broken edit keeps the last good one and records why it was refused.
import NodeCache from "node-cache";
import { type CatalogError, formatCatalogError } from "./errors.js";
import { loadCatalog } from "./load.js";
import type { Catalog } from "./types.js";

/** What a reload did: swapped in a new version, found the same version again, or refused an edit. */
export type ReloadOutcome =
	| { ok: true; catalog: Catalog; changed: boolean; previousVersion: string }
	| { ok: false; errors: CatalogError[]; keptVersion: string };

export type ReloadListener = (outcome: ReloadOutcome) => void;

// One key: the loaded catalog under its version. node-cache keeps the reference (no clones, no
// expiry), so a swap is a single set and readers never wait.
const CURRENT = "catalog";

export class CatalogStore {
	readonly #cache = new NodeCache({ stdTTL: 0, checkperiod: 0, useClones: false });
	#reloadError: CatalogError | null = null;
	readonly #listeners = new Set<ReloadListener>();

	private constructor(
		readonly dir: string,
		initial: Catalog,
	) {
		this.#cache.set(CURRENT, initial);
	}

	/** Loads the directory; throws with every error when there is no good catalog to start from. */
	static open(dir: string): CatalogStore {
		const result = loadCatalog(dir);
		if (!result.ok) {
			throw new Error(`catalog ${dir} is invalid:\n${result.errors.map(formatCatalogError).join("\n")}`);
		}
		return new CatalogStore(dir, result.catalog);
	}

	current(): Catalog {
		const catalog = this.#cache.get<Catalog>(CURRENT);
		if (!catalog) throw new Error("catalog store is empty"); // set in the constructor, never deleted
		return catalog;
	}

	/** The first error of the edit being refused, or null while the directory is valid. */
	reloadError(): CatalogError | null {
		return this.#reloadError;
	}

	/** Called after every reload, good or refused. Returns the unsubscribe function. */
	onReload(listener: ReloadListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/**
	 * Re-reads the directory. A valid catalog with a new version replaces the current one; the same
	 * version keeps the current object (and its loadedAt); an invalid one changes nothing but the error.
	 */
	reload(): ReloadOutcome {
		const before = this.current();
		const result = loadCatalog(this.dir);
		let outcome: ReloadOutcome;
		if (result.ok) {
			const changed = result.catalog.version !== before.version;
			if (changed) this.#cache.set(CURRENT, result.catalog);
			this.#reloadError = null;
			outcome = { ok: true, catalog: this.current(), changed, previousVersion: before.version };
		} else {
			this.#reloadError = result.errors[0] ?? null;
			outcome = { ok: false, errors: result.errors, keptVersion: before.version };
		}
		for (const listener of this.#listeners) listener(outcome);
		return outcome;
	}
}
