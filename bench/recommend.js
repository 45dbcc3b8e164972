#!/usr/bin/env node
// The recommend search in-process (parse, search every GPU, notes, reply), catalog already loaded.
// Target: under 50 ms per request. `node bench/recommend.js` prints it alone; bench/run.js includes it.
import { performance } from "node:perf_hooks";
import { runRecommend } from "../dist/commands/recommend.js";
import { loadCatalog } from "../dist/src/catalog/load.js";
import { summary } from "./stats.js";

const root = new URL("..", import.meta.url).pathname;
/** Each model with the default request, a team on a purchase, and a long context on one vendor. */
const VARIANTS = ["", " users 10 buy", " ctx 128k users 20 vendor nvidia one-node"];

function time(catalog, request) {
	const t = performance.now();
	const r = runRecommend(catalog, request);
	if (r.exitCode !== 0) throw new Error(`${request}: ${JSON.stringify(r.json)}`);
	return performance.now() - t;
}

export function recommendBenchmarks() {
	const loaded = loadCatalog(`${root}catalog`);
	if (!loaded.ok) throw new Error("catalog invalid");
	const catalog = loaded.catalog;
	const requests = catalog.models.flatMap((m) => VARIANTS.map((v) => `${m.id}${v}`));
	const first = time(catalog, "deepseek-r1 ctx 32k users 10"); // before the JIT has seen the search
	for (const r of requests) time(catalog, r); // warm-up
	const samples = requests.map((r) => time(catalog, r));
	return [
		summary("recommend in-process, first request (cold JIT)", [first]),
		summary(`recommend in-process (${requests.length} requests: ${catalog.models.length} models x ${VARIANTS.length})`, samples),
	];
}

if (import.meta.url === `file://${process.argv[1]}`) {
	for (const r of recommendBenchmarks()) {
		console.log(`${r.name}: p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms, max ${r.maxMs.toFixed(2)} ms`);
	}
}
