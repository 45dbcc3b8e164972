// /fit: memory per GPU as one stacked horizontal bar per setup (weights, engine overhead, the request's KV
// cache, free up to the engine's capacity), the engine's capacity as a dark mark across the bar, and the same
// for the suggested alternative when there is one. Segments are to scale: the weights segment spans exactly
// its share of the capacity (test/render/charts.test.ts measures it in the PNG).

import type { MemoryChart, MemoryChartSetup } from "../../chat/reply.js";
import {
	baseOption,
	type ChartImage,
	type ChartLog,
	type ChartOption,
	type ChartSpec,
	drawChart,
	gib,
	requireFinite,
} from "./engine.js";
import { CAPACITY_COLOUR, GRID_LINE, INK, MUTED, SEGMENT_COLOURS, VERDICT_STYLE } from "./palette.js";

/** The chart's input is the reply model's (chat/reply.ts): facts per setup, drawn here. */
export type FitChartSetup = MemoryChartSetup;
export type FitChartInput = MemoryChart;

export const FIT_CHART_WIDTH = 800;
/** Height of the chart with `rows` bars (1 or 2). */
export function fitChartHeight(rows: number): number {
	return 150 + 76 * rows;
}

/** Left and right edges of the plot: fixed, so bars are to scale whatever the labels. */
const GRID = { left: 240, right: 40, top: 96, bottom: 44 };
const BAR_HEIGHT = 30;
const GIB = 2 ** 30;

interface Segments {
	weights: number;
	overhead: number;
	kv: number;
	free: number;
	used: number;
}

function segments(s: FitChartSetup): Segments {
	requireFinite("fit chart", {
		gpuBytes: s.gpuBytes,
		capacityBytes: s.capacityBytes,
		weightsBytes: s.weightsBytes,
		overheadBytes: s.overheadBytes,
		kvBytes: s.kvBytes,
	});
	if (!(s.capacityBytes > 0)) throw new Error(`fit chart: capacity of "${s.label}" must be positive`);
	for (const [k, v] of [
		["weightsBytes", s.weightsBytes],
		["overheadBytes", s.overheadBytes],
		["kvBytes", s.kvBytes],
	] as const) {
		if (v < 0) throw new Error(`fit chart: ${k} of "${s.label}" is negative`);
	}
	const used = s.weightsBytes + s.overheadBytes + s.kvBytes;
	return {
		weights: s.weightsBytes,
		overhead: s.overheadBytes,
		kv: s.kvBytes,
		free: Math.max(0, s.capacityBytes - used),
		used,
	};
}

/** A round axis end at or above `gibValue`, and its tick step (10, 20, 40, 80 ...: at most 8 ticks). */
function axisScale(gibValue: number): { max: number; step: number } {
	let step = 10;
	while (gibValue / step > 8) step *= 2;
	return { max: Math.max(step, Math.ceil(gibValue / step) * step), step };
}

function rowLabel(s: FitChartSetup, alternative: boolean): string {
	return `${alternative ? "Suggested: " : ""}${s.label}\n${VERDICT_STYLE[s.verdict].word} · ${gib(s.gpuBytes)} GiB/GPU`;
}

function describe(s: FitChartSetup, seg: Segments): string {
	const over = seg.used > s.capacityBytes ? `, ${gib(seg.used - s.capacityBytes)} GiB over` : `, free ${gib(seg.free)} GiB`;
	return `${s.label} (${VERDICT_STYLE[s.verdict].word}): weights ${gib(seg.weights)} GiB, engine overhead ${gib(seg.overhead)} GiB, KV cache ${gib(seg.kv)} GiB${over} of the engine's ${gib(s.capacityBytes)} GiB per GPU`;
}

export function fitChartSpec(input: FitChartInput): ChartSpec {
	const rows = [input.setup, ...(input.alternative ? [input.alternative] : [])];
	const segs = rows.map(segments);
	const width = FIT_CHART_WIDTH;
	const height = fitChartHeight(rows.length);
	// Room past an overflowing bar for its "over" label.
	const extent = (s: FitChartSetup, seg: Segments) =>
		Math.max(s.capacityBytes, s.gpuBytes, seg.used > s.capacityBytes ? seg.used * 1.2 : seg.used);
	const axis = axisScale(Math.max(...rows.map((s, i) => extent(s, segs[i]!))) / GIB);
	const maxGib = axis.max;
	const plotWidth = width - GRID.left - GRID.right;
	const categories = rows.map((s, i) => rowLabel(s, i > 0));

	// A segment's value inside it, when it is wide enough to hold the text.
	const labelled = (bytes: number, colour: string) => ({
		value: bytes / GIB,
		label: { show: (bytes / GIB / maxGib) * plotWidth >= 46, color: colour },
	});
	const segmentSeries = (
		name: string,
		key: keyof Omit<Segments, "used">,
		colour: string,
		labelColour: string,
		decal?: Record<string, unknown>,
	) => ({
		type: "bar" as const,
		name,
		stack: "memory",
		barWidth: BAR_HEIGHT,
		itemStyle: { color: colour, ...(decal ? { decal } : {}) },
		label: { position: "inside" as const, fontSize: 12, formatter: (p: { value: unknown }) => `${gib(Number(p.value) * GIB)}` },
		data: segs.map((seg) => labelled(seg[key], labelColour)),
	});

	const option: ChartOption = {
		...baseOption(),
		title: {
			text: input.title,
			subtext: "Memory per GPU (GiB)",
			left: 16,
			top: 12,
			textStyle: { fontSize: 17, fontWeight: 600, color: INK },
			subtextStyle: { fontSize: 13, color: MUTED },
		},
		legend: {
			top: 62,
			left: GRID.left - 8,
			itemWidth: 14,
			itemHeight: 12,
			itemGap: 16,
			textStyle: { color: INK, fontSize: 12 },
			data: ["weights", "engine overhead", "KV cache", "free", "engine capacity"],
		},
		grid: { ...GRID, containLabel: false },
		xAxis: {
			type: "value",
			min: 0,
			max: maxGib,
			interval: axis.step,
			axisLabel: { color: MUTED, fontSize: 12 },
			splitLine: { lineStyle: { color: GRID_LINE } },
		},
		yAxis: {
			type: "category",
			inverse: true,
			data: categories,
			axisTick: { show: false },
			axisLine: { lineStyle: { color: GRID_LINE } },
			axisLabel: { color: INK, fontSize: 12, width: GRID.left - 24, overflow: "truncate", lineHeight: 17 },
		},
		series: [
			segmentSeries("weights", "weights", SEGMENT_COLOURS.weights, "#FFFFFF"),
			segmentSeries("engine overhead", "overhead", SEGMENT_COLOURS.overhead, INK, {
				symbol: "rect",
				dashArrayX: [1, 0],
				dashArrayY: [2, 4],
				rotation: Math.PI / 4,
				color: "rgba(0,0,0,0.22)",
			}),
			segmentSeries("KV cache", "kv", SEGMENT_COLOURS.kv, INK, {
				symbol: "circle",
				symbolSize: 0.6,
				dashArrayX: [[3, 3]],
				dashArrayY: [3, 3],
				color: "rgba(0,0,0,0.25)",
			}),
			segmentSeries("free", "free", SEGMENT_COLOURS.free, MUTED),
			{
				// The capacity line: one dark mark per bar at what the engine may use, taller than the bar.
				type: "scatter",
				name: "engine capacity",
				symbol: "rect",
				symbolSize: [3, BAR_HEIGHT + 16],
				itemStyle: { color: CAPACITY_COLOUR, opacity: 1 },
				z: 10,
				label: {
					show: true,
					position: "top",
					distance: 2,
					fontSize: 11,
					color: INK,
					formatter: (p: { value: unknown }) => `${gib(Number((p.value as number[])[0]) * GIB)}`,
				},
				data: rows.map((s, i) => [s.capacityBytes / GIB, i]),
			},
			{
				// Where a setup needs more than the engine may use: how much more, at the end of its bar.
				type: "scatter",
				name: "over",
				symbolSize: 0,
				silent: true,
				label: {
					show: true,
					position: "right",
					distance: 6,
					fontSize: 12,
					fontWeight: 600,
					color: INK,
					formatter: (p: { value: unknown }) => `${gib(Number((p.value as number[])[2]))} GiB over`,
				},
				data: rows.flatMap((s, i) => {
					const over = segs[i]!.used - s.capacityBytes;
					return over > 0 ? [[segs[i]!.used / GIB, i, over]] : [];
				}),
			},
		],
	};
	const alt = `Memory per GPU for ${input.title}. ${segs.map((seg, i) => (i > 0 ? `Suggested: ${describe(rows[i]!, seg)}` : describe(rows[i]!, seg))).join(". ")}.`;
	return { option, width, height, alt };
}

/** The /fit chart, or null (logged once through `log`) when it cannot be drawn. */
export function renderFitChart(input: FitChartInput, log: ChartLog): ChartImage | null {
	return drawChart("fit", log, () => fitChartSpec(input));
}
