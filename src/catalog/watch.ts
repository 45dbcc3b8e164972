// Keeps the running catalog in step with its directory: a file change (an edit, a checkout, a pull)
// reloads it after a short quiet period, and, when asked, `git pull --ff-only` runs on an interval.
// A refused edit is logged with its file, entry and field; the last good catalog keeps serving.
import { type FSWatcher, watch } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../log.js";
import { gitPull } from "./git-pull.js";
import { describeRemoved, removedEntries } from "./removed.js";
import { catalogKinds } from "./schema.js";
import type { CatalogStore, ReloadOutcome } from "./store.js";

interface ReloaderOptions {
	store: CatalogStore;
	log: Logger;
	/** Quiet time after the last file event before reloading (an editor or a pull writes several files). */
	debounceMs?: number;
	/** Run `git pull --ff-only` in the catalog's checkout this often; null: never. */
	gitPullIntervalMs?: number | null;
	/** Watch the directory for changes (default true). */
	watchFiles?: boolean;
}

export interface CatalogReloader {
	/** Reloads at once (skipping the debounce); what tests and the puller use. */
	reloadNow: () => Promise<ReloadOutcome>;
	close: () => Promise<void>;
}

const DEFAULT_DEBOUNCE_MS = 300;

function logOutcome(log: Logger, outcome: ReloadOutcome): void {
	if (outcome.ok) {
		if (outcome.changed) log.info("catalog reloaded", { version: outcome.catalog.version, previous: outcome.previousVersion });
		return;
	}
	const first = outcome.errors[0];
	log.error("catalog edit refused; still serving the last good catalog", {
		version: outcome.keptVersion,
		file: first?.file,
		entry: first?.entry,
		field: first?.field,
		message: first?.message,
		errors: outcome.errors,
	});
}

export function startCatalogReloader(options: ReloaderOptions): CatalogReloader {
	const { store, log } = options;
	const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
	let timer: NodeJS.Timeout | null = null;
	let closed = false;
	let watchers: FSWatcher[] = [];
	/** The catalog of the last good reload: what a new one is compared with for removed entries. */
	let last = store.current();

	const reloadNow = async () => {
		if (timer) clearTimeout(timer);
		timer = null;
		// A kind folder replaced by a checkout is a new inode: watch the current ones again, before
		// reading, so that an edit made during the reload triggers another one.
		if (options.watchFiles !== false && !closed) arm();
		const outcome = await store.reload();
		logOutcome(log, outcome);
		if (outcome.ok) {
			// Valid, and taken; but requests naming what went now answer "unknown": said once, with what went.
			const removed = outcome.changed ? removedEntries(last, outcome.catalog) : null;
			if (removed)
				log.warn(`catalog reload removed ${describeRemoved(removed)}; requests naming them now answer unknown`, {
					version: outcome.catalog.version,
					previous: outcome.previousVersion,
					removedModels: removed.models,
					removedGpus: removed.gpus,
				});
			last = outcome.catalog;
		}
		return outcome;
	};

	const reloadLogged = () => {
		reloadNow().catch((e: unknown) =>
			log.error("catalog reload failed", { dir: store.dir, error: e instanceof Error ? e.message : String(e) }),
		);
	};

	const schedule = () => {
		if (closed) return;
		if (timer) clearTimeout(timer);
		timer = setTimeout(reloadLogged, debounceMs);
	};

	// The root and each kind folder, not recursive: fs.watch's recursive mode varies across platforms
	// and Node versions, and the catalog is two levels deep by design.
	function arm(): void {
		for (const w of watchers) w.close();
		watchers = [];
		for (const dir of [store.dir, ...Object.keys(catalogKinds).map((k) => join(store.dir, k))]) {
			try {
				const w = watch(dir, { persistent: false }, schedule);
				w.on("error", () => schedule());
				watchers.push(w);
			} catch {
				// A missing kind folder is a catalog error that the reload reports; nothing to watch yet.
			}
		}
	}
	if (options.watchFiles !== false) arm();

	// One pull at a time: a tick that finds the last pull still running (a slow remote) is skipped.
	let pulling: Promise<void> | null = null;
	const pull = async () => {
		const result = await gitPull(store.dir);
		if (closed) return;
		if (!result.ok) log.warn("catalog git pull failed", { dir: store.dir, error: result.error });
		else if (result.updated) await reloadNow();
	};
	const interval = options.gitPullIntervalMs
		? setInterval(() => {
				if (pulling) return;
				pulling = pull().finally(() => {
					pulling = null;
				});
			}, options.gitPullIntervalMs)
		: null;

	return {
		reloadNow,
		close: async () => {
			closed = true;
			if (timer) clearTimeout(timer);
			if (interval) clearInterval(interval);
			for (const w of watchers) w.close();
			await pulling;
		},
	};
}
