// The repository's catalog, loaded once per test file, and a way to size a request through the
// same path the CLI and the chat transports take.
import { runFit } from "../../commands/fit.js";
import { loadCatalog } from "../../src/catalog/load.js";
import type { Catalog, Gpu, Model } from "../../src/catalog/types.js";

export const CATALOG_DIR = new URL("../../catalog", import.meta.url).pathname;

let cached: Catalog | null = null;

export function repoCatalog(): Catalog {
	if (cached) return cached;
	const result = loadCatalog(CATALOG_DIR);
	if (!result.ok) throw new Error(`catalog invalid: ${JSON.stringify(result.errors.slice(0, 5))}`);
	cached = result.catalog;
	return cached;
}

/** The repository catalog's model with this id; throws when there is none. */
export function repoModel(id: string): Model {
	const m = repoCatalog().models.find((x) => x.id === id);
	if (!m) throw new Error(`no catalog model ${id}`);
	return m;
}

/** The repository catalog's GPU with this id; throws when there is none. */
export function repoGpu(id: string): Gpu {
	const g = repoCatalog().gpus.find((x) => x.id === id);
	if (!g) throw new Error(`no catalog GPU ${id}`);
	return g;
}

/** The contract's `fit --json` object for a request; throws when the request is not understood. */
// biome-ignore lint/suspicious/noExplicitAny: the JSON is checked field by field in tests
export function fitJson(text: string): any {
	const result = runFit(repoCatalog(), text);
	if (result.exitCode !== 0) throw new Error(`${text}: ${JSON.stringify(result.json)}`);
	return result.json;
}
