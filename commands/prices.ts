// The price-update post, for people who act on it: what moved since the last post first (the largest moves on
// the GPUs people size for, then new and withdrawn offers; an offer listed in several regions is one row), then
// the cheapest place to rent each popular GPU now with the date of that price, and what that does to the hourly
// cost of a few headline fits. GPUs and providers are named as people say them ("H100 SXM", "RunPod"). Built
// once as facts (the outbox keeps them) and rendered as a neutral reply; each platform renders that.
import {
	cheapestOnDemand,
	isSignificant,
	type Offer,
	type PriceChange,
	type PriceDiff,
	type PriceSnapshot,
	type Threshold,
} from "../src/catalog/price-snapshot.js";
import type { Catalog } from "../src/catalog/types.js";
import { emptyReply, type Field, type Reply } from "../src/chat/reply.js";
import { cheapestRental } from "../src/core/cost.js";
import { formatUsd } from "../src/core/labels.js";
import { gpuSpokenName, providerName } from "../src/prices/names.js";
import { runFit } from "./fit.js";
import { footerOf, footerText, priceDates } from "./footer.js";
import type { FitJson, NoPostJson, PricePostJson } from "./json.js";
import type { CommandResult } from "./result.js";

/** A fit's JSON when the request was answered. */
const fitJsonOf = (result: CommandResult<FitJson>): FitJson | null => (result.exitCode === 0 ? result.json : null);

const DEFAULT_POPULAR_GPUS = ["h100-sxm", "h200-sxm", "b200", "a100-80gb-sxm", "mi300x", "l40s", "l4", "rtx-4090"];
const DEFAULT_HEADLINE_FITS = [
	"deepseek-r1 on 8x H200",
	"deepseek-r1 on 16x H100",
	"llama-3.3-70b on 4x H100",
	"gpt-oss-120b on 1x H200",
];

interface PricePostInput {
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

function formatPct(pct: number): string {
	return `${pct < 0 ? "▼" : "▲"} ${Math.abs(pct).toFixed(1)}%`;
}

/** "2026-08-22 09:00 UTC", in the post's time zone. */
function formatWhen(date: Date, timeZone = "UTC"): string {
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

const instanceName = (instance: string) => instance.split(" (")[0]?.trim() ?? "";
const offerText = (o: { kind: string; region: string; instance: string; regions?: number }) =>
	[instanceName(o.instance), o.kind, o.regions ? `${o.region} +${o.regions} region${o.regions === 1 ? "" : "s"}` : o.region]
		.filter((x) => x !== "")
		.join(" · ");
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

type OfferRow = PricePostJson["added"][number];

const gpuCell = (o: OfferRow) => o.gpuName ?? o.gpu;
const providerCell = (o: OfferRow) => o.providerName ?? o.provider;

function changeRows(post: PricePostJson): string[][] {
	return [
		...post.changes.map((c) => [
			gpuCell(c),
			providerCell(c),
			offerText(c),
			formatUsd(c.oldUsd, isRental(c)),
			formatUsd(c.newUsd, isRental(c)),
			formatPct(c.pct),
		]),
		...post.added.map((o) => [gpuCell(o), providerCell(o), offerText(o), "—", formatUsd(o.usd, isRental(o)), "new"]),
		...post.withdrawn.map((o) => [gpuCell(o), providerCell(o), offerText(o), formatUsd(o.usd, isRental(o)), "—", "withdrawn"]),
	];
}

/** At most this many rows of changes in a post; the rest are counted. */
const MAX_CHANGE_ROWS = 12;

const groupKey = (o: Offer) => [o.gpu, o.provider, o.kind, instanceName(o.instance)].join("|");

/** Offers of one instance in several regions, one group each; the representative is the cheapest now. */
function grouped<T>(items: T[], offer: (t: T) => Offer): { first: T; others: number }[] {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const k = groupKey(offer(item));
		groups.set(k, [...(groups.get(k) ?? []), item]);
	}
	return [...groups.values()].map((g) => {
		const sorted = [...g].sort((a, b) => offer(a).usd - offer(b).usd || offer(a).region.localeCompare(offer(b).region));
		return { first: sorted[0] as T, others: sorted.length - 1 };
	});
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
			gpuName: gpuSpokenName(input.catalog, gpu),
			usd: now.usd,
			provider: now.provider,
			providerName: providerName(now.provider),
			region: now.region,
			instance: now.instance,
			asOf: now.asOf,
			wasUsd: moved ? was.usd : null,
			wasProvider: moved ? providerName(was.provider) : null,
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
	// The instance type where the entry names one ("gpu_8x_h100_sxm5"), not a curated entry's description.
	const instance = c.instance ? instanceName(c.instance) : "";
	const where = [c.providerName ?? c.provider, /\s/.test(instance) ? "" : instance].filter(Boolean).join(" ");
	const date = c.asOf ? ` · ${c.asOf}` : "";
	return {
		label: `Cheapest ${c.gpuName ?? c.gpu}`,
		value: `${formatUsd(c.usd, true)} per GPU at ${where} (${c.region})${date}${was}`,
	};
}

function fitField(f: FitLine): Field {
	const was = f.wasHourlyUsd !== null ? ` (was ${formatUsd(f.wasHourlyUsd, true)})` : "";
	return { label: f.title, value: `now ${formatUsd(f.hourlyUsd, true)}${was} · ${f.verdict} · ${f.provider ?? ""}`.trim() };
}

/** The rows the post shows: moves, then new offers, then withdrawn ones, popular GPUs first, at most MAX_CHANGE_ROWS. */
function changeJson(input: PricePostInput) {
	const { diff, catalog } = input;
	const popular = input.popularGpus ?? DEFAULT_POPULAR_GPUS;
	const rank = (gpu: string) => (popular.includes(gpu) ? popular.indexOf(gpu) : popular.length);
	const offerJson = (o: Offer, others: number) => ({
		...o,
		gpuName: gpuSpokenName(catalog, o.gpu),
		providerName: providerName(o.provider),
		...(others > 0 ? { regions: others } : {}),
	});
	const changes = grouped(diff.changed, (c: PriceChange) => c.after)
		.sort((a, b) => rank(a.first.after.gpu) - rank(b.first.after.gpu) || Math.abs(b.first.pct) - Math.abs(a.first.pct))
		.map(({ first: c, others }) => ({ ...offerJson(c.after, others), oldUsd: c.before.usd, newUsd: c.after.usd, pct: c.pct }));
	const byRank = (list: Offer[]) =>
		grouped(list, (o: Offer) => o)
			.sort((a, b) => rank(a.first.gpu) - rank(b.first.gpu) || a.first.usd - b.first.usd)
			.map(({ first, others }) => offerJson(first, others));
	const added = byRank(diff.added);
	const withdrawn = byRank(diff.withdrawn);
	const total = changes.length + added.length + withdrawn.length;
	let room = MAX_CHANGE_ROWS;
	const take = <T>(rows: T[]) => {
		const kept = rows.slice(0, Math.max(0, room));
		room -= kept.length;
		return kept;
	};
	const shown = { changes: take(changes), added: take(added), withdrawn: take(withdrawn) };
	return { ...shown, more: total - shown.changes.length - shown.added.length - shown.withdrawn.length };
}

/** The post's facts: what `prices post --json` prints and what the outbox keeps until it is delivered. */
function pricePostJson(input: PricePostInput): PricePostJson {
	const cheapest = cheapestLines(input);
	const { changes, added, withdrawn, more } = changeJson(input);
	return {
		ok: true,
		post: true,
		since: input.before.takenAt,
		at: input.now.toISOString(),
		timeZone: input.timeZone ?? "UTC",
		catalogVersion: input.catalog.version,
		// "prices as of" the prices the post shows with a date: the cheapest offers.
		pricesAsOf: priceDates(cheapest.map((c) => c.asOf)) ?? input.catalog.pricesAsOf,
		threshold: { ...input.threshold },
		changes,
		added,
		withdrawn,
		ignored: input.diff.ignored.length,
		more,
		cheapest,
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
	reply.notes = [];
	if (post.more) {
		reply.notes.push(
			`…and ${plural(post.more, "more change", "more changes")}: \`gpufit prices history <gpu>\` lists every offer.`,
		);
	}
	if (post.ignored) {
		const { minPct, minUsd } = post.threshold;
		reply.notes.push(
			`${plural(post.ignored, "smaller move", "smaller moves")} (under ${minPct}% or $${minUsd.toFixed(2)}) left out; they count once they add up.`,
		);
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
