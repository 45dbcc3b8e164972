// The shipped program: tsc's output (dist/src) bundled with its dependencies into dist/bundle/gpufit,
// which bin/gpufit.js runs. One file per lazily loaded room instead of ~900 modules halves the server's cold
// start (docs/performance.md); tests spawn bin/gpufit.js, so they run this bundle.
// The output sits as deep as dist/src/<room>/, so paths made from import.meta.url (the catalog, the
// snapshot cache) resolve the same bundled or not.
import { createRequire } from "node:module";
import { defineConfig } from "rolldown";

const LEFT_TO_NODE_MODULES = ["iconv-lite"];
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
		// Left to node_modules: iconv-lite (the body decoder of Bolt's raw-body, which never decodes here: the
		// server hands Bolt the body it read). Only where the importer would get the top-level copy anyway.
		// Socket Mode's undici is bundled into Bolt's chunk: Bolt's App loads Socket Mode, and Socket Mode loads
		// undici, at start even in HTTP mode, and one chunk starts about 15 ms of CPU sooner than undici's
		// seventy files from node_modules (docs/performance.md, start-up). Nothing in a dependency's files is
		// rewritten; discord.js's packages keep their own undici 6, bundled into the gateway's chunk.
		(LEFT_TO_NODE_MODULES.includes(id) && importer !== undefined && topLevelCopy(id, importer)),
	checks: { eval: false },
	output: { dir: "dist/bundle/gpufit", format: "esm", minify: true, cleanDir: true },
});
