// drawLinked: the chart a post is about to link (GET /charts/<key>.png, PUBLIC_URL) is drawn at once, past the busy
// gate and the rate bounds that keep answers first (Slack fetches the image as soon as the link arrives), and kept
// servable under the key the link names.
import { PNG } from "pngjs";
import { describe, expect, it, vi } from "vitest";
import type { FitChartInput } from "../../src/render/charts/fit.js";
import { FIT_CHART_WIDTH, fitChartHeight } from "../../src/render/charts/fit.js";
import { type ChartRequest, chartKey, createChartRenderer } from "../../src/render/charts/index.js";

const GIB = 2 ** 30;

const input: FitChartInput = {
	title: "Llama 3.1 8B on 1× L4",
	setup: {
		label: "1× L4 · vLLM",
		verdict: "fits",
		gpuBytes: 24 * GIB,
		capacityBytes: 21.6 * GIB,
		weightsBytes: 16 * GIB,
		overheadBytes: 1.5 * GIB,
		kvBytes: 2 * GIB,
	},
};

describe("drawLinked", () => {
	it("draws while the server is busy and past the rate bounds, and serves the same PNG under the key it names", async () => {
		const log = vi.fn();
		const renderer = createChartRenderer({ log, busy: () => true, maxPerSecond: 0, maxDrawsPerSecond: 0 });
		const request: ChartRequest = { kind: "fit", input };
		// The gated way draws nothing now.
		expect(await renderer.chart(request)).toBeNull();

		const { key, chart } = await renderer.drawLinked(request);
		// The key is the hash of the chart's facts: the same facts, the same link.
		expect(key).toBe(chartKey({ kind: "fit", input: structuredClone(input) }));
		expect(chart).not.toBeNull();
		const png = PNG.sync.read(chart!.png);
		// One bar (no alternative): the fit chart's width, and its height for one row.
		expect([png.width, png.height]).toEqual([FIT_CHART_WIDTH, fitChartHeight(1)]);
		// GET /charts/<key>.png serves these very bytes, drawn once.
		expect(await renderer.pngByKey(key)).toBe(chart!.png);
		expect((await renderer.drawLinked(request)).chart).toBe(chart);
		expect(log.mock.calls.filter(([msg]) => String(msg).startsWith("chart not rendered"))).toEqual([]);
	});
});
