// The repository's catalog, loaded once per test file, and a way to size a request through the
// same path the CLI and the chat transports take.
import { runFit } from "../../commands/fit.js";
import { loadCatalog } from "../../src/catalog/load.js";
import type { Catalog } from "../../src/catalog/types.js";

export const CATALOG_DIR = new URL("../../catalog", import.meta.url).pathname;

let cached: Catalog | null = null;

export function repoCatalog(): Catalog {
	if (cached) return cached;
	const result = loadCatalog(CATALOG_DIR);
	if (!result.ok) throw new Error(`catalog invalid: ${JSON.stringify(result.errors.slice(0, 5))}`);
	cached = result.catalog;
	return cached;
}

/** The contract's `fit --json` object for a request; throws when the request is not understood. */
// biome-ignore lint/suspicious/noExplicitAny: the JSON is checked field by field in tests
export function fitJson(text: string): any {
	const result = runFit(repoCatalog(), text);
	if (result.exitCode !== 0) throw new Error(`${text}: ${JSON.stringify(result.json)}`);
	return result.json;
}
