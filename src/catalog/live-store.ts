// Holds the catalog the bot answers from. A reload builds the whole new catalog off to the side and
// swaps it in with one cache write, so a request sees the old catalog or the new one, never a
// mixture; a broken edit keeps the last good one and records why it was refused.
//
// Kept apart from store.ts (which adds the validating `CatalogStore.open`) so that a server can start
// from the validated snapshot without importing YAML and zod: they are loaded afterwards, for reloads.
import NodeCache from "node-cache";
import { type CatalogError, formatCatalogError } from "./errors.js";
import type { LoadResult } from "./load.js";
import { loadCatalogCached } from "./snapshot.js";
import type { Catalog } from "./types.js";

/** What a reload did: swapped in a new version, found the same version again, or refused an edit. */
export type ReloadOutcome =
	| { ok: true; catalog: Catalog; changed: boolean; previousVersion: string }
	| { ok: false; errors: CatalogError[]; keptVersion: string };

export type ReloadListener = (outcome: ReloadOutcome) => void;

/** Reads and fully validates a catalog directory (load.ts). */
export type Validate = (dir: string) => LoadResult | Promise<LoadResult>;

// One key: the loaded catalog under its version. node-cache keeps the reference (no clones, no
// expiry), so a swap is a single set and readers never wait.
const CURRENT = "catalog";

export class LiveStore {
	readonly #cache = new NodeCache({ stdTTL: 0, checkperiod: 0, useClones: false });
	#reloadError: CatalogError | null = null;
	readonly #listeners = new Set<ReloadListener>();
	#validate: Validate | null;
	/** The reload in progress, if any: reloads run one after another. */
	#reloading: Promise<unknown> = Promise.resolve();

	protected constructor(
		readonly dir: string,
		initial: Catalog,
		validate: Validate | null,
	) {
		this.#cache.set(CURRENT, initial);
		this.#validate = validate;
	}

	/**
	 * Starts from the snapshot of the directory's files when one exists (a few milliseconds instead of
	 * half a second of YAML and zod); the files are validated in full when they have no snapshot yet.
	 * Reloads need `loadValidator()` first. Throws with every error when there is no good catalog.
	 */
	static async fromSnapshot(dir: string, cacheDir?: string): Promise<LiveStore> {
		const result = await loadCatalogCached(dir, cacheDir);
		if (!result.ok) {
			throw new Error(`catalog ${dir} is invalid:\n${result.errors.map(formatCatalogError).join("\n")}`);
		}
		return new LiveStore(dir, result.catalog, null);
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

	/** Whether reload() can run now (a store started from a snapshot needs `loadValidator()` first). */
	canReload(): boolean {
		return this.#validate !== null;
	}

	/** Imports the full validation (YAML, zod) that reloads use, in the form that lets requests in between files. */
	async loadValidator(): Promise<void> {
		if (this.#validate) return;
		const { loadCatalogInSteps } = await import("./load.js");
		this.#validate ??= loadCatalogInSteps;
	}

	/**
	 * Re-reads the directory. A valid catalog with a new version replaces the current one; the same
	 * version keeps the current object (and its loadedAt); an invalid one changes nothing but the error.
	 * A reload asked for while one runs starts after it, so it reads the files as they are by then.
	 */
	reload(): Promise<ReloadOutcome> {
		const next = this.#reloading.then(() => this.#reloadOnce());
		this.#reloading = next.catch(() => {});
		return next;
	}

	async #reloadOnce(): Promise<ReloadOutcome> {
		const validate = this.#validate;
		if (!validate) throw new Error("catalog reload before its validation was loaded (call loadValidator first)");
		const result = await validate(this.dir);
		const before = this.current();
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
