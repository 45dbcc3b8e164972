// A validated catalog saved as JSON under its content hash, so that a fresh CLI process skips
// YAML parsing and validation (most of its start-up time) while the files are unchanged.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { LoadResult } from "./load.js";
import { PACKAGE_CACHE_DIR } from "./paths.js";
import { assembleCatalog, catalogVersion, readCatalogSources } from "./sources.js";
import type { Catalog } from "./types.js";

type Saved = Pick<Catalog, "gpus" | "models" | "systems" | "prices" | "speed">;

/** Like loadCatalog, but answers from the snapshot of identical files when one exists. */
export async function loadCatalogCached(dir: string, cacheDir = PACKAGE_CACHE_DIR): Promise<LoadResult> {
	const read = readCatalogSources(dir);
	if (read.errors.length === 0) {
		const file = join(cacheDir, `catalog-${read.contentHash}.json`);
		try {
			const saved = JSON.parse(readFileSync(file, "utf8")) as Saved;
			return { ok: true, catalog: assembleCatalog(saved, catalogVersion(dir, read.contentHash), new Date()) };
		} catch {
			// No snapshot yet (or unreadable): validate the YAML and save one.
		}
	}
	const { loadCatalog } = await import("./load.js");
	const result = loadCatalog(dir);
	if (result.ok) save(cacheDir, result.catalog, read.contentHash);
	return result;
}

function save(cacheDir: string, catalog: Catalog, contentHash: string): void {
	const saved: Saved = {
		gpus: catalog.gpus,
		models: catalog.models,
		systems: catalog.systems,
		prices: catalog.prices,
		speed: catalog.speed,
	};
	try {
		mkdirSync(cacheDir, { recursive: true });
		const tmp = join(cacheDir, `.catalog-${contentHash}.${process.pid}.tmp`);
		writeFileSync(tmp, JSON.stringify(saved));
		renameSync(tmp, join(cacheDir, `catalog-${contentHash}.json`));
	} catch {
		// A read-only install still answers, only without the snapshot.
	}
}
