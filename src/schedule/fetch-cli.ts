// `gpufit prices fetch [--json]`: one fetch of the price feeds now, as the schedule runs it (the same lock, store
// and ops alert), then what it read and what changed. `gpufit prices history <gpu> [--json]`: a GPU's observed
// prices over time, from the feeds' history and the catalog's dated entries (the points a price chart draws);
// with --png FILE, that chart (the price post's) written beside the text.
import { writeFile } from "node:fs/promises";
import { requestErrorWords } from "../../commands/reason-words-request.js";
import type { Catalog } from "../catalog/types.js";
import type { Config } from "../config.js";
import { formatUsd } from "../core/labels.js";
import type { Logger } from "../log.js";
import { findHardware, unknownGpu } from "../parse/resolve.js";
import { absentNote, feedHistoryPoints, type HistoryPoint, type OfferChange, type PriceHistoryData } from "../prices/history.js";
import { gpuSpokenName, providerName } from "../prices/names.js";
import { createChartRenderer } from "../render/charts/index.js";
import { openState, priceFetchConfig } from "./background.js";
import { priceChartOf } from "./price-chart.js";
import { type FeedReport, priceFeedsHealth, runPriceFetch } from "./price-fetch.js";
import { sendersFor } from "./senders.js";

/** Warnings and errors only: a person reads the summary on stdout. */
const quiet = (log: Logger): Logger => ({ info: () => {}, warn: log.warn, error: log.error });

const write = (text: string) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);

/** How long a command waits for Redis (REDIS_URL) before it fails. */
const REDIS_WAIT_MS = 5000;

/** Changed prices printed per feed before "…and N more". */
const SHOWN_CHANGES = 20;

function money(usd: number | null): string {
	return usd === null ? "—" : formatUsd(usd, true);
}

function changeLine(catalog: Catalog, c: OfferChange): string {
	const what = `${gpuSpokenName(catalog, c.gpu)} ${c.instance || "GPU only"} ×${c.count} ${c.region} ${c.kind}`;
	if (c.oldUsd === null) return `  new        ${what}: ${money(c.newUsd)}`;
	if (c.newUsd === null) return `  withdrawn  ${what}: was ${money(c.oldUsd)}`;
	const pct = ((c.newUsd - c.oldUsd) / c.oldUsd) * 100;
	return `  ${pct < 0 ? "▼" : "▲"} ${Math.abs(pct).toFixed(1).padStart(5)}%   ${what}: ${money(c.oldUsd)} → ${money(c.newUsd)}`;
}

function feedLine(f: FeedReport, offers: number, pricesAsOf: string | null): string {
	const name = f.cloud.padEnd(15);
	const from = f.source === "mirror" ? " (from the mirror)" : "";
	switch (f.outcome) {
		case "changed":
		case "unchanged": {
			const s = f.summary;
			const parts = s ? [`${s.added} new`, `${s.moved} moved`, `${s.withdrawn} withdrawn`].join(", ") : "";
			return `${name}${f.outcome.padEnd(13)}${s?.offers ?? 0} offers${f.outcome === "changed" ? ` (${parts})` : ""}${from}`;
		}
		case "not-modified":
			return `${name}${"not modified".padEnd(13)}${offers} offers, unchanged since the last read (304)${from}`;
		case "absent":
			return `${name}${"absent".padEnd(13)}${absentNote(f.feed)}`;
		case "aborted":
			return `${name}${"stopped".padEnd(13)}left for the next run`;
		default: {
			const kept = offers > 0 ? `; keeping ${offers} offers last confirmed ${pricesAsOf?.slice(0, 10) ?? "?"}` : "";
			return `${name}${(f.outcome === "invalid" ? "REFUSED" : "FAILED").padEnd(13)}${f.error ?? ""}${kept}`;
		}
	}
}

export async function runPricesFetch(catalog: Catalog, json: boolean, config: Config, log: Logger): Promise<number> {
	const state = await openState(config, log, REDIS_WAIT_MS);
	const senders = sendersFor(config, log);
	try {
		const fetchConfig = priceFetchConfig(config.prices, senders, quiet(log));
		const result = await runPriceFetch({ state, catalog: () => catalog, senders, log: quiet(log), config: fetchConfig });
		if (result.status === "claimed-elsewhere") {
			const message = "another process is fetching the price feeds now (a server on the same state?); try again later";
			if (json) write(JSON.stringify({ ok: false, error: { code: "busy", message, suggestions: [] } }));
			else console.error(`gpufit: ${message}`);
			return 1;
		}
		const health = priceFeedsHealth(fetchConfig, await state.priceHistory());
		const failed = result.feeds.filter((f) => f.outcome === "failed" || f.outcome === "invalid");
		if (json) {
			write(
				JSON.stringify({
					ok: failed.length === 0,
					at: result.at,
					ms: result.ms,
					source: fetchConfig.skypilot.url,
					mirror: fetchConfig.skypilot.mirrorUrl,
					feeds: result.feeds.map((f) => ({
						cloud: f.cloud,
						outcome: f.outcome,
						source: f.source,
						error: f.error,
						offers: health.feeds[f.cloud]?.offers ?? 0,
						pricesAsOf: health.feeds[f.cloud]?.pricesAsOf ?? null,
						upstream: health.feeds[f.cloud]?.upstream ?? null,
						...(health.feeds[f.cloud]?.note ? { note: health.feeds[f.cloud]?.note } : {}),
						summary: f.summary,
						notes: f.notes,
						tries: f.tries,
						alerted: f.alerted,
					})),
					changes: result.feeds.flatMap((f) => f.changes),
				}),
			);
		} else {
			write(`price feeds: SkyPilot's catalog at ${fetchConfig.skypilot.url} (${(result.ms / 1000).toFixed(1)} s)`);
			for (const f of result.feeds) {
				const h = health.feeds[f.cloud];
				write(feedLine(f, h?.offers ?? 0, h?.pricesAsOf ?? null));
				// A feed's first read lists every offer as new: counted above, not listed.
				const firstRead = f.summary !== null && f.summary.added === f.summary.offers && f.summary.moved === 0;
				if (firstRead) continue;
				for (const c of f.changes.slice(0, SHOWN_CHANGES)) write(changeLine(catalog, c));
				if (f.changes.length > SHOWN_CHANGES) write(`  …and ${f.changes.length - SHOWN_CHANGES} more (--json lists them all)`);
			}
			if (failed.length) write(`${failed.length} feed(s) failed: their last good prices stay in use.`);
		}
		return failed.length === 0 ? 0 : 1;
	} finally {
		for (const s of Object.values(senders)) s.close();
		await state.close();
	}
}

/** The catalog's own dated rental prices of a GPU. */
function catalogPoints(catalog: Catalog, gpu: string): HistoryPoint[] {
	return catalog.prices
		.filter((p) => p.gpu === gpu && p.kind !== "purchase")
		.map((p) => ({
			provider: p.provider,
			kind: p.kind,
			instance: p.instance ?? "",
			region: p.region,
			date: p.asOf,
			from: null,
			until: null,
			usdPerGpuHour: p.usd,
			source: "catalog" as const,
		}));
}

/** `--png FILE`: the GPU's price chart, drawn only when asked (the chart engine loads lazily). */
async function writePriceChart(catalog: Catalog, history: PriceHistoryData, gpu: string, file: string, log: Logger) {
	const request = priceChartOf(catalog, history, gpu);
	if (request === null) {
		console.error(`gpufit: no prices over time to draw for this GPU; ${file} not written`);
		return;
	}
	const renderer = createChartRenderer({ log: (message, fields) => log.warn(message, fields) });
	const chart = await renderer.chart(request);
	if (chart) await writeFile(file, chart.png);
	else console.error(`gpufit: the chart could not be drawn; ${file} not written`);
}

export async function runPricesHistory(
	catalog: Catalog,
	argv: string[],
	json: boolean,
	config: Config,
	log: Logger,
	png?: string,
): Promise<number> {
	const typed = argv.join(" ").trim();
	if (!typed) {
		const message = "usage: gpufit prices history <gpu> [--json] [--png FILE], e.g. gpufit prices history h100";
		if (json) write(JSON.stringify({ ok: false, error: { code: "bad_request", message, suggestions: [] } }));
		else console.error(message);
		return 2;
	}
	const found = findHardware(catalog, typed);
	if (!found) {
		const error = unknownGpu(catalog, typed);
		const { code, suggestions } = error;
		const message = requestErrorWords(error, "en").headline;
		// The contract's error: the code, its English, the names near it.
		if (json) write(JSON.stringify({ ok: false, error: { code, message, suggestions } }));
		else console.error(message);
		return 2;
	}
	const gpu = found.gpu;
	const state = await openState(config, quiet(log), REDIS_WAIT_MS);
	let history: PriceHistoryData;
	try {
		history = await state.priceHistory();
	} finally {
		await state.close();
	}
	const points = [...catalogPoints(catalog, gpu.id), ...feedHistoryPoints(history, gpu.id)];
	if (png) await writePriceChart(catalog, history, gpu.id, png, log);
	points.sort(
		(a, b) =>
			a.date.localeCompare(b.date) ||
			(a.from ?? "").localeCompare(b.from ?? "") ||
			a.provider.localeCompare(b.provider) ||
			a.usdPerGpuHour - b.usdPerGpuHour,
	);
	const name = gpuSpokenName(catalog, gpu.id);
	if (json) {
		write(JSON.stringify({ ok: true, gpu: { id: gpu.id, name }, unit: "USD per GPU-hour", points }));
		return 0;
	}
	write(`${name} (${gpu.id}): observed prices per GPU-hour, the cheapest per provider, kind and day`);
	if (points.length === 0) {
		write("no prices yet: the catalog has none for this GPU and no feed has listed it");
		return 0;
	}
	// One line per provider, kind and day: the cheapest offer that day, and where.
	const lines = new Map<string, Map<string, HistoryPoint>>();
	for (const p of points) {
		const key = `${providerName(p.provider)} ${p.kind}`;
		const days = lines.get(key) ?? new Map<string, HistoryPoint>();
		const prior = days.get(p.date);
		if (!prior || p.usdPerGpuHour < prior.usdPerGpuHour) days.set(p.date, p);
		lines.set(key, days);
	}
	for (const [key, days] of [...lines].sort(([a], [b]) => a.localeCompare(b))) {
		write(key);
		for (const [date, p] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
			const where = [p.instance.split(" (")[0], p.region].filter(Boolean).join(" · ");
			write(`  ${date}  ${formatUsd(p.usdPerGpuHour, true).padStart(9)}  ${where}${p.source === "catalog" ? "  (catalog)" : ""}`);
		}
	}
	return 0;
}
