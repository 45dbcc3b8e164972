// `--png FILE` writes the answer's chart beside the text answer (issue 18), from the shipped bundle.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { gpuSpokenName } from "../../src/prices/names.js";
import { COMPARE_CHART_HEIGHT, COMPARE_CHART_WIDTH } from "../../src/render/charts/compare.js";
import { FIT_CHART_WIDTH, fitChartHeight } from "../../src/render/charts/fit.js";
import { createChartRenderer, priceChartRequest } from "../../src/render/charts/index.js";
import { PRICE_CHART_HEIGHT, PRICE_CHART_WIDTH } from "../../src/render/charts/price-history.js";
import { runCli } from "../support/cli-run.js";
import { FIXTURE_CATALOG_DIR, fixtureCatalog } from "../support/fixture-catalog.js";

const dir = mkdtempSync(join(tmpdir(), "gpufit-png-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gpufit = (...args: string[]) => runCli(args);

describe("gpufit --png", () => {
	it("fit writes the memory chart (one bar) and prints the same answer as without it", async () => {
		const file = join(dir, "fit.png");
		const withChart = await gpufit("fit", "llama-3.1-8b on 1x h100", "--json", "--png", file);
		const plain = await gpufit("fit", "llama-3.1-8b on 1x h100", "--json");
		expect(withChart.code).toBe(0);
		expect(withChart.stdout).toBe(plain.stdout);
		const png = PNG.sync.read(readFileSync(file));
		expect([png.width, png.height]).toEqual([FIT_CHART_WIDTH, fitChartHeight(1)]);
	});

	it("compare and recommend write the cost-against-speed chart", async () => {
		for (const [command, request] of [
			["compare", "llama-3.1-70b on 2x h100 vs 4x a100"],
			["recommend", "llama-3.1-8b ctx 8k users 4"],
		] as const) {
			const file = join(dir, `${command}.png`);
			expect((await gpufit(command, request, "--png", file)).code).toBe(0);
			const png = PNG.sync.read(readFileSync(file));
			expect([png.width, png.height]).toEqual([COMPARE_CHART_WIDTH, COMPARE_CHART_HEIGHT]);
		}
	});

	it("prices history writes the GPU's price chart, the price post's, and prints the same history as without it", async () => {
		// The fixture catalog and an empty state: no feed ran, so the chart draws the catalog's dated entries.
		const env = { CATALOG_DIR: FIXTURE_CATALOG_DIR, GPUFIT_STATE_DIR: join(dir, "state") };
		const file = join(dir, "history.png");
		const withChart = await runCli(["prices", "history", "h100", "--png", file], env);
		const plain = await runCli(["prices", "history", "h100"], env);
		expect(withChart.code).toBe(0);
		expect(withChart.stdout).toBe(plain.stdout);
		const written = readFileSync(file);
		const png = PNG.sync.read(written);
		expect([png.width, png.height]).toEqual([PRICE_CHART_WIDTH, PRICE_CHART_HEIGHT]);
		// The bytes of H100 SXM's chart drawn here from the same entries: the chart of that GPU, not another's.
		const catalog = fixtureCatalog();
		const gpu = { id: "h100-sxm", name: gpuSpokenName(catalog, "h100-sxm") };
		const request = priceChartRequest(gpu, { offers: [], catalogPrices: catalog.prices });
		const chart = request && (await createChartRenderer({ log: () => {} }).chart(request));
		expect(chart && written.equals(chart.png)).toBe(true);
	});

	it("an answer without a chart says so and still answers", async () => {
		const r = await gpufit("gpus", "h100", "--png", join(dir, "none.png"));
		expect(r.code).toBe(0);
		expect(r.stderr).toContain("has no chart");
	});
});
