// The price chart's input for one GPU: each provider's lowest price of a kind in force on each date, from the
// price history when it lists the GPU, else from the catalog's dated entries. Expected lines are worked out here
// by hand from the offers given; the drawn chart must decode at its size and name its source.
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { PRICE_CHART_WIDTH } from "../../src/render/charts/price-history.js";
import { type DatedPrice, type OfferPrices, priceChartRequest } from "../../src/render/charts/price-input.js";
import { renderChart } from "../../src/render/charts/render.js";
import { fixtureCatalog } from "../support/fixture-catalog.js";

const H100 = { id: "h100-sxm", name: "H100 SXM" };

const point = (from: string, onDemandUsd: number | null, spotUsd: number | null) => ({
	from: `${from}T07:00:00.000Z`,
	onDemandUsd,
	spotUsd,
});

/** AWS in two regions (one withdrawn later), RunPod once, and an offer of another GPU. */
const offers: OfferPrices[] = [
	{
		provider: "aws",
		gpu: "h100-sxm",
		points: [point("2026-01-05", 4.0, 1.5), point("2026-02-10", 3.5, null), point("2026-03-01", null, null)],
	},
	{ provider: "aws", gpu: "h100-sxm", points: [point("2026-01-20", 3.8, null)] },
	{ provider: "runpod", gpu: "h100-sxm", points: [point("2026-01-07", 2.69, null)] },
	{ provider: "aws", gpu: "a100-80gb", points: [point("2026-01-05", 1.1, null)] },
];

const catalogEntry = (provider: string, kind: string, usd: number, asOf: string, region = "global"): DatedPrice => ({
	gpu: "h100-sxm",
	provider,
	kind,
	usd,
	region,
	asOf,
});

describe("price chart input", () => {
	it("draws each provider's lowest price in force, from the price history", () => {
		const request = priceChartRequest(H100, { offers, catalogPrices: [catalogEntry("lambda", "on-demand", 2.99, "2026-01-01")] });
		expect(request?.kind).toBe("price-history");
		if (request?.kind !== "price-history") return;
		expect(request.input.title).toBe("H100 SXM: price per GPU-hour");
		expect(request.input.source).toBe("price feeds");
		const line = (provider: string, kind: string) =>
			request.input.points.filter((p) => p.provider === provider && p.kind === kind).map((p) => [p.date, p.usdPerGpuHour]);
		// AWS on demand: 4.00 alone; then min(4.00, 3.80); then min(3.50, 3.80); then the first region withdrawn: 3.80.
		expect(line("aws", "on-demand")).toEqual([
			["2026-01-05", 4.0],
			["2026-01-20", 3.8],
			["2026-02-10", 3.5],
			["2026-03-01", 3.8],
		]);
		// Spot listed once, then no longer: the line stops at its last price.
		expect(line("aws", "spot")).toEqual([["2026-01-05", 1.5]]);
		expect(line("runpod", "on-demand")).toEqual([["2026-01-07", 2.69]]);
		// The catalog is not mixed in while the history lists the GPU; other GPUs' offers stay out.
		expect(request.input.points.some((p) => p.provider === "lambda" || p.usdPerGpuHour === 1.1)).toBe(false);
	});

	it("falls back to the catalog's dated entries: one line per provider and kind, purchases and reserved left out", () => {
		const request = priceChartRequest(H100, {
			offers: [],
			catalogPrices: [
				catalogEntry("runpod", "on-demand", 2.99, "2025-06-01"),
				catalogEntry("runpod", "on-demand", 2.69, "2026-01-15"),
				// Another region, dearer: it does not lift the line.
				catalogEntry("runpod", "on-demand", 3.19, "2025-09-01", "eu"),
				catalogEntry("runpod", "purchase", 25_000, "2025-06-01"),
				catalogEntry("runpod", "reserved", 1.9, "2025-06-01"),
			],
		});
		if (request?.kind !== "price-history") throw new Error("no price chart");
		expect(request.input.source).toBe("catalog entries");
		expect(request.input.points).toEqual([
			{ provider: "runpod", kind: "on-demand", date: "2025-06-01", usdPerGpuHour: 2.99 },
			{ provider: "runpod", kind: "on-demand", date: "2026-01-15", usdPerGpuHour: 2.69 },
		]);
	});

	it("is null for a GPU with no price anywhere", () => {
		expect(priceChartRequest({ id: "no-such-gpu", name: "None" }, { offers, catalogPrices: [] })).toBeNull();
	});

	it("draws the fixture catalog's H100 prices, each point one of its entries, with the source named", () => {
		const catalog = fixtureCatalog();
		const gpu = catalog.gpus.find((g) => g.id === "h100-sxm");
		if (!gpu) throw new Error("h100-sxm not in the fixture catalog");
		const request = priceChartRequest(gpu, { offers: [], catalogPrices: catalog.prices });
		if (request?.kind !== "price-history") throw new Error("no price chart");
		for (const p of request.input.points) {
			const entries = catalog.prices.filter((e) => e.gpu === gpu.id && e.provider === p.provider && e.kind === p.kind);
			expect(entries.map((e) => e.usd)).toContain(p.usdPerGpuHour);
			// The lowest, over regions and instances, of each one's latest entry dated on or before the point.
			const latest = new Map<string, number>();
			for (const e of entries.filter((e) => e.asOf <= p.date).sort((a, b) => a.asOf.localeCompare(b.asOf)))
				latest.set(`${e.region}|${e.instance ?? ""}`, e.usd);
			expect(p.usdPerGpuHour).toBe(Math.min(...latest.values()));
		}
		const chart = renderChart(request, () => {
			throw new Error("nothing should be logged");
		});
		if (chart === null) throw new Error("not drawn");
		expect(PNG.sync.read(chart.png).width).toBe(PRICE_CHART_WIDTH);
		expect(chart.svg).toContain("from catalog entries");
	});
});
