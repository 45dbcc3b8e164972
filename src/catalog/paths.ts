// Where the package keeps its catalog and the snapshot cache. Paths are made from this module's URL: it runs
// as dist/src/catalog/paths.js or bundled as deep (dist/bundle/gpufit/), three levels below the package root;
// from the sources (tests) it is two levels down.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The package root: three levels up when built, two from the sources. */
function packageRoot(): string {
	const built = fileURLToPath(new URL("../../../", import.meta.url));
	return existsSync(`${built}package.json`) ? built : fileURLToPath(new URL("../../", import.meta.url));
}

const root = packageRoot();

/** The catalog shipped with the package (CATALOG_DIR's default). */
export const PACKAGE_CATALOG_DIR = `${root}catalog`;

/** Validated snapshots of catalog files (GPUFIT_CACHE_DIR's default). */
export const PACKAGE_CACHE_DIR = `${root}node_modules/.cache/gpufit`;
