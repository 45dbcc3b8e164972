// The price-update post: what moved since the last post (old → new, percent), offers that appeared
// or were withdrawn, the cheapest place to rent each popular GPU now, and what that does to the
// hourly cost of a few headline fits. Built once as a neutral reply; each platform renders it.
import {
	cheapestOnDemand,
	isSignificant,
	type Offer,
	type PriceDiff,
	type PriceSnapshot,
	type Threshold,
} from "../src/catalog/price-snapshot.js";
import type { Catalog } from "../src/catalog/types.js";
import { emptyReply, type Field, type Reply } from "../src/chat/reply.js";
import { cheapestRental } from "../src/core/cost.js";
import { formatUsd } from "../src/core/labels.js";
import { runFit } from "./fit.js";
import { footerOf, footerText } from "./footer.js";
import type { FitJson, NoPostJson, PricePostJson } from "./json.js";
import type { CommandResult } from "./result.js";

/** A fit's JSON when the request was answered. */
const fitJsonOf = (result: CommandResult<FitJson>): FitJson | null => (result.exitCode === 0 ? result.json : null);

export const DEFAULT_POPULAR_GPUS = ["h100-sxm", "h200-sxm", "b200", "a100-80gb-sxm", "mi300x", "l40s", "l4", "rtx-4090"];
export const DEFAULT_HEADLINE_FITS = [
	"deepseek-r1 on 8x H200",
	"deepseek-r1 on 16x H100",
	"llama-3.3-70b on 4x H100",
	"gpt-oss-120b on 1x H200",
];

export interface PricePostInput {
	catalog: Catalog;
	/** The last posted snapshot (the baseline) and how the catalog differs from it now. */
	before: PriceSnapshot;
	diff: PriceDiff;
	now: Date;
	threshold: Threshold;
	timeZone?: string;
	popularGpus?: readonly string[];
	headlineFits?: readonly string[];
}

/** The post and its card, or why nothing goes out. */
export type PricePost = { json: PricePostJson; reply: Reply } | { json: NoPostJson; reply: Reply };

const isRental = (o: { kind: string }) => o.kind !== "purchase";

export function formatPct(pct: number): string {
	return `${pct < 0 ? "▼" : "▲"} ${Math.abs(pct).toFixed(1)}%`;
}

/** "2026-08-22 09:00 UTC", in the post's time zone. */
export function formatWhen(date: Date, timeZone = "UTC"): string {
	const parts = new Intl.DateTimeFormat("en-CA", {
		timeZone,
		year: "numeric",
		month: "2-digit",
		day: "2-digit",
		hour: "2-digit",
		minute: "2-digit",
		hourCycle: "h23",
	}).formatToParts(date);
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
	return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")} ${timeZone}`;
}

const offerText = (o: { kind: string; region: string; instance: string }) =>
	[o.kind, o.region, o.instance].filter((x) => x !== "").join(" · ");
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function changeRows(post: PricePostJson): string[][] {
	return [
		...post.changes.map((c) => [
			c.gpu,
			c.provider,
			offerText(c),
			formatUsd(c.oldUsd, isRental(c)),
			formatUsd(c.newUsd, isRental(c)),
			formatPct(c.pct),
		]),
		...post.added.map((o) => [o.gpu, o.provider, offerText(o), "—", formatUsd(o.usd, isRental(o)), "new"]),
		...post.withdrawn.map((o) => [o.gpu, o.provider, offerText(o), formatUsd(o.usd, isRental(o)), "—", "withdrawn"]),
	];
}

type CheapestLine = PricePostJson["cheapest"][number];
type FitLine = PricePostJson["fits"][number];

function cheapestLines(input: PricePostInput): CheapestLine[] {
	const out: CheapestLine[] = [];
	for (const gpu of input.popularGpus ?? DEFAULT_POPULAR_GPUS) {
		const now = cheapestRental(input.catalog, gpu);
		if (!now) continue;
		const was = cheapestOnDemand(input.before, gpu);
		// "was" only beside a move worth reporting: a small one is left out here too.
		const moved = was !== null && isSignificant(was.usd, now.usd, input.threshold);
		out.push({
			gpu,
			...now,
			wasUsd: moved ? was.usd : null,
			wasProvider: moved ? was.provider : null,
		});
	}
	return out;
}

/** Each headline fit's hourly cost now (runFit's cost.hourlyUsd) and under the last posted prices. */
function fitLines(input: PricePostInput): FitLine[] {
	const out: FitLine[] = [];
	for (const request of input.headlineFits ?? DEFAULT_HEADLINE_FITS) {
		const json = fitJsonOf(runFit(input.catalog, request));
		if (json === null || json.cost.hourlyUsd === null) continue;
		const was = cheapestOnDemand(input.before, json.hardware.gpu);
		const wasHourly = was ? Math.round(was.usd * json.hardware.count * 100) / 100 : null;
		out.push({
			request,
			title: `${json.model.name} on ${json.hardware.count}x ${json.hardware.name}`,
			verdict: json.verdict ?? "",
			hourlyUsd: json.cost.hourlyUsd,
			wasHourlyUsd: wasHourly !== null && isSignificant(wasHourly, json.cost.hourlyUsd, input.threshold) ? wasHourly : null,
			provider: json.cost.hourlyProvider,
		});
	}
	return out;
}

function cheapestField(c: CheapestLine): Field {
	const was = c.wasUsd !== null ? ` (was ${formatUsd(c.wasUsd, true)} at ${c.wasProvider})` : "";
	return { label: `Cheapest ${c.gpu}`, value: `${formatUsd(c.usd, true)} per GPU at ${c.provider} (${c.region})${was}` };
}

function fitField(f: FitLine): Field {
	const was = f.wasHourlyUsd !== null ? ` (was ${formatUsd(f.wasHourlyUsd, true)})` : "";
	return { label: f.title, value: `now ${formatUsd(f.hourlyUsd, true)}${was} · ${f.verdict} · ${f.provider ?? ""}`.trim() };
}

/** The post's facts: what `prices post --json` prints and what the outbox keeps until it is delivered. */
export function pricePostJson(input: PricePostInput): PricePostJson {
	const { diff } = input;
	const offerJson = (o: Offer) => ({ ...o });
	return {
		ok: true,
		post: true,
		since: input.before.takenAt,
		at: input.now.toISOString(),
		timeZone: input.timeZone ?? "UTC",
		catalogVersion: input.catalog.version,
		pricesAsOf: input.catalog.pricesAsOf,
		threshold: { ...input.threshold },
		changes: diff.changed.map((c) => ({ ...offerJson(c.after), oldUsd: c.before.usd, newUsd: c.after.usd, pct: c.pct })),
		added: diff.added.map(offerJson),
		withdrawn: diff.withdrawn.map(offerJson),
		ignored: diff.ignored.length,
		cheapest: cheapestLines(input),
		fits: fitLines(input),
	};
}

/** The post as a card, from its facts alone (the outbox renders a delivery with this when it sends it). */
export function pricePostReply(post: PricePostJson): Reply {
	const when = formatWhen(new Date(post.at), post.timeZone);
	const since = formatWhen(new Date(post.since), post.timeZone);
	const counts = [
		post.changes.length ? plural(post.changes.length, "price move", "price moves") : null,
		post.added.length ? plural(post.added.length, "new offer", "new offers") : null,
		post.withdrawn.length ? `${post.withdrawn.length} withdrawn` : null,
	].filter((x) => x !== null);
	const reply = emptyReply("list", `GPU price update · ${when}`, `${counts.join(", ")} since the last post (${since}).`);
	reply.table = { columns: ["gpu", "provider", "offer", "old", "new", "change"], rows: changeRows(post) };
	reply.fields = [...post.cheapest.map(cheapestField), ...post.fits.map(fitField)];
	if (post.ignored) {
		const { minPct, minUsd } = post.threshold;
		reply.notes = [
			`${plural(post.ignored, "smaller move", "smaller moves")} (under ${minPct}% or $${minUsd.toFixed(2)}) left out; they count once they add up.`,
		];
	}
	reply.footer = footerOf(post.catalogVersion, post.pricesAsOf);
	return reply;
}

export function pricePost(input: PricePostInput): { json: PricePostJson; reply: Reply } {
	const json = pricePostJson(input);
	return { json, reply: pricePostReply(json) };
}

/** What `prices post` shows when nothing goes out: the first run (a baseline) or nothing moved enough. */
export function noPost(catalog: Catalog, reason: NoPostJson["reason"], detail: string): { json: NoPostJson; reply: Reply } {
	const reply = emptyReply("list", "GPU price update", reason === "baseline" ? `No post yet: ${detail}.` : `No post: ${detail}.`);
	reply.footer = footerText(catalog);
	return { reply, json: { ok: true, post: false, reason, detail } };
}
