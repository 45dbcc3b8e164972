// The price post and `prices history`: one GPU's price per GPU-hour over time, a stepped line per provider
// (a price holds until the next dated entry), each provider with its own colour and marker shape and its
// name at the line's end. Until prices update themselves, the points are the catalog's dated entries.
import {
	baseOption,
	type ChartImage,
	type ChartLog,
	type ChartOption,
	type ChartSpec,
	drawChart,
	requireFinite,
} from "./engine.js";
import { GRID_LINE, INK, MUTED, SERIES_COLOURS, SERIES_SYMBOLS } from "./palette.js";

/** One dated price, as the catalog's price entries carry it. */
export interface PriceHistoryPoint {
	/** E.g. "aws", "runpod". */
	provider: string;
	/** E.g. "on-demand", "spot": entries of one provider and kind make one line. Omitted: one line per provider. */
	kind?: string;
	/** The entry's asOf, "YYYY-MM-DD". */
	date: string;
	usdPerGpuHour: number;
}

export interface PriceHistoryInput {
	/** E.g. "H100 SXM: price per GPU-hour". */
	title: string;
	/** Where the prices come from ("price feeds", "catalog entries"), named under the title. */
	source?: string;
	points: PriceHistoryPoint[];
}

export const PRICE_CHART_WIDTH = 800;
export const PRICE_CHART_HEIGHT = 420;
const DAY_MS = 86_400_000;
/** At most this many lines; the cheapest (by latest price) are kept, so the chart stays readable. */
export const PRICE_CHART_MAX_SERIES = 8;

function dayOf(date: string): number {
	const ms = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
	if (!Number.isFinite(ms)) throw new Error(`price chart: "${date}" is not a date`);
	return ms;
}

interface Line {
	name: string;
	/** [day, lowest price that day], by day. */
	points: [number, number][];
}

function lines(points: PriceHistoryPoint[]): Line[] {
	const byName = new Map<string, Map<number, number>>();
	for (const p of points) {
		requireFinite("price chart", { usdPerGpuHour: p.usdPerGpuHour });
		const name = p.kind ? `${p.provider} ${p.kind}` : p.provider;
		const days = byName.get(name) ?? new Map<number, number>();
		const day = dayOf(p.date);
		days.set(day, Math.min(days.get(day) ?? Number.POSITIVE_INFINITY, p.usdPerGpuHour));
		byName.set(name, days);
	}
	return [...byName]
		.map(([name, days]) => ({ name, points: [...days].sort((a, b) => a[0] - b[0]) }))
		.sort((a, b) => a.points[a.points.length - 1]![1] - b.points[b.points.length - 1]![1] || a.name.localeCompare(b.name));
}

function isoDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

export function priceHistoryChartSpec(input: PriceHistoryInput): ChartSpec {
	if (input.points.length === 0) throw new Error("price chart: no prices");
	const all = lines(input.points);
	const shown = all.slice(0, PRICE_CHART_MAX_SERIES);
	const days = shown.flatMap((l) => l.points.map((p) => p[0]));
	let first = Math.min(...days);
	let last = Math.max(...days);
	// Lines run on to the latest date, so a price that has not changed reads as still in force.
	const extended = shown.map((l) => {
		const end = l.points[l.points.length - 1]!;
		return end[0] < last ? { ...l, points: [...l.points, [last, end[1]] as [number, number]] } : l;
	});
	// One date alone (or all on one day): a fortnight either side, so the points are not on the axis' edge.
	if (last - first < 14 * DAY_MS) {
		first -= 14 * DAY_MS;
		last += 14 * DAY_MS;
	}
	const span = last - first;

	const option: ChartOption = {
		...baseOption(),
		useUTC: true,
		title: {
			text: input.title,
			subtext: [
				all.length > shown.length
					? `USD per GPU-hour · the ${shown.length} cheapest of ${all.length} offers`
					: "USD per GPU-hour, by provider",
				...(input.source ? [`from ${input.source}`] : []),
			].join(" · "),
			left: 16,
			top: 12,
			textStyle: { fontSize: 17, fontWeight: 600, color: INK },
			subtextStyle: { fontSize: 13, color: MUTED },
		},
		legend: { top: 70, left: 64, right: 24, itemWidth: 18, itemHeight: 10, textStyle: { color: INK, fontSize: 12 } },
		grid: { left: 64, right: 200, top: 118, bottom: 44 },
		xAxis: {
			type: "time",
			min: first - span * 0.03,
			max: last + span * 0.03,
			axisLabel: {
				color: MUTED,
				fontSize: 12,
				hideOverlap: true,
				formatter: { year: "{yyyy}", month: "{MMM} {yyyy}", day: "{MMM} {d}" },
			},
			axisLine: { lineStyle: { color: GRID_LINE } },
			splitLine: { show: false },
		},
		yAxis: {
			type: "value",
			min: 0,
			axisLabel: {
				color: MUTED,
				fontSize: 12,
				formatter: (v: number) => `$${v.toFixed(v < 10 && !Number.isInteger(v) ? 2 : 0)}`,
			},
			splitLine: { lineStyle: { color: GRID_LINE } },
		},
		series: extended.map((l, i) => ({
			type: "line" as const,
			name: l.name,
			step: "end" as const,
			symbol: SERIES_SYMBOLS[i % SERIES_SYMBOLS.length],
			symbolSize: 9,
			showAllSymbol: true,
			lineStyle: {
				width: 2,
				color: SERIES_COLOURS[i % SERIES_COLOURS.length],
				type: i >= SERIES_COLOURS.length ? "dashed" : "solid",
			},
			itemStyle: { color: SERIES_COLOURS[i % SERIES_COLOURS.length] },
			endLabel: {
				show: true,
				fontSize: 12,
				color: INK,
				formatter: (p: { seriesName?: string; value?: unknown }) =>
					`${p.seriesName} $${Number((p.value as number[])[1]).toFixed(2)}`,
			},
			labelLayout: { moveOverlap: "shiftY" as const },
			data: l.points,
		})),
	};
	const alt = `${input.title}. ${shown
		.map((l) => `${l.name}: ${l.points.map(([d, usd]) => `$${usd.toFixed(2)} on ${isoDay(d)}`).join(", ")}`)
		.join("; ")}.`;
	return { option, width: PRICE_CHART_WIDTH, height: PRICE_CHART_HEIGHT, alt };
}

/** The price history chart, or null (logged once through `log`) when it cannot be drawn. */
export function renderPriceHistoryChart(input: PriceHistoryInput, log: ChartLog): ChartImage | null {
	return drawChart("price-history", log, () => priceHistoryChartSpec(input));
}
