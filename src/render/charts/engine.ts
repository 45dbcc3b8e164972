// The chart engine: Apache ECharts' server-side SVG renderer (no DOM, no canvas), then resvg for the PNG.
// Only the chart types and components the charts use are registered, so the lazily loaded chunk stays small.
// Loaded by dynamic import only (see lazy.ts): nothing here runs before the first chart is asked for.
import {
	BarChart,
	type BarSeriesOption,
	LineChart,
	type LineSeriesOption,
	ScatterChart,
	type ScatterSeriesOption,
} from "echarts/charts";
import {
	AriaComponent,
	GraphicComponent,
	type GraphicComponentOption,
	GridComponent,
	type GridComponentOption,
	LegendComponent,
	type LegendComponentOption,
	MarkLineComponent,
	type MarkLineComponentOption,
	TitleComponent,
	type TitleComponentOption,
} from "echarts/components";
import { type ComposeOption, init, setPlatformAPI, use } from "echarts/core";
import { LabelLayout } from "echarts/features";
import { SVGRenderer } from "echarts/renderers";
import { BACKGROUND, FONT_FAMILY, INK } from "./palette.js";
import { svgToPng } from "./png.js";

// LabelLayout: the labels' moveOverlap (the price and compare charts' end labels). Without it the shipped bundle
// drew those labels on top of each other, while the same chart drawn from the sources under vitest did not.
use([
	BarChart,
	LabelLayout,
	LineChart,
	ScatterChart,
	AriaComponent,
	GraphicComponent,
	GridComponent,
	LegendComponent,
	MarkLineComponent,
	TitleComponent,
	SVGRenderer,
]);

// Without a canvas, ECharts estimates text widths from Arial's; Inter runs about 8% wider. Labels are laid
// out (and kept from overlapping) from these widths, so they are scaled to the font the PNG is drawn with.
const ARIAL_TO_INTER = 1.08;
const ARIAL_WIDTHS = "007LLmW'55;N0500LLLLLLLLLL00NNNLzWW\\\\WQb\\0FWLg\\bWb\\WQ\\WrWWQ000CL5LLFLL0LL**F*gLLLL5F0LF\\FFF5.5N";
setPlatformAPI({
	measureText(text: string, font?: string) {
		const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? "")?.[1] ?? 12);
		let em = 0;
		for (const ch of text) {
			const code = ch.charCodeAt(0) - 32;
			em += code >= 0 && code < ARIAL_WIDTHS.length ? (ARIAL_WIDTHS.charCodeAt(code) - 20) / 100 : 1;
		}
		return { width: em * size * ARIAL_TO_INTER };
	},
});

export type ChartOption = ComposeOption<
	| BarSeriesOption
	| LineSeriesOption
	| ScatterSeriesOption
	| GraphicComponentOption
	| GridComponentOption
	| LegendComponentOption
	| MarkLineComponentOption
	| TitleComponentOption
>;

/** What every chart returns: the SVG ECharts drew, its PNG, the PNG's size in pixels, and a text alternative. */
export interface ChartImage {
	svg: string;
	png: Buffer;
	width: number;
	height: number;
	/** One or two sentences saying what the chart shows, for the image's alt text. */
	alt: string;
}

/** Where a chart that could not be drawn is reported (a Logger's `warn` or `error` fits). */
export type ChartLog = (msg: string, fields?: Record<string, unknown>) => void;

/** Settings every chart shares: no animation, the card background, the font and ink. */
export function baseOption(): ChartOption {
	return {
		animation: false,
		backgroundColor: BACKGROUND,
		textStyle: { fontFamily: FONT_FAMILY, color: INK, fontSize: 13 },
		aria: { enabled: false },
	};
}

/** The option drawn as SVG at `width` x `height`. */
export function renderSvg(option: ChartOption, width: number, height: number): string {
	const chart = init(null, null, { renderer: "svg", ssr: true, width, height });
	try {
		chart.setOption(option);
		return chart.renderToSVGString();
	} finally {
		chart.dispose();
	}
}

/** What a chart module builds from its input: the ECharts option, the picture's size and its alt text. */
export interface ChartSpec {
	option: ChartOption;
	width: number;
	height: number;
	alt: string;
}

function reportFailure(name: string, log: ChartLog, err: unknown): null {
	try {
		log("chart not rendered", { chart: name, error: err instanceof Error ? err.message : String(err) });
	} catch {
		// A log that throws must not undo the promise that nothing is thrown.
	}
	return null;
}

/**
 * Draws a chart: the spec's option as SVG, then as PNG. Whatever fails (bad input, ECharts, resvg) is logged
 * once through `log` and the chart is null: a chart never costs the answer it goes with.
 */
export function drawChart(name: string, log: ChartLog, build: () => ChartSpec): ChartImage | null {
	try {
		const { option, width, height, alt } = build();
		const svg = renderSvg(option, width, height);
		const png = svgToPng(svg, width);
		return { svg, png: png.data, width: png.width, height: png.height, alt };
	} catch (err) {
		return reportFailure(name, log, err);
	}
}

/**
 * drawChart with a turn of the event loop between the SVG and the PNG, so a text answer waits behind one step at
 * most. Both run on this thread: with resvg's renderAsync on libuv's pool, each pool thread's allocator kept buffers
 * of its own, and peak RSS under load was 5-8 MB higher (docs/performance.md, "Charts").
 */
export async function drawChartAsync(name: string, log: ChartLog, build: () => ChartSpec): Promise<ChartImage | null> {
	try {
		const { option, width, height, alt } = build();
		const svg = renderSvg(option, width, height);
		await new Promise<void>((resolve) => setImmediate(resolve));
		const png = svgToPng(svg, width);
		return { svg, png: png.data, width: png.width, height: png.height, alt };
	} catch (err) {
		return reportFailure(name, log, err);
	}
}

/** Bytes as GiB, one decimal under 100. */
export function gib(bytes: number): string {
	const g = bytes / 2 ** 30;
	return g >= 100 ? g.toFixed(0) : g.toFixed(1);
}

/** Checks that every value is a finite number, or null where allowed (charts drawn from NaN or Infinity would lie). */
export function requireFinite(
	what: string,
	values: Record<string, number | null | undefined>,
	nullable: readonly string[] = [],
): void {
	for (const [k, v] of Object.entries(values)) {
		if (v === null && nullable.includes(k)) continue;
		if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${what}: ${k} is not a finite number (${v})`);
	}
}
