// The shipped bundle (bin/gpufit.js serve) started with charts on over the fixture catalog, the way the bundled
// chart tests run it: only the chat platforms' settings and the state folder differ between them.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { FIXTURE_CATALOG_DIR } from "./fixture-catalog.js";
import { listening, type Spawned } from "./spawned-server.js";

const bundle = join(new URL("../..", import.meta.url).pathname, "bin/gpufit.js");

/** Spawns the bundle's server on a free loopback port, `env` (platforms, state folder) over the shared settings; resolves once it listens. */
export async function serveBundleWithCharts(env: Record<string, string>): Promise<Spawned> {
	const child = spawn(process.execPath, [bundle, "serve"], {
		env: {
			PATH: process.env.PATH ?? "",
			PORT: "0",
			HOST: "127.0.0.1",
			CATALOG_DIR: FIXTURE_CATALOG_DIR,
			CATALOG_WATCH: "off",
			GPUFIT_RATE_LIMIT: "off",
			GPUFIT_CHARTS: "on",
			...env,
		},
		stdio: ["ignore", "pipe", "pipe"],
	});
	// A server that never listened is stopped here: the caller only gets (and stops) one that did.
	return listening(child).catch((error: unknown) => {
		child.kill();
		throw error;
	});
}
