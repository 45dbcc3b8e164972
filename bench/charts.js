#!/usr/bin/env node
// Chart rendering (issue 18), apart from the text path: the chart engine's load in a fresh process, and each
// chart's render time (ECharts SVG, resvg PNG, both) once warm. Charts are drawn only when asked for and then
// kept by answer key, so these costs never reach a text answer. `node bench/charts.js` prints them alone;
// bench/run.js includes them.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { build } from "rolldown";
import { loadCatalog } from "../dist/src/catalog/load.js";
import { priceChartRequest } from "../dist/src/render/charts/price-input.js";
import config from "../rolldown.config.js";
import { summary } from "./stats.js";

const root = new URL("..", import.meta.url).pathname;
const GIB = 2 ** 30;
const RUNS = 30;

const fit = {
	title: "Llama 3.3 70B on 2× H100 SXM",
	setup: {
		label: "2× H100 SXM · vLLM TP2",
		verdict: "fits",
		gpuBytes: 79.2 * GIB,
		capacityBytes: 72 * GIB,
		weightsBytes: 43.2 * GIB,
		overheadBytes: 4.5 * GIB,
		kvBytes: 10 * GIB,
	},
	alternative: {
		label: "1× H200 · vLLM",
		verdict: "tight",
		gpuBytes: 139 * GIB,
		capacityBytes: 125 * GIB,
		weightsBytes: 86 * GIB,
		overheadBytes: 5 * GIB,
		kvBytes: 40 * GIB,
	},
};

const compare = {
	title: "DeepSeek-R1: 6 setups compared",
	context: 32768,
	setups: [
		["8× H200", "fits", 28.4, 31.5, 210, 42],
		["8× MI300X", "fits", 21, 24.2, 640, 120],
		["16× H100 SXM", "tight", 44, 27, 12, 3],
		["8× H100 SXM", "no-fit", 22, 30, -80, 0],
		["8× B200", "fits", 48, 45, 800, 150],
		["8× MI325X", "fits", null, 26, 900, 170],
	].map(([label, verdict, hourlyUsd, decodeTokPerSecPerUser, marginGib, usersAtContext]) => ({
		label,
		verdict,
		hourlyUsd,
		decodeTokPerSecPerUser,
		marginBytes: marginGib * GIB,
		usersAtContext,
	})),
};

/** The price post's chart of the H100 SXM from the catalog's dated entries (as scripts/readme-charts.mjs draws it). */
function priceHistory() {
	const loaded = loadCatalog(`${root}catalog`);
	if (!loaded.ok) throw new Error("catalog invalid");
	const gpu = loaded.catalog.gpus.find((g) => g.id === "h100-sxm");
	const request = gpu && priceChartRequest(gpu, { offers: [], catalogPrices: loaded.catalog.prices });
	if (!request) throw new Error("no H100 SXM prices in the catalog");
	return request.input;
}

/**
 * The chart engine bundled as the shipped program bundles it (rolldown.config.js: one lazily loaded chunk,
 * resvg left to node_modules), into dist/bench-charts/gpufit/ (as deep as dist/bundle/gpufit/).
 */
async function bundledEngine() {
	const dir = `${root}dist/bench-charts/gpufit`;
	await build({
		...config,
		input: { "chart-engine": `${root}dist/src/render/charts/render.js` },
		output: { ...config.output, dir, entryFileNames: "[name].js" },
		logLevel: "warn",
		write: true,
	});
	if (!readdirSync(dir).includes("chart-engine.js")) throw new Error("chart engine not bundled");
	return `${dir}/chart-engine.js`;
}

/** A fresh process: import the bundled chart engine, then draw the fit chart once. */
function coldStart(engine, runs = 5) {
	const script = `
		const t0 = performance.now();
		const m = await import(${JSON.stringify(engine)});
		const t1 = performance.now();
		const c = m.renderChart({ kind: "fit", input: ${JSON.stringify(fit)} }, (msg) => { throw new Error(msg); });
		if (!c) process.exit(1);
		console.log(JSON.stringify([t1 - t0, performance.now() - t1]));`;
	const load = [];
	const first = [];
	for (let i = 0; i < runs; i++) {
		const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
		const [l, f] = JSON.parse(out);
		load.push(l);
		first.push(f);
	}
	return [
		summary(`chart engine import (bundled chunk), fresh process (${runs} processes)`, load),
		summary(`first chart after the import, fresh process (${runs} processes)`, first),
	];
}

export async function chartBenchmarks() {
	const { renderChart } = await import("../dist/src/render/charts/render.js");
	const { renderSvg } = await import("../dist/src/render/charts/engine.js");
	const { svgToPng } = await import("../dist/src/render/charts/png.js");
	const { fitChartSpec } = await import("../dist/src/render/charts/fit.js");
	const { compareChartSpec } = await import("../dist/src/render/charts/compare.js");
	const { priceHistoryChartSpec } = await import("../dist/src/render/charts/price-history.js");
	const fail = (msg, fields) => {
		throw new Error(`${msg} ${JSON.stringify(fields)}`);
	};
	const charts = [
		["fit (2 bars)", { kind: "fit", input: fit }, fitChartSpec],
		["compare (6 setups)", { kind: "compare", input: compare }, compareChartSpec],
		["price history (catalog H100 SXM)", { kind: "price-history", input: priceHistory() }, priceHistoryChartSpec],
	];
	const results = coldStart(await bundledEngine());
	for (const [name, request, specOf] of charts) {
		for (let i = 0; i < 5; i++) renderChart(request, fail); // warm-up
		const total = [];
		const svgOnly = [];
		const pngOnly = [];
		let bytes = 0;
		for (let i = 0; i < RUNS; i++) {
			let t = performance.now();
			const chart = renderChart(request, fail);
			total.push(performance.now() - t);
			bytes = chart.png.byteLength;
			const spec = specOf(request.input);
			t = performance.now();
			const svg = renderSvg(spec.option, spec.width, spec.height);
			svgOnly.push(performance.now() - t);
			t = performance.now();
			svgToPng(svg, spec.width);
			pngOnly.push(performance.now() - t);
		}
		results.push(
			summary(`chart ${name}: SVG + PNG (${Math.round(bytes / 1024)} KB PNG)`, total),
			summary(`chart ${name}: ECharts SVG only`, svgOnly),
			summary(`chart ${name}: resvg PNG only`, pngOnly),
		);
	}
	return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	for (const r of await chartBenchmarks()) {
		console.log(`${r.name}: p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms, max ${r.maxMs.toFixed(2)} ms`);
	}
}
