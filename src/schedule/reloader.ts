// The catalog's reloader, started by the background (background.ts). Its module, the validation it runs
// (YAML, zod) and the file watch are imported only when it starts.
import { performance } from "node:perf_hooks";
import type { CatalogStore } from "../catalog/store.js";
import type { CatalogReloader } from "../catalog/watch.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";

/** How long a store started from its snapshot answers before the reloader may start. */
export const RELOADER_DELAY_MS = 1000;
/** After that, the reloader starts once the event loop was busy less than this share of IDLE_SAMPLE_MS... */
const IDLE_UTILIZATION = 0.3;
const IDLE_SAMPLE_MS = 250;
/** ...or this long after start at the latest, however busy the server is. */
const MAX_DELAY_MS = 30_000;

export interface ArmedReloader extends CatalogReloader {
	/** The store was started from its snapshot: watching begins a moment after start (see armReloader). */
	fromSnapshot: boolean;
	/** Settles once the files are watched (null: closed first, or failed to start, which is logged). */
	ready: Promise<CatalogReloader | null>;
}

/**
 * Starts watching the catalog. A store opened with full validation is watched at once. A store started
 * from its snapshot (`gpufit serve`) answers first: loading the validation (YAML and zod, a quarter of a
 * second) and running it once (half a second on a cold JIT) would hold up every request in between, so
 * they wait until the server is idle, a second after start at the earliest. That first validation of the
 * files as they are then picks up any edit made before they were watched, and leaves the validation
 * compiled, so the first real reload takes a fraction of the time (and blocks requests that much less).
 */
export function armReloader(config: Config["catalog"], store: CatalogStore, log: Logger): ArmedReloader {
	const fromSnapshot = !store.hasValidator();
	let closed = false;
	let timer: NodeJS.Timeout | undefined;
	let wake = () => {};
	const waited = fromSnapshot
		? new Promise<void>((resolve) => {
				wake = resolve;
				const deadline = performance.now() + MAX_DELAY_MS;
				let before = performance.eventLoopUtilization();
				const check = () => {
					const now = performance.eventLoopUtilization();
					const busy = performance.eventLoopUtilization(now, before).utilization;
					before = now;
					if (busy < IDLE_UTILIZATION || performance.now() >= deadline) resolve();
					else timer = setTimeout(check, IDLE_SAMPLE_MS);
				};
				timer = setTimeout(check, RELOADER_DELAY_MS);
			})
		: Promise.resolve();
	const arm = async (): Promise<CatalogReloader | null> => {
		if (closed) return null;
		await store.loadValidator();
		const { startCatalogReloader } = await import("../catalog/watch.js");
		if (closed) return null;
		const reloader = startCatalogReloader({
			store,
			log,
			debounceMs: config.debounceMs,
			gitPullIntervalMs: config.gitPullIntervalMs,
			watchFiles: config.watch,
		});
		if (fromSnapshot) {
			reloader
				.reloadNow()
				.catch((e: unknown) => log.error("catalog validation failed", { error: e instanceof Error ? e.message : String(e) }));
		}
		return reloader;
	};
	let started: CatalogReloader | null = null;
	const ready = waited.then(arm).then(
		(r) => {
			started = r;
			return r;
		},
		(e: unknown) => {
			log.error("catalog reloader failed to start", { error: e instanceof Error ? e.message : String(e) });
			return null;
		},
	);
	return {
		fromSnapshot,
		ready,
		/** The reloader's, once started; before that a store that can validate reloads by itself. */
		reloadNow: () => (started ? started.reloadNow() : store.reload()),
		close: async () => {
			closed = true;
			clearTimeout(timer);
			wake();
			await (await ready)?.close();
		},
	};
}
