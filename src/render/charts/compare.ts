// /compare and /recommend: every setup as a point of hourly cost (x) against decode speed per user (y),
// labelled, its verdict told by colour, marker shape and the legend's word; below, a grouped bar per setup of
// its memory margin (GiB, left axis) and how many users it holds at the request's context (right axis).

import type { CostSpeedChart, CostSpeedSetup } from "../../chat/reply.js";
import {
	baseOption,
	type ChartImage,
	type ChartLog,
	type ChartOption,
	type ChartSpec,
	drawChart,
	requireFinite,
} from "./engine.js";
import { type ChartVerdict, GRID_LINE, INK, MUTED, OKABE_ITO, VERDICT_STYLE } from "./palette.js";

/** The chart's input is the reply model's (chat/reply.ts). */
export type CompareChartSetup = CostSpeedSetup;
export type CompareChartInput = CostSpeedChart;

export const COMPARE_CHART_WIDTH = 800;
export const COMPARE_CHART_HEIGHT = 640;
const GIB = 2 ** 30;
const LEFT = 72;
const RIGHT = 72;

function tokens(n: number): string {
	if (n >= 1024 && n % 1024 === 0) return `${n / 1024}K`;
	if (n >= 1000) return `${Math.round(n / 1000)}k`;
	return String(n);
}

function usd(n: number): string {
	return Number.isInteger(n) || n >= 100 ? `$${n.toFixed(0)}` : `$${n.toFixed(2)}`;
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
	if (!(raw > 0)) return 1;
	const p = 10 ** Math.floor(Math.log10(raw));
	for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
	return 10 * p;
}

/**
 * The two value axes of the grouped bars, with their zeros on one line and the same number of steps, so a
 * negative margin reads as below zero on both: margin (left, may be negative) and users (right, never).
 */
function pairedAxes(margins: number[], users: number[]) {
	const lo = Math.min(0, ...margins);
	const hi = Math.max(0, ...margins);
	const stepL = niceStep((hi - lo) / 5 || 1);
	const below = Math.ceil(-lo / stepL - 1e-9);
	const above = Math.max(1, Math.ceil(hi / stepL - 1e-9));
	const stepR = Math.max(1, niceStep(Math.max(...users, 1) / above));
	const fit = Math.max(...users, 1) > above * stepR ? above + 1 : above;
	return {
		left: { min: -below * stepL, max: fit * stepL, interval: stepL },
		right: { min: -below * stepR, max: fit * stepR, interval: stepR },
	};
}

export function compareChartSpec(input: CompareChartInput): ChartSpec {
	if (input.setups.length === 0) throw new Error("compare chart: no setups");
	requireFinite("compare chart", { context: input.context });
	for (const s of input.setups) {
		requireFinite(
			`compare chart (${s.label})`,
			{
				hourlyUsd: s.hourlyUsd,
				decodeTokPerSecPerUser: s.decodeTokPerSecPerUser,
				marginBytes: s.marginBytes,
				usersAtContext: s.usersAtContext,
			},
			["hourlyUsd", "decodeTokPerSecPerUser"],
		);
	}
	const placed = input.setups.filter((s) => s.hourlyUsd !== null && s.decodeTokPerSecPerUser !== null);
	const unplaced = input.setups.length - placed.length;
	const verdicts: ChartVerdict[] = ["fits", "tight", "no-fit"];
	const usersName = `users at ${tokens(input.context)} context`;
	const margins = input.setups.map((s) => Math.round((s.marginBytes / GIB) * 10) / 10);
	const axes = pairedAxes(
		margins,
		input.setups.map((s) => s.usersAtContext),
	);

	const scatter = verdicts.map((v) => ({
		type: "scatter" as const,
		name: VERDICT_STYLE[v].word,
		xAxisIndex: 0,
		yAxisIndex: 0,
		symbol: VERDICT_STYLE[v].symbol,
		symbolSize: 14,
		itemStyle: { color: VERDICT_STYLE[v].colour, opacity: 1, borderColor: INK, borderWidth: 0.8 },
		label: {
			show: true,
			position: "right" as const,
			distance: 6,
			fontSize: 12,
			color: INK,
			formatter: (p: { name: string }) => p.name,
		},
		labelLayout: { moveOverlap: "shiftY" as const },
		data: placed
			.filter((s) => s.verdict === v)
			.map((s) => ({ name: s.label, value: [s.hourlyUsd as number, s.decodeTokPerSecPerUser as number] })),
	}));

	const option: ChartOption = {
		...baseOption(),
		title: {
			text: input.title,
			subtext:
				unplaced > 0
					? `Hourly cost against decode speed per user · ${unplaced} setup${unplaced > 1 ? "s" : ""} without a price or speed not placed`
					: "Hourly cost against decode speed per user",
			left: 16,
			top: 12,
			textStyle: { fontSize: 17, fontWeight: 600, color: INK },
			subtextStyle: { fontSize: 13, color: MUTED },
		},
		legend: [
			{
				top: 70,
				left: LEFT,
				itemWidth: 14,
				itemHeight: 14,
				textStyle: { color: INK, fontSize: 12 },
				data: verdicts.map((v) => ({ name: VERDICT_STYLE[v].word, icon: VERDICT_STYLE[v].symbol })),
			},
			{
				top: 392,
				left: LEFT,
				itemWidth: 14,
				itemHeight: 12,
				textStyle: { color: INK, fontSize: 12 },
				data: ["margin (GiB)", usersName],
			},
		],
		grid: [
			{ left: LEFT, right: RIGHT + 80, top: 108, height: 232 },
			{ left: LEFT, right: RIGHT, top: 432, height: 150 },
		],
		xAxis: [
			{
				type: "value",
				gridIndex: 0,
				name: "USD per hour",
				nameLocation: "middle",
				nameGap: 26,
				nameTextStyle: { color: MUTED, fontSize: 12 },
				scale: false,
				min: 0,
				axisLabel: { color: MUTED, fontSize: 12, formatter: (v: number) => usd(v) },
				splitLine: { lineStyle: { color: GRID_LINE } },
			},
			{
				type: "category",
				gridIndex: 1,
				data: input.setups.map((s) => s.label),
				axisTick: { show: false },
				axisLine: { lineStyle: { color: GRID_LINE } },
				axisLabel: {
					color: INK,
					fontSize: 11,
					interval: 0,
					width: Math.max(60, (COMPARE_CHART_WIDTH - LEFT - RIGHT) / input.setups.length - 8),
					overflow: "truncate",
				},
			},
		],
		yAxis: [
			{
				type: "value",
				gridIndex: 0,
				name: "tokens/s per user",
				nameLocation: "middle",
				nameGap: 44,
				nameTextStyle: { color: MUTED, fontSize: 12 },
				min: 0,
				axisLabel: { color: MUTED, fontSize: 12 },
				splitLine: { lineStyle: { color: GRID_LINE } },
			},
			{
				type: "value",
				gridIndex: 1,
				name: "GiB",
				...axes.left,
				nameTextStyle: { color: MUTED, fontSize: 11 },
				axisLabel: { color: MUTED, fontSize: 11 },
				splitLine: { lineStyle: { color: GRID_LINE } },
			},
			{
				type: "value",
				gridIndex: 1,
				name: "users",
				position: "right",
				...axes.right,
				nameTextStyle: { color: MUTED, fontSize: 11 },
				// Users are never negative: no labels under the zero line.
				axisLabel: { color: MUTED, fontSize: 11, formatter: (v: number) => (v < 0 ? "" : String(v)) },
				splitLine: { show: false },
			},
		],
		series: [
			...scatter,
			{
				type: "bar",
				name: "margin (GiB)",
				xAxisIndex: 1,
				yAxisIndex: 1,
				barMaxWidth: 28,
				itemStyle: { color: OKABE_ITO.bluishGreen },
				label: {
					show: true,
					position: "top",
					fontSize: 11,
					color: INK,
					formatter: (p: { value: unknown }) => Number(p.value).toFixed(1),
				},
				data: margins,
			},
			{
				type: "bar",
				name: usersName,
				xAxisIndex: 1,
				yAxisIndex: 2,
				barMaxWidth: 28,
				itemStyle: {
					color: OKABE_ITO.skyBlue,
					decal: { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4, color: "rgba(0,0,0,0.25)" },
				},
				label: { show: true, position: "top", fontSize: 11, color: INK },
				data: input.setups.map((s) => s.usersAtContext),
			},
		],
	};

	const alt = `${input.title}. ${input.setups
		.map(
			(s) =>
				`${s.label} (${VERDICT_STYLE[s.verdict].word}): ${s.hourlyUsd !== null ? `${usd(s.hourlyUsd)}/h` : "no price"}, ${s.decodeTokPerSecPerUser !== null ? `${s.decodeTokPerSecPerUser.toFixed(1)} tokens/s per user` : "no speed estimate"}, margin ${(s.marginBytes / GIB).toFixed(1)} GiB, ${s.usersAtContext} ${usersName}`,
		)
		.join("; ")}.`;
	return { option, width: COMPARE_CHART_WIDTH, height: COMPARE_CHART_HEIGHT, alt };
}

/** The /compare and /recommend chart, or null (logged once through `log`) when it cannot be drawn. */
export function renderCompareChart(input: CompareChartInput, log: ChartLog): ChartImage | null {
	return drawChart("compare", log, () => compareChartSpec(input));
}
