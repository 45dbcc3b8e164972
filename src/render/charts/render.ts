// The lazily loaded side of the charts (ECharts, resvg, the font): index.ts imports this module with
// import() on the first chart asked for, so neither start-up nor a text answer pays for it.
import { type CompareChartInput, compareChartSpec } from "./compare.js";
import { type ChartImage, type ChartLog, type ChartSpec, drawChart, drawChartAsync } from "./engine.js";
import { type FitChartInput, fitChartSpec } from "./fit.js";
import { type PriceHistoryInput, priceHistoryChartSpec } from "./price-history.js";

export { renderCompareChart } from "./compare.js";
export { renderFitChart } from "./fit.js";
export { renderPriceHistoryChart } from "./price-history.js";

/** Which chart, with its input. */
export type ChartRequest =
	| { kind: "fit"; input: FitChartInput }
	| { kind: "compare"; input: CompareChartInput }
	| { kind: "price-history"; input: PriceHistoryInput };

function spec(request: ChartRequest): () => ChartSpec {
	switch (request.kind) {
		case "fit":
			return () => fitChartSpec(request.input);
		case "compare":
			return () => compareChartSpec(request.input);
		case "price-history":
			return () => priceHistoryChartSpec(request.input);
		default:
			return () => {
				throw new Error(`unknown chart kind ${(request as { kind: unknown }).kind}`);
			};
	}
}

/** The chart, drawn on the calling thread; null (logged once) when it cannot be drawn. */
export function renderChart(request: ChartRequest, log: ChartLog): ChartImage | null {
	return drawChart(request.kind, log, spec(request));
}

/** The chart with a turn of the event loop between its SVG and its PNG; null (logged once) when it cannot be drawn. */
export function renderChartAsync(request: ChartRequest, log: ChartLog): Promise<ChartImage | null> {
	return drawChartAsync(request.kind, log, spec(request));
}
