#!/usr/bin/env node
// The README's charts (its "Charts" section): one of each kind, drawn by the same code the bot runs, from the
// repository's catalog, into docs/charts/. Run after `npm run build` (it reads dist/): node scripts/readme-charts.mjs
//   fit.png      /fit llama-3.3-70b fp8 on 2x H100: memory per GPU
//   compare.png  /compare deepseek-r1 on 8x H200 vs 16x H100 vs 8x MI300X: cost against speed, margin, users
//   price.png    the price post's chart for the H100 SXM, from the catalog's dated entries
import { mkdirSync, writeFileSync } from "node:fs";
import { runCompare } from "../dist/commands/compare.js";
import { runFit } from "../dist/commands/fit.js";
import { loadCatalog } from "../dist/src/catalog/load.js";
import { chartRequestOf } from "../dist/src/chat/chart-inputs.js";
import { createChartRenderer, priceChartRequest } from "../dist/src/render/charts/index.js";

const root = new URL("..", import.meta.url).pathname;
const FIT = "llama-3.3-70b fp8 on 2x H100";
const COMPARE = "deepseek-r1 on 8x H200 vs 16x H100 vs 8x MI300X";
const PRICE_GPU = "h100-sxm";

const loaded = loadCatalog(`${root}catalog`);
if (!loaded.ok) throw new Error(`the catalog does not load: ${JSON.stringify(loaded.error)}`);
const catalog = loaded.catalog;
const gpu = catalog.gpus.find((g) => g.id === PRICE_GPU);
if (!gpu) throw new Error(`${PRICE_GPU} is not in the catalog`);

/** [file, the chart's request]: a request that has no chart is an error here, not a missing picture. */
const charts = [
	["fit.png", chartRequestOf("fit", runFit(catalog, FIT))],
	["compare.png", chartRequestOf("compare", runCompare(catalog, COMPARE))],
	["price.png", priceChartRequest(gpu, { offers: [], catalogPrices: catalog.prices })],
];

const renderer = createChartRenderer({
	log: (message, fields) => {
		throw new Error(`${message} ${JSON.stringify(fields)}`);
	},
});
mkdirSync(`${root}docs/charts`, { recursive: true });
for (const [file, request] of charts) {
	if (request === null) throw new Error(`${file}: the answer has no chart`);
	const chart = await renderer.chart(request);
	if (chart === null) throw new Error(`${file}: not drawn`);
	writeFileSync(`${root}docs/charts/${file}`, chart.png);
	console.log(`docs/charts/${file}: ${chart.width}x${chart.height}, ${chart.png.byteLength} bytes; ${chart.alt}`);
}
