// The charts as pictures: each PNG decodes at the size the chart says; the fit chart's segments are to scale
// (pixels sampled along the bar), so a chart that lies fails; text is drawn with the shipped font and no
// system fonts; a chart that cannot be drawn is null and logged once; charts are kept by answer key.
import { createHash } from "node:crypto";
import { PNG } from "pngjs";
import { describe, expect, it, vi } from "vitest";
import { ChartCache } from "../../src/render/charts/cache.js";
import {
	COMPARE_CHART_HEIGHT,
	COMPARE_CHART_WIDTH,
	type CompareChartInput,
	renderCompareChart,
} from "../../src/render/charts/compare.js";
import { renderSvg } from "../../src/render/charts/engine.js";
import {
	FIT_CHART_WIDTH,
	type FitChartInput,
	fitChartHeight,
	fitChartSpec,
	renderFitChart,
} from "../../src/render/charts/fit.js";
import { type Chart, type ChartRequest, chartKey, createChartRenderer } from "../../src/render/charts/index.js";
import { BACKGROUND, CAPACITY_COLOUR, SEGMENT_COLOURS } from "../../src/render/charts/palette.js";
import { CHART_FONTS, svgToPng } from "../../src/render/charts/png.js";
import {
	PRICE_CHART_HEIGHT,
	PRICE_CHART_WIDTH,
	type PriceHistoryInput,
	renderPriceHistoryChart,
} from "../../src/render/charts/price-history.js";

const GIB = 2 ** 30;

interface Image {
	width: number;
	height: number;
	data: Buffer;
}

function decode(png: Buffer): Image {
	const image = PNG.sync.read(png);
	return { width: image.width, height: image.height, data: image.data };
}

function rgb(hex: string): [number, number, number] {
	const n = Number.parseInt(hex.slice(1), 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Whether the pixel at (x, y) is `hex`, within `tolerance` per channel (edges are anti-aliased). */
function is(image: Image, x: number, y: number, hex: string, tolerance = 8): boolean {
	const [r, g, b] = rgb(hex);
	const i = (y * image.width + x) * 4;
	return (
		Math.abs(image.data[i]! - r) <= tolerance &&
		Math.abs(image.data[i + 1]! - g) <= tolerance &&
		Math.abs(image.data[i + 2]! - b) <= tolerance
	);
}

/** First and last x of `hex` on row y (null when none). */
function span(image: Image, y: number, hex: string, from = 0): { first: number; last: number } | null {
	let first = -1;
	let last = -1;
	for (let x = from; x < image.width; x++) {
		if (is(image, x, y, hex)) {
			if (first < 0) first = x;
			last = x;
		}
	}
	return first < 0 ? null : { first, last };
}

/** Row bands (top, bottom) where `hex` covers at least `minPixels` of a row: the bars, not the legend's swatch. */
function bands(image: Image, hex: string, minPixels = 40): { top: number; bottom: number }[] {
	const found: { top: number; bottom: number }[] = [];
	for (let y = 0; y < image.height; y++) {
		let n = 0;
		for (let x = 0; x < image.width; x++) if (is(image, x, y, hex)) n++;
		if (n < minPixels) continue;
		const last = found[found.length - 1];
		if (last && last.bottom === y - 1) last.bottom = y;
		else found.push({ top: y, bottom: y });
	}
	return found;
}

/** Pixels in the rectangle that are dark (text or lines), not the card's background. */
function darkPixels(image: Image, x0: number, y0: number, x1: number, y1: number): number {
	let n = 0;
	for (let y = y0; y < y1; y++) {
		for (let x = x0; x < x1; x++) {
			const i = (y * image.width + x) * 4;
			if (image.data[i]! + image.data[i + 1]! + image.data[i + 2]! < 3 * 120) n++;
		}
	}
	return n;
}

/** Measures one bar of the fit chart on its band: where each segment starts and ends, and the capacity mark. */
function measureBar(image: Image, band: { top: number; bottom: number }) {
	// Three pixels inside the bar's top edge: clear of the labels written in the middle of each segment.
	const y = band.top + 3;
	const weights = span(image, y, SEGMENT_COLOURS.weights);
	const free = span(image, y, SEGMENT_COLOURS.free, weights?.first ?? 0);
	// The capacity mark is taller than the bar: look for it just above the bar, where nothing else is dark.
	const mark = span(image, band.top - 4, CAPACITY_COLOUR, weights?.first ?? 0);
	if (!weights || !mark) throw new Error(`bar at y=${y} not found`);
	const capacityX = (mark.first + mark.last + 1) / 2;
	return { start: weights.first, weightsEnd: weights.last + 1, free, capacityX, width: capacityX - weights.first };
}

const fitInput = (share: number): FitChartInput => ({
	title: "Llama 3.3 70B on 2× H100 SXM",
	setup: {
		label: "2× H100 SXM · vLLM TP2",
		verdict: "fits",
		gpuBytes: 80 * GIB,
		capacityBytes: 72 * GIB,
		weightsBytes: share * 72 * GIB,
		overheadBytes: 4 * GIB,
		kvBytes: 10 * GIB,
	},
});

const compareInput: CompareChartInput = {
	title: "DeepSeek-R1: 4 setups compared",
	context: 32768,
	setups: [
		{
			label: "8× H200",
			verdict: "fits",
			hourlyUsd: 28.4,
			decodeTokPerSecPerUser: 31.5,
			marginBytes: 210 * GIB,
			usersAtContext: 42,
		},
		{
			label: "16× H100 SXM",
			verdict: "tight",
			hourlyUsd: 44,
			decodeTokPerSecPerUser: 27,
			marginBytes: 12 * GIB,
			usersAtContext: 3,
		},
		{
			label: "8× H100 SXM",
			verdict: "no-fit",
			hourlyUsd: 22,
			decodeTokPerSecPerUser: 30,
			marginBytes: -80 * GIB,
			usersAtContext: 0,
		},
		{
			label: "8× B200",
			verdict: "fits",
			hourlyUsd: null,
			decodeTokPerSecPerUser: 45,
			marginBytes: 800 * GIB,
			usersAtContext: 150,
		},
	],
};

const priceInput: PriceHistoryInput = {
	title: "H100 SXM: price per GPU-hour",
	points: [
		{ provider: "aws", kind: "on-demand", date: "2025-03-01", usdPerGpuHour: 12.29 },
		{ provider: "aws", kind: "on-demand", date: "2025-06-15", usdPerGpuHour: 6.88 },
		{ provider: "runpod", date: "2025-01-10", usdPerGpuHour: 2.99 },
		{ provider: "runpod", date: "2026-05-10", usdPerGpuHour: 2.39 },
		{ provider: "lambda", date: "2026-02-10", usdPerGpuHour: 2.99 },
	],
};

const neverLog = () => {
	throw new Error("nothing should be logged");
};

describe("fit chart", () => {
	it("decodes at its size, one bar or two", () => {
		const one = renderFitChart(fitInput(0.6), neverLog)!;
		expect(one).not.toBeNull();
		expect([one.width, one.height]).toEqual([FIT_CHART_WIDTH, fitChartHeight(1)]);
		const image = decode(one.png);
		expect([image.width, image.height]).toEqual([one.width, one.height]);
		expect(one.svg.startsWith("<svg")).toBe(true);
		expect(one.alt).toContain("weights 43.2 GiB");

		const two = renderFitChart(
			{
				...fitInput(0.6),
				alternative: { ...fitInput(0.3).setup, label: "1× H200", capacityBytes: 125 * GIB, gpuBytes: 139 * GIB },
			},
			neverLog,
		)!;
		const image2 = decode(two.png);
		expect([image2.width, image2.height]).toEqual([FIT_CHART_WIDTH, fitChartHeight(2)]);
		expect(two.alt).toContain("Suggested: 1× H200");
	});

	it.each([0.6, 0.25, 0.7])("draws the weights segment at its share of the capacity (%s) within 3 px", (share) => {
		const chart = renderFitChart(fitInput(share), neverLog)!;
		const image = decode(chart.png);
		const found = bands(image, SEGMENT_COLOURS.weights);
		expect(found).toHaveLength(1);
		const bar = measureBar(image, found[0]!);
		// The whole bar (weights to the capacity mark) is capacity's share of the axis: 72 of 80 GiB.
		expect(bar.width).toBeGreaterThan(300);
		expect(Math.abs(bar.weightsEnd - bar.start - share * bar.width)).toBeLessThanOrEqual(3);
		// Overhead and KV cache (14 GiB) lie between the weights and the free segment, which runs to the mark.
		expect(bar.free).not.toBeNull();
		expect(Math.abs(bar.free!.first - bar.weightsEnd - (14 / 72) * bar.width)).toBeLessThanOrEqual(3);
		expect(Math.abs(bar.free!.last + 1 - bar.capacityX)).toBeLessThanOrEqual(3);
	});

	it("draws the alternative's bar to its own scale", () => {
		const input: FitChartInput = {
			...fitInput(0.5),
			alternative: {
				label: "1× H200 · vLLM",
				verdict: "fits",
				gpuBytes: 139 * GIB,
				capacityBytes: 125 * GIB,
				weightsBytes: 50 * GIB,
				overheadBytes: 5 * GIB,
				kvBytes: 10 * GIB,
			},
		};
		const image = decode(renderFitChart(input, neverLog)!.png);
		const found = bands(image, SEGMENT_COLOURS.weights);
		expect(found).toHaveLength(2);
		const [first, second] = found.map((b) => measureBar(image, b));
		expect(Math.abs(first!.weightsEnd - first!.start - 0.5 * first!.width)).toBeLessThanOrEqual(3);
		expect(Math.abs(second!.weightsEnd - second!.start - (50 / 125) * second!.width)).toBeLessThanOrEqual(3);
		// One axis for both: capacities 72 and 125 GiB are drawn in that ratio.
		expect(Math.abs(second!.width / first!.width - 125 / 72)).toBeLessThan(0.02);
	});

	it("shows a setup over capacity past its capacity mark, with no free segment", () => {
		const over = fitInput(0.9); // 64.8 + 4 + 10 = 78.8 GiB of 72
		const chart = renderFitChart(over, neverLog)!;
		expect(chart.alt).toContain("6.8 GiB over");
		const image = decode(chart.png);
		const bar = measureBar(image, bands(image, SEGMENT_COLOURS.weights)[0]!);
		expect(bar.free).toBeNull();
		expect(Math.abs(bar.weightsEnd - bar.start - 0.9 * bar.width)).toBeLessThanOrEqual(3);
	});
});

describe("compare and price history charts", () => {
	it("compare decodes at its size and names every setup in its alt text", () => {
		const chart = renderCompareChart(compareInput, neverLog)!;
		const image = decode(chart.png);
		expect([image.width, image.height]).toEqual([COMPARE_CHART_WIDTH, COMPARE_CHART_HEIGHT]);
		for (const s of compareInput.setups) expect(chart.alt).toContain(s.label);
		expect(chart.alt).toContain("does not fit");
		// The setup without a price is said to be left off the scatter.
		expect(chart.svg).toContain("1 setup without a price or speed not placed");
	});

	it("price history decodes at its size, one line per provider and kind", () => {
		const chart = renderPriceHistoryChart(priceInput, neverLog)!;
		const image = decode(chart.png);
		expect([image.width, image.height]).toEqual([PRICE_CHART_WIDTH, PRICE_CHART_HEIGHT]);
		expect(chart.alt).toContain("aws on-demand: $12.29 on 2025-03-01, $6.88 on 2025-06-15");
		expect(chart.alt).toContain("runpod: $2.99 on 2025-01-10, $2.39 on 2026-05-10");
	});

	it("draws a single dated price", () => {
		const chart = renderPriceHistoryChart(
			{ title: "H200", points: [{ provider: "aws", date: "2026-08-21", usdPerGpuHour: 2.34 }] },
			neverLog,
		);
		expect(chart).not.toBeNull();
	});
});

describe("text", () => {
	it("is drawn with the shipped font and no system fonts", () => {
		expect(CHART_FONTS.every((f) => f.endsWith(".ttf"))).toBe(true);
		const { option, width, height } = fitChartSpec(fitInput(0.6));
		const svg = renderSvg(option, width, height);
		const withFont = decode(svgToPng(svg, width).data);
		// The title (top left) is written: dark pixels on the white card.
		expect(darkPixels(withFont, 0, 0, 400, 40)).toBeGreaterThan(150);
		// With no font files, resvg (system fonts off) draws no text at all: so the text above is the shipped font's.
		const withoutFont = decode(svgToPng(svg, width, []).data);
		expect(darkPixels(withoutFont, 0, 0, 400, 40)).toBe(0);
	});

	it("sits on a solid background (readable on a dark theme)", () => {
		const image = decode(renderFitChart(fitInput(0.6), neverLog)!.png);
		for (const [x, y] of [
			[0, 0],
			[image.width - 1, 0],
			[0, image.height - 1],
			[image.width - 1, image.height - 1],
		] as const) {
			expect(is(image, x, y, BACKGROUND, 0)).toBe(true);
			expect(image.data[(y * image.width + x) * 4 + 3]).toBe(255);
		}
	});
});

describe("a chart that cannot be drawn", () => {
	it("is null and logged once, never thrown", () => {
		const log = vi.fn();
		const bad = fitInput(0.6);
		bad.setup.capacityBytes = 0;
		expect(renderFitChart(bad, log)).toBeNull();
		expect(log).toHaveBeenCalledTimes(1);
		expect(log.mock.calls[0]![1]).toMatchObject({ chart: "fit" });

		const nan = vi.fn();
		expect(
			renderCompareChart({ ...compareInput, setups: [{ ...compareInput.setups[0]!, decodeTokPerSecPerUser: Number.NaN }] }, nan),
		).toBeNull();
		expect(nan).toHaveBeenCalledTimes(1);

		const noDates = vi.fn();
		expect(
			renderPriceHistoryChart({ title: "x", points: [{ provider: "a", date: "soon", usdPerGpuHour: 1 }] }, noDates),
		).toBeNull();
		expect(noDates).toHaveBeenCalledTimes(1);
	});

	it("survives a log that throws", () => {
		const bad = fitInput(0.6);
		bad.setup.weightsBytes = -1;
		expect(renderFitChart(bad, neverLog)).toBeNull();
	});

	it("through the renderer: null, logged once however often it is asked for", async () => {
		const log = vi.fn();
		const renderer = createChartRenderer({ log });
		const bad = fitInput(0.6);
		bad.setup.capacityBytes = Number.NaN;
		const request: ChartRequest = { kind: "fit", input: bad };
		expect(await renderer.chart(request)).toBeNull();
		expect(await renderer.chart(request)).toBeNull();
		expect(log).toHaveBeenCalledTimes(1);
	});

	it("through the renderer: an engine that cannot load is logged once, every chart null", async () => {
		const log = vi.fn();
		const renderer = createChartRenderer({
			log,
			load: () => Promise.reject(new Error("Cannot find module '@resvg/resvg-js-linux-x64-gnu'")),
		});
		const results = await Promise.all([
			renderer.chart({ kind: "fit", input: fitInput(0.6) }),
			renderer.chart({ kind: "compare", input: compareInput }),
		]);
		expect(results).toEqual([null, null]);
		expect(await renderer.chart({ kind: "price-history", input: priceInput })).toBeNull();
		expect(log).toHaveBeenCalledTimes(1);
		expect(log.mock.calls[0]![0]).toMatch(/charts unavailable/);
	});

	it("through the renderer: an engine that throws is null, logged once", async () => {
		const log = vi.fn();
		const renderer = createChartRenderer({
			log,
			load: async () => ({
				renderChartAsync: () => {
					throw new Error("boom");
				},
			}),
		});
		expect(await renderer.chart({ kind: "fit", input: fitInput(0.6) })).toBeNull();
		expect(await renderer.chart({ kind: "fit", input: fitInput(0.6) })).toBeNull();
		expect(log).toHaveBeenCalledTimes(1);
	});
});

describe("a burst of charts", () => {
	/** An engine whose charts finish when the test says, counting how many it draws at once. */
	function gatedEngine() {
		const gates: (() => void)[] = [];
		const state = { drawing: 0, mostAtOnce: 0, drawn: 0 };
		const engine = {
			renderChartAsync: async () => {
				state.drawing++;
				state.mostAtOnce = Math.max(state.mostAtOnce, state.drawing);
				await new Promise<void>((resolve) => gates.push(resolve));
				state.drawing--;
				state.drawn++;
				return { png: Buffer.from([state.drawn]), svg: "<svg/>", alt: "a chart", width: 1, height: 1 };
			},
		};
		/** Lets the chart being drawn finish, once it has started. */
		const release = async () => {
			while (gates.length === 0) await new Promise((r) => setTimeout(r, 1));
			gates.shift()!();
		};
		return { engine, state, release };
	}

	it("draws one chart at a time, and skips those past maxPending, logged once per burst and not kept", async () => {
		const log = vi.fn();
		const { engine, state, release } = gatedEngine();
		const renderer = createChartRenderer({ log, load: async () => engine, maxPending: 2 });
		const request = (n: number): ChartRequest => ({ kind: "fit", input: fitInput(n / 10) });
		const first = renderer.chart(request(1));
		const second = renderer.chart(request(2));
		// Two waiting: the third and fourth are skipped at once, with one line for the burst.
		expect(await renderer.chart(request(3))).toBeNull();
		expect(await renderer.chart(request(4))).toBeNull();
		expect(log).toHaveBeenCalledTimes(1);
		expect(log.mock.calls[0]![0]).toMatch(/charts skipped/);
		await release();
		await release();
		expect((await first)?.png).toEqual(Buffer.from([1]));
		expect((await second)?.png).toEqual(Buffer.from([2]));
		expect(state.mostAtOnce).toBe(1);
		// The burst is over: a skipped answer asked again is drawn (nothing was kept for it).
		const third = renderer.chart(request(3));
		await release();
		expect((await third)?.png).toEqual(Buffer.from([3]));
		expect(log).toHaveBeenCalledTimes(1);
	});
});

describe("a busy process", () => {
	it("draws and hands out no chart while busy, logged once, yet serves a remembered one by its key", async () => {
		const log = vi.fn();
		let busy = false;
		const renderer = createChartRenderer({ log, busy: () => busy });
		const request: ChartRequest = { kind: "fit", input: fitInput(0.6) };
		const other: ChartRequest = { kind: "fit", input: fitInput(0.3) };
		const key = renderer.remember(request);
		const kept = await renderer.chart(request);
		expect(kept).not.toBeNull();
		busy = true;
		// Neither a kept chart nor a new one while the answers need the time.
		expect(await renderer.chart(request)).toBeNull();
		expect(await renderer.chart(other)).toBeNull();
		expect(log).toHaveBeenCalledTimes(1);
		expect(log.mock.calls[0]![0]).toMatch(/charts skipped: the server is busy/);
		// GET /charts/<key>.png is someone fetching the picture a card links: served all the same.
		expect(await renderer.pngByKey(key)).toBe(kept!.png);
		busy = false;
		expect((await renderer.chart(request))?.png).toBe(kept!.png);
		// The skipped chart was not kept as a failure: drawn now.
		expect(await renderer.chart(other)).not.toBeNull();
	});
});

describe("charts per second", () => {
	it("hands out at most maxPerSecond in a burst, the rest skipped (logged once), and more as the seconds pass", async () => {
		const log = vi.fn();
		// The test's clock: it moves only when told, however long drawing takes on this machine.
		let clock = 1_000_000;
		const renderer = createChartRenderer({ log, maxPerSecond: 2, now: () => clock });
		const request: ChartRequest = { kind: "fit", input: fitInput(0.6) };
		// Drawn first through GET's way (not counted).
		const key = renderer.remember(request);
		const png = await renderer.pngByKey(key);
		expect((await renderer.chart(request))?.png).toBe(png);
		expect((await renderer.chart(request))?.png).toBe(png);
		// A third within the same instant: over the bound.
		expect(await renderer.chart(request)).toBeNull();
		expect(await renderer.chart(request)).toBeNull();
		expect(log).toHaveBeenCalledTimes(1);
		expect(log.mock.calls[0]![0]).toMatch(/more than 2 charts a second/);
		// 2 a second: a quarter of a second refills half a token (not enough), half a second one.
		clock += 250;
		expect(await renderer.chart(request)).toBeNull();
		clock += 250;
		expect((await renderer.chart(request))?.png).toBe(png);
		expect(await renderer.chart(request)).toBeNull();
		// A quiet spell fills the bucket to 2, no more.
		clock += 60_000;
		expect((await renderer.chart(request))?.png).toBe(png);
		expect((await renderer.chart(request))?.png).toBe(png);
		expect(await renderer.chart(request)).toBeNull();
	});

	it("draws at most maxDrawsPerSecond new charts, while kept ones are still handed out", async () => {
		const log = vi.fn();
		// The test's clock: loading the engine and drawing the first chart may take seconds; no time passes here.
		let clock = 1_000_000;
		const renderer = createChartRenderer({ log, maxDrawsPerSecond: 1, now: () => clock });
		const kept = await renderer.chart({ kind: "fit", input: fitInput(0.6) });
		expect(kept).not.toBeNull();
		// The drawing took the second's one token; this is a new chart.
		const fresh: ChartRequest = { kind: "fit", input: fitInput(0.3) };
		expect(await renderer.chart(fresh)).toBeNull();
		expect(log.mock.calls.map((c) => c[0])).toEqual(["charts skipped: more than 1 new charts a second"]);
		expect((await renderer.chart({ kind: "fit", input: fitInput(0.6) }))?.png).toBe(kept!.png);
		// A second later the bucket holds one draw again: the skipped chart is drawn (nothing was kept for it).
		clock += 1000;
		expect(await renderer.chart(fresh)).not.toBeNull();
	});
});

describe("cache by chart key", () => {
	it("returns the same Buffer for the same request, drawn once", async () => {
		const renderer = createChartRenderer({ log: neverLog });
		const request: ChartRequest = { kind: "fit", input: fitInput(0.6) };
		const [a, b] = await Promise.all([renderer.chart(request), renderer.chart(request)]);
		const c = await renderer.chart(request);
		expect(a).not.toBeNull();
		expect(b!.png).toBe(a!.png);
		expect(c!.png).toBe(a!.png);
		expect(a!.fileName).toBe(`gpufit-fit-${a!.hash.slice(0, 12)}.png`);
		const d = await renderer.chart({ kind: "fit", input: fitInput(0.3) });
		expect(d!.png).not.toBe(a!.png);
		expect(d!.hash).not.toBe(a!.hash);
	});

	it("serves a remembered request's PNG by its key, and nothing else", async () => {
		const renderer = createChartRenderer({ log: neverLog });
		const request: ChartRequest = { kind: "fit", input: fitInput(0.6) };
		// Not remembered yet: nothing served, even for the right key.
		expect(await renderer.pngByKey(chartKey(request))).toBeUndefined();
		const key = renderer.remember(request);
		expect(key).toMatch(/^[0-9a-f]{32}$/);
		// The key is the SHA-256 of the kind and the input, so it moves with the facts and with nothing else.
		expect(key).toBe(
			createHash("sha256")
				.update(`fit\u0000${JSON.stringify(request.input)}`)
				.digest("hex")
				.slice(0, 32),
		);
		expect(chartKey({ kind: "fit", input: fitInput(0.3) })).not.toBe(key);
		const png = await renderer.pngByKey(key);
		expect(png).toBe((await renderer.chart(request))!.png);
		for (const bad of ["../../etc/passwd", key.toUpperCase(), `${key}0`, "0".repeat(32)])
			expect(await renderer.pngByKey(bad)).toBeUndefined();
	});

	it("keeps the most recently used charts within its byte bound", () => {
		const chart = (n: number): Chart => ({
			kind: "fit",
			svg: "",
			alt: "",
			png: Buffer.alloc(1000, n),
			width: 1,
			height: 1,
			hash: String(n).padStart(32, "0"),
			fileName: "x.png",
		});
		const cache = new ChartCache(3500);
		cache.set("a", chart(1));
		cache.set("b", chart(2));
		cache.set("c", chart(3));
		expect(cache.get("a")).not.toBeUndefined(); // a is now the most recent
		cache.set("d", chart(4));
		expect(cache.get("b")).toBeUndefined();
		expect(cache.get("a")!.png[0]).toBe(1);
		expect(cache.bytes).toBeLessThanOrEqual(3500);
		cache.clear();
		expect(cache.size).toBe(0);
	});
});
