// Charts for the answers, ready for the transports: createChartRenderer() is cheap and safe to call at start;
// the chart engine (ECharts, resvg and its native add-on, the font) is loaded by import() on the first chart
// asked for, so start-up and the text answer's latency stay as they were. Charts are kept by chartKey(request).
// Nothing here throws or rejects: a chart that cannot be drawn is null, and the reason is logged once.
import { createHash } from "node:crypto";
import { ChartCache } from "./cache.js";
import type { ChartImage, ChartLog } from "./engine.js";
import type { ChartRequest } from "./render.js";
import { tokenBucket } from "./token-bucket.js";

export type { ChartCache } from "./cache.js";
export type { CompareChartInput, CompareChartSetup } from "./compare.js";
export type { ChartImage, ChartLog } from "./engine.js";
export type { FitChartInput, FitChartSetup } from "./fit.js";
export type { ChartVerdict } from "./palette.js";
export type { PriceHistoryInput, PriceHistoryPoint } from "./price-history.js";
export { type DatedPrice, type OfferPrices, type PriceChartSources, priceChartRequest } from "./price-input.js";
export type { ChartRequest } from "./render.js";

/** A drawn chart as the transports use it. */
export interface Chart extends ChartImage {
	kind: ChartRequest["kind"];
	/** SHA-256 of the PNG, hex, 32 characters. */
	hash: string;
	/** "gpufit-<kind>-<hash 12>.png": the upload's file name and Discord's attachment://<fileName>. */
	fileName: string;
}

/** What the renderer needs of the lazily loaded module (render.ts); tests hand in their own. */
export interface ChartEngine {
	renderChartAsync(request: ChartRequest, log: ChartLog): Promise<ChartImage | null>;
}

export interface ChartRendererOptions {
	/** Where failures go, once each: a chart that cannot be drawn, or an engine that cannot be loaded. */
	log: ChartLog;
	/** Bytes of charts kept (default CHART_CACHE_MAX_BYTES, 8 MiB). */
	maxBytes?: number;
	/** How the engine is loaded (default: import("./render.js")). */
	load?: () => Promise<ChartEngine>;
	/** Charts waiting or being drawn at most (default MAX_PENDING_CHARTS); past it a chart is skipped. */
	maxPending?: number;
	/** Whether the process is too busy answering for charts now (default: never); then none is drawn or sent. */
	busy?: () => boolean;
	/** Charts handed out per second at most, in bursts of as many (default: no bound); past it, skipped. */
	maxPerSecond?: number;
	/** New charts drawn per second at most, in bursts of as many (default: no bound); past it, skipped. */
	maxDrawsPerSecond?: number;
	/** The clock of those two bounds, in milliseconds (default Date.now); tests drive their own. */
	now?: () => number;
}

export interface ChartRenderer {
	/**
	 * The chart of `request`, drawn once and then kept under chartKey(request) (the picture is a function of the
	 * request alone). Null when it cannot be drawn, or while the process is busy answering (`busy`: answers come
	 * first, and a chart skipped then is neither drawn nor sent; logged once per busy spell); never rejects.
	 */
	chart(request: ChartRequest): Promise<Chart | null>;
	/**
	 * Keeps `request` servable at GET /charts/<key>.png (a card links to it before it is drawn) and returns its
	 * key, chartKey(request). Bounded: the oldest of REMEMBERED_MAX requests is forgotten first.
	 */
	remember(request: ChartRequest): string;
	/**
	 * The PNG of a remembered request by its key, drawn when not kept (busy or not: someone is fetching it);
	 * undefined for any other key or a failure.
	 */
	pngByKey(key: string): Promise<Buffer | undefined>;
	/**
	 * remember(request), then the chart drawn now, busy or not (a post linking it is about to go out, and Slack
	 * fetches it at once): its key, and the chart (null when it cannot be drawn; logged).
	 */
	drawLinked(request: ChartRequest): Promise<{ key: string; chart: Chart | null }>;
	/** Forgets every kept chart. */
	clear(): void;
	readonly cache: ChartCache;
}

/** Keys as they appear in /charts/<key>.png. */
export const CHART_KEY = /^[0-9a-f]{32}$/;

/**
 * Charts are drawn one at a time, each step (the SVG, then the PNG: some 10-20 ms each on the calling thread)
 * after a turn of the event loop, so neither holds more than one text answer back. A burst of distinct answers past this many
 * waiting charts goes without charts (logged once per burst) rather than queueing seconds of drawing.
 */
export const MAX_PENDING_CHARTS = 16;

/** Requests kept servable by remember(): about 1 KB each. */
export const REMEMBERED_MAX = 2000;

/**
 * A chart's key: SHA-256 of its kind and input, 32 hex digits. The picture is a function of these alone, so the
 * same facts give the same key (and the same URL) whoever asked and whenever.
 */
export function chartKey(request: ChartRequest): string {
	return createHash("sha256")
		.update(`${request.kind}\u0000${JSON.stringify(request.input)}`)
		.digest("hex")
		.slice(0, 32);
}

export function createChartRenderer(options: ChartRendererOptions): ChartRenderer {
	const { log } = options;
	const maxPending = options.maxPending ?? MAX_PENDING_CHARTS;
	const busy = options.busy ?? (() => false);
	const rate = options.maxPerSecond ?? Number.POSITIVE_INFINITY;
	const drawRate = options.maxDrawsPerSecond ?? Number.POSITIVE_INFINITY;
	const now = options.now ?? Date.now;
	const handOut = tokenBucket(rate, now);
	const drawNew = tokenBucket(drawRate, now);
	/** The last chart queued: the next one starts after it. */
	let queue: Promise<unknown> = Promise.resolve();
	/** Whether the burst now being shed was logged. */
	let shedding = false;
	const load = options.load ?? (() => import("./render.js"));
	const cache = new ChartCache(options.maxBytes);
	const inFlight = new Map<string, Promise<Chart | null>>();
	const remembered = new Map<string, ChartRequest>();
	let engine: Promise<ChartEngine | null> | null = null;

	const safeLog: ChartLog = (msg, fields) => {
		try {
			log(msg, fields);
		} catch {
			// Logging must not turn a missing chart into a failed answer.
		}
	};

	// Loaded once; a failure (say, resvg's native add-on missing for this platform) is logged once, and every
	// chart after it is null without another line.
	const engineOnce = (): Promise<ChartEngine | null> => {
		engine ??= (async () => {
			try {
				return await load();
			} catch (err) {
				safeLog("charts unavailable: chart engine not loaded", { error: err instanceof Error ? err.message : String(err) });
				return null;
			}
		})();
		return engine;
	};

	const draw = async (request: ChartRequest): Promise<Chart | null> => {
		const loaded = await engineOnce();
		// A turn of the event loop first: requests that arrived meanwhile are answered before this SVG is made.
		await new Promise<void>((resolve) => setImmediate(resolve));
		if (loaded === null) return null;
		const image = await loaded.renderChartAsync(request, safeLog);
		if (image === null) return null;
		const hash = createHash("sha256").update(image.png).digest("hex").slice(0, 32);
		return { ...image, kind: request.kind, hash, fileName: `gpufit-${request.kind}-${hash.slice(0, 12)}.png` };
	};

	/** A chart skipped (nothing kept: asked again later, it is drawn); logged once per spell of skipping. */
	const skipped = (why: string, request: ChartRequest): null => {
		if (!shedding) safeLog(`charts skipped: ${why}`, { waiting: inFlight.size, chart: request.kind });
		shedding = true;
		return null;
	};

	const chart = async (request: ChartRequest, gated = true): Promise<Chart | null> => {
		if (gated && busy()) return skipped("the server is busy answering", request);
		if (gated && !handOut()) return skipped(`more than ${rate} charts a second`, request);
		const key = chartKey(request);
		const kept = cache.get(key);
		if (kept !== undefined) return kept;
		const pending = inFlight.get(key);
		if (pending) return pending;
		if (inFlight.size >= maxPending) return skipped("too many waiting to be drawn", request);
		if (gated && !drawNew()) return skipped(`more than ${drawRate} new charts a second`, request);
		shedding = false;
		const drawing = (async () => {
			try {
				const turn = queue.then(() => draw(request));
				queue = turn.catch(() => {});
				const drawn = await turn;
				// An engine that could not load is not a fact about this key: nothing is kept for it.
				if (drawn !== null || (await engineOnce()) !== null) cache.set(key, drawn);
				return drawn;
			} catch (err) {
				safeLog("chart not rendered", { chart: request.kind, error: err instanceof Error ? err.message : String(err) });
				cache.set(key, null);
				return null;
			} finally {
				inFlight.delete(key);
			}
		})();
		inFlight.set(key, drawing);
		return drawing;
	};

	const remember = (request: ChartRequest): string => {
		const key = chartKey(request);
		remembered.delete(key);
		remembered.set(key, request);
		if (remembered.size > REMEMBERED_MAX) remembered.delete(remembered.keys().next().value as string);
		return key;
	};

	return {
		cache,
		chart: (request) => chart(request),
		remember,
		async pngByKey(key) {
			const request = CHART_KEY.test(key) ? remembered.get(key) : undefined;
			if (request === undefined) return undefined;
			return (await chart(request, false))?.png;
		},
		async drawLinked(request) {
			const key = remember(request);
			return { key, chart: await chart(request, false) };
		},
		clear() {
			cache.clear();
		},
	};
}
