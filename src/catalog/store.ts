// Holds the catalog the bot answers from. A reload builds the whole new catalog off to the side and swaps it
// in with one assignment, so a request sees the old catalog or the new one, never a mixture; a broken edit
// keeps the last good one and records why it was refused. Reloads run one after another.
//
// Fetched prices (src/prices/overlay.ts) are laid over the catalog here: `current()` is the catalog with the
// overlay set by the price feeds, built once per catalog version and overlay; `base()` is the files' catalog.
//
// This module does not import the validation (YAML and zod, a quarter of a second): a server starts from the
// validated snapshot (`fromSnapshot`) and loads the validation on its first reload. `openCatalogStore`
// (open.ts) is the synchronous, validating start that tests and one-shot tools use.
import { type CatalogError, formatCatalogError } from "./errors.js";
import type { LoadResult } from "./load.js";
import { loadCatalogCached } from "./snapshot.js";
import type { Catalog } from "./types.js";

/** What a reload did: swapped in a new version, found the same version again, or refused an edit. */
export type ReloadOutcome =
	| { ok: true; catalog: Catalog; changed: boolean; previousVersion: string }
	| { ok: false; errors: CatalogError[]; keptVersion: string };

type ReloadListener = (outcome: ReloadOutcome) => void;

/** Reads and fully validates a catalog directory (load.ts). */
type Validate = (dir: string) => LoadResult | Promise<LoadResult>;

/** The error a store cannot start without: there is no good catalog to answer from. */
export function invalidCatalog(dir: string, errors: CatalogError[]): Error {
	return new Error(`catalog ${dir} is invalid:\n${errors.map(formatCatalogError).join("\n")}`);
}

export class CatalogStore {
	#current: Catalog;
	#reloadError: CatalogError | null = null;
	readonly #listeners = new Set<ReloadListener>();
	#validate: Validate | null;
	/** The reload in progress, if any. */
	#reloading: Promise<unknown> = Promise.resolve();
	#overlay: ((base: Catalog) => Catalog) | null = null;
	#overlaid: { base: Catalog; overlay: (base: Catalog) => Catalog; catalog: Catalog } | null = null;

	/** A store answering from `initial`; reloads validate with `validate`, or load the validation on the first one. */
	constructor(
		readonly dir: string,
		initial: Catalog,
		validate: Validate | null = null,
	) {
		this.#current = initial;
		this.#validate = validate;
	}

	/**
	 * Starts from the snapshot of the directory's files when one exists (a few milliseconds instead of half a
	 * second of YAML and zod); the files are validated in full when they have no snapshot yet. Throws with every
	 * error when there is no good catalog.
	 */
	static async fromSnapshot(dir: string, cacheDir?: string): Promise<CatalogStore> {
		const result = await loadCatalogCached(dir, cacheDir);
		if (!result.ok) throw invalidCatalog(dir, result.errors);
		return new CatalogStore(dir, result.catalog);
	}

	/** The catalog answers use: the files' catalog with the fetched prices laid over it. */
	current(): Catalog {
		const overlay = this.#overlay;
		if (!overlay) return this.#current;
		const made = this.#overlaid;
		if (made && made.base === this.#current && made.overlay === overlay) return made.catalog;
		const catalog = overlay(this.#current);
		this.#overlaid = { base: this.#current, overlay, catalog };
		return catalog;
	}

	/** The catalog as its files have it, without fetched prices. */
	base(): Catalog {
		return this.#current;
	}

	/** Sets (or with null removes) what `current()` lays over the files' catalog. */
	setPriceOverlay(overlay: ((base: Catalog) => Catalog) | null): void {
		this.#overlay = overlay;
		this.#overlaid = null;
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

	/** Whether the validation is loaded (a store started from its snapshot loads it on its first reload). */
	hasValidator(): boolean {
		return this.#validate !== null;
	}

	/** Loads the full validation (YAML, zod) in the form that lets requests run between files, if not loaded yet. */
	async loadValidator(): Promise<Validate> {
		if (this.#validate) return this.#validate;
		const { loadCatalogInSteps } = await import("./load.js");
		this.#validate ??= loadCatalogInSteps;
		return this.#validate;
	}

	/**
	 * Re-reads the directory. A valid catalog with a new version replaces the current one; the same version
	 * keeps the current object (and its loadedAt); an invalid one changes nothing but the error. A reload asked
	 * for while one runs starts after it, so it reads the files as they are by then.
	 */
	reload(): Promise<ReloadOutcome> {
		const next = this.#reloading.then(() => this.#reloadOnce());
		this.#reloading = next.catch(() => {});
		return next;
	}

	async #reloadOnce(): Promise<ReloadOutcome> {
		const validate = await this.loadValidator();
		const result = await validate(this.dir);
		const before = this.#current;
		let outcome: ReloadOutcome;
		if (result.ok) {
			const changed = result.catalog.version !== before.version;
			if (changed) this.#current = result.catalog;
			this.#reloadError = null;
			outcome = { ok: true, catalog: this.#current, changed, previousVersion: before.version };
		} else {
			this.#reloadError = result.errors[0] ?? null;
			outcome = { ok: false, errors: result.errors, keptVersion: before.version };
		}
		for (const listener of this.#listeners) listener(outcome);
		return outcome;
	}
}
