// The shipped program: tsc's output (dist/src) bundled with its dependencies into dist/bundle/gpufit,
// which bin/gpufit.js runs. One file per lazily loaded room instead of ~900 modules halves the server's cold
// start (docs/performance.md); tests spawn bin/gpufit.js, so they run this bundle.
// The output sits as deep as dist/src/<room>/, so paths made from import.meta.url (the catalog, the
// snapshot cache) resolve the same bundled or not.
import { createRequire } from "node:module";
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
	plugins: [bundleRequires, lazyUndici],
	external: (id, importer) =>
		// Optional native add-ons of the Discord gateway (discord.js) that gpufit does not install.
		["zlib-sync", "bufferutil", "utf-8-validate"].includes(id) ||
		// Large and rarely used, so left to node_modules and loaded only when used: Socket Mode's undici
		// (half of Bolt's chunk otherwise) and iconv-lite (the body decoder of Bolt's raw-body, which never
		// decodes here: the server hands Bolt the body it read). Only where the importer would get the
		// top-level copy anyway: discord.js's packages have their own undici 6, which stays bundled.
		(LEFT_TO_NODE_MODULES.includes(id) && importer !== undefined && topLevelCopy(id, importer)),
	checks: { eval: false },
	output: { dir: "dist/bundle/gpufit", format: "esm", minify: true, cleanDir: true },
});
