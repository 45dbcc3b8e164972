// The shipped program: tsc's output (dist/src) bundled with its dependencies into dist/bundle/gpufit,
// which bin/gpufit.js runs. One file per lazily loaded room instead of ~900 modules halves the server's cold
// start (docs/performance.md); tests spawn bin/gpufit.js, so they run this bundle.
// The output sits as deep as dist/src/<room>/, so paths made from import.meta.url (the catalog, the
// snapshot cache) resolve the same bundled or not.
import { defineConfig } from "rolldown";

/** Our CommonJS dependencies are loaded with createRequire (see slack/bolt-modules.ts); written as plain
 * `require` the bundler can see and include them. */
const bundleRequires = {
	name: "gpufit:bundle-requires",
	transform: {
		filter: { id: /[\\/]dist[\\/]src[\\/]/ },
		handler: (code) => code.replaceAll("createRequire(import.meta.url)(", "require("),
	},
};

/** Bolt's App loads its Socket Mode receiver, and that requires undici at once, even in HTTP mode (a sixth
 * of the server's start-up). Socket Mode's WebSocket uses undici only inside methods, so it is required on
 * first use instead. */
const lazyUndici = {
	name: "gpufit:lazy-undici",
	transform: {
		filter: { id: /@slack[\\/]socket-mode[\\/]dist[\\/]/ },
		handler(code, id) {
			if (!code.includes('require("undici")')) return null;
			const lazy = 'new Proxy({}, { get: (_, name) => require("undici")[name] })';
			if (!/const undici_1 = require\("undici"\);/.test(code)) this.error(`${id}: undici is no longer required as undici_1`);
			return code.replace('const undici_1 = require("undici");', `const undici_1 = ${lazy};`);
		},
	},
};

export default defineConfig({
	input: "dist/src/transports/cli.js",
	platform: "node",
	plugins: [bundleRequires, lazyUndici],
	external: (id, importer) =>
		// Optional native add-ons of the Discord gateway (discord.js) that gpufit does not install.
		["zlib-sync", "bufferutil", "utf-8-validate"].includes(id) ||
		// Large and rarely used, so left to node_modules and loaded only when used: iconv-lite (the body
		// decoder of Bolt's raw-body, which never decodes here: the server hands Bolt the body it read) and
		// Socket Mode's undici (half of Bolt's chunk otherwise). Only Socket Mode's: discord.js's packages
		// need undici 6, their own nested copy, which is bundled into their lazily loaded chunks; at run time
		// a bare "undici" would resolve to the top-level copy, version 7.
		id === "iconv-lite" ||
		(id === "undici" && /@slack[\\/]socket-mode[\\/]/.test(importer ?? "")),
	checks: { eval: false },
	output: { dir: "dist/bundle/gpufit", format: "esm", minify: true, cleanDir: true },
});
