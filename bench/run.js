#!/usr/bin/env node
// Benchmarks (not part of npm test): prints a table and writes bench/results/latest.json.
//   fit in-process: every catalog model x GPU x count, after the catalog is loaded
//   recommend in-process: bench/recommend.js (the whole search per request; target under 50 ms)
//   fit cold start: `node bin/gpufit.js fit ...` as a new process, load to answer
//   charts: bench/charts.js (the chart engine's load and each chart's render, apart from the text path)
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { runFit } from "../dist/commands/fit.js";
import { loadCatalog } from "../dist/src/catalog/load.js";
import { chartBenchmarks } from "./charts.js";
import { recommendBenchmarks } from "./recommend.js";
import { summary } from "./stats.js";

const root = new URL("..", import.meta.url).pathname;

function fitInProcess() {
	const loaded = loadCatalog(`${root}catalog`);
	if (!loaded.ok) throw new Error("catalog invalid");
	const catalog = loaded.catalog;
	const requests = [];
	for (const m of catalog.models)
		for (const g of catalog.gpus) for (const n of [1, 2, 4, 8, 16]) requests.push(`${m.id} on ${n}x ${g.id}`);
	for (const r of requests) runFit(catalog, r); // warm-up: every request once, so the JIT has seen them all
	const samples = [];
	for (let pass = 0; pass < 3; pass++) {
		for (const r of requests) {
			const t = performance.now();
			runFit(catalog, r);
			samples.push(performance.now() - t);
		}
	}
	return summary(`fit in-process (${requests.length} model x GPU x count requests, 3 passes)`, samples);
}

function fitColdStart(runs = 10) {
	const samples = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		execFileSync(process.execPath, [`${root}bin/gpufit.js`, "fit", "deepseek-r1 on 16x H100", "--json"], { stdio: "pipe" });
		samples.push(performance.now() - t);
	}
	return summary(`fit CLI cold start (${runs} processes)`, samples);
}

const results = [fitInProcess(), ...recommendBenchmarks(), fitColdStart(), ...(await chartBenchmarks())];
const width = Math.max(...results.map((r) => r.name.length));
console.log(`${"benchmark".padEnd(width)}  ${"p50 ms".padStart(9)}  ${"p99 ms".padStart(9)}  ${"max ms".padStart(9)}`);
for (const r of results) {
	console.log(
		`${r.name.padEnd(width)}  ${r.p50Ms.toFixed(3).padStart(9)}  ${r.p99Ms.toFixed(3).padStart(9)}  ${r.maxMs.toFixed(3).padStart(9)}`,
	);
}
mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(
	`${root}bench/results/latest.json`,
	JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2),
);
