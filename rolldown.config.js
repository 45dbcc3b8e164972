// The shipped program: tsc's output (dist/src) bundled with its dependencies into dist/bundle/gpufit,
// which bin/gpufit.js runs. One file per lazily loaded room instead of ~900 modules halves the server's cold
// start (docs/performance.md); tests spawn bin/gpufit.js, so they run this bundle.
// The output sits as deep as dist/src/<room>/, so paths made from import.meta.url (the catalog, the
// snapshot cache) resolve the same bundled or not.
import { createRequire } from "node:module";
import { defineConfig } from "rolldown";

const LEFT_TO_NODE_MODULES = ["undici", "iconv-lite"];
const fromRoot = createRequire(new URL("./package.json", import.meta.url));

/** Whether `importer` resolves `id` to the copy a bare require from the bundle finds at run time. */
function topLevelCopy(id, importer) {
	try {
		return createRequire(importer).resolve(id) === fromRoot.resolve(id);
	} catch {
		return false;
	}
}

export default defineConfig({
	input: "dist/src/transports/cli.js",
	platform: "node",
	external: (id, importer) =>
		// Optional native add-ons of the Discord gateway (discord.js) that gpufit does not install.
		["zlib-sync", "bufferutil", "utf-8-validate"].includes(id) ||
		// resvg (the charts' SVG-to-PNG step) is a native add-on: its loader picks the platform's .node file from
		// an optional package at run time, so it stays in node_modules. Only the lazily loaded chart chunk imports it.
		id === "@resvg/resvg-js" ||
		// Large, so left to node_modules: Socket Mode's undici (half of Bolt's chunk otherwise; bundled, it
		// starts no faster) and iconv-lite (the body decoder of Bolt's raw-body, which never decodes here: the
		// server hands Bolt the body it read, so it is never loaded). Only where the importer would get the
		// top-level copy anyway: discord.js's packages have their own undici 6, which stays bundled.
		// Nothing in a dependency's files is rewritten: Bolt's App loads Socket Mode, and Socket Mode loads
		// undici, at start even in HTTP mode (docs/performance.md says what that costs and what would avoid it).
		(LEFT_TO_NODE_MODULES.includes(id) && importer !== undefined && topLevelCopy(id, importer)),
	checks: { eval: false },
	output: { dir: "dist/bundle/gpufit", format: "esm", minify: true, cleanDir: true },
});
