// Fetched prices through the running server, to local stand-ins of SkyPilot's catalog, Slack and Discord: the
// live catalog lays them over the curated ones (cards carry each price's date), /healthz reports the feeds, a
// price change between fetches posts once, a one-cent flap and a one-read flap never post, two replicas on one
// Redis fetch and post once, and a restart in the middle of a fetch loses nothing.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runFit } from "../../commands/fit.js";
import { cheapestRental } from "../../src/core/cost.js";
import { gpuSpokenName } from "../../src/prices/names.js";
import { createChartRenderer, priceChartRequest } from "../../src/render/charts/index.js";
import type { RunningServer } from "../../src/transports/server.js";
import { answered } from "../support/answered.js";
import { type RedisServer, redisServerMissing, startRedis } from "../support/price-post-redis.js";
import { uploadedBytes } from "../support/price-post-slack.js";
import { etagOfFile, type SkypilotStandIn, setColumn, startSkypilotStandIn } from "../support/skypilot-stand-in.js";
import { type Harness, harness, slackText, tableLines } from "./harness.js";

const CLOUDS = "aws,gcp,azure,lambda,runpod,vast";
const RUNPOD_H100 = "1x_H100-80GB-HBM3_SECURE";

let primary: SkypilotStandIn;
let mirror: SkypilotStandIn;
let h: Harness | null = null;

beforeEach(async () => {
	primary = await startSkypilotStandIn();
	mirror = await startSkypilotStandIn();
});

afterEach(async () => {
	await h?.cleanup();
	h = null;
	await primary.close();
	await mirror.close();
});

const feedEnv = () => ({
	PRICE_SOURCE_SKYPILOT_URL: primary.base,
	PRICE_SOURCE_SKYPILOT_MIRROR_URL: mirror.base,
	PRICE_SOURCE_SKYPILOT_CLOUDS: CLOUDS,
	PRICE_FETCH_TIMEOUT_MS: "2000",
});

const postAt = (minute: number) => new Date(Date.UTC(2027, 0, 5, 9, minute));

/** Sets an on-demand price (column `col`) on every line of `cloud` that contains `find`. */
function setPrice(s: SkypilotStandIn, cloud: string, find: string, col: number, usd: string): void {
	const lines = (s.files[cloud] ?? "").split("\n");
	if (!lines.some((l) => l.includes(find))) throw new Error(`${cloud}: no line with ${find}`);
	s.files[cloud] = lines.map((l) => (l.includes(find) ? setColumn(l, col, usd) : l)).join("\n");
}

async function fetchAt(server: RunningServer, iso: string) {
	const r = await server.background.priceFeeds!.trigger(new Date(iso));
	expect(r.status).toBe("fetched");
	return r;
}

describe("fetched prices in the running server", () => {
	it("overlay the curated prices, each card showing its prices' dates; /healthz says how the feeds are", async () => {
		h = await harness(feedEnv());
		const server = await h.start();
		const curated = server.store.current();
		await fetchAt(server, "2027-01-05T09:00:00Z");
		const live = server.store.current();
		expect(live.version).not.toBe(curated.version);
		expect(server.store.base()).toBe(curated);

		// AWS's curated p5.48xlarge entry (dated 2026-08-21, from a SkyPilot snapshot) gives way to the fetched one.
		const aws = live.prices.filter((p) => p.provider === "aws" && p.gpu === "h100-sxm" && p.kind === "on-demand");
		expect(aws.every((p) => p.asOf === "2027-01-05" && p.source.includes("fetched"))).toBe(true);
		expect(aws.map((p) => p.region).sort()).toEqual(["ap-northeast-1", "us-east-1", "us-east-1", "us-east-2"]);
		// Purchase prices stay curated, and so do providers no feed covers.
		expect(live.prices.filter((p) => p.kind === "purchase")).toEqual(curated.prices.filter((p) => p.kind === "purchase"));
		expect(live.prices.some((p) => p.provider === "nebius")).toBe(true);

		// The fit card: each price with its own date; the footer's date is the card's, not the catalog's newest.
		const fit = runFit(live, "llama-3.3-70b on 4x H100");
		const json = answered(fit);
		const rental = cheapestRental(live, "h100-sxm")!;
		expect(json.cost.hourlyAsOf).toBe(rental.asOf);
		expect(json.cost.purchaseAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(json.cost.pricesAsOf).toBe([json.cost.hourlyAsOf!, json.cost.purchaseAsOf!].sort()[0]);
		const cost = fit.reply.fields.find((f) => f.label === "Cost")!.value;
		expect(cost).toContain(`(${json.cost.hourlyAsOf})`);
		expect(cost).toContain(`(${json.cost.purchaseAsOf})`);
		expect(fit.reply.footer).toContain(`prices as of ${json.cost.pricesAsOf}`);
		// An H100 rented where a feed lists it: that card says 2027-01-05.
		const lambda = answered(runFit(live, "llama-3.1-8b on 1x H100"));
		expect(lambda.cost.hourlyAsOf).toBe(cheapestRental(live, "h100-sxm")!.asOf);

		primary.misbehave("lambda", { status: 500 });
		mirror.misbehave("lambda", { status: 502 });
		await fetchAt(server, "2027-01-05T16:00:00Z");
		const health = await (await fetch(`${server.url}/healthz`)).json();
		expect(health.ok).toBe(true);
		expect(health.priceFeeds).toMatchObject({
			ok: false,
			source: primary.base,
			mirror: mirror.base,
			feeds: {
				// The upstream version of the prices in use: the file's ETag and Last-Modified (SkyPilot's files carry no
				// commit SHA), kept through the 304 that confirmed it.
				aws: {
					ok: true,
					status: "not-modified",
					offers: 9,
					upstream: {
						source: "primary",
						url: `${primary.base}/v8/aws/vms.csv`,
						etag: etagOfFile(primary.files.aws!),
						lastModified: expect.stringMatching(/ GMT$/),
						readAt: "2027-01-05T09:00:00.000Z",
					},
				},
				lambda: { ok: false, status: "failed", error: "primary: HTTP 500; mirror: HTTP 502", offers: 8 },
			},
		});
		// The last good Lambda prices are still the ones answers use.
		expect(server.store.current().prices.some((p) => p.provider === "lambda" && p.source.includes("fetched"))).toBe(true);
	});

	it("a cloud the source publishes no file for (upstream has no v8 Azure file) is skipped: a note on /healthz, no error, no alert, no mirror", async () => {
		delete primary.files.azure;
		h = await harness({ ...feedEnv(), OPS_SLACK_CHANNEL: "C0OPS" });
		const server = await h.start();
		const curated = server.store.current().prices.filter((p) => p.provider === "azure");
		await fetchAt(server, "2027-01-05T09:00:00Z");
		await fetchAt(server, "2027-01-05T16:00:00Z");
		const health = await (await fetch(`${server.url}/healthz`)).json();
		expect(health.priceFeeds.ok).toBe(true);
		expect(health.priceFeeds.feeds.azure).toEqual({
			ok: true,
			status: "absent",
			checkedAt: "2027-01-05T16:00:00.000Z",
			pricesAsOf: null,
			offers: 0,
			source: null,
			upstream: null,
			error: null,
			failingSince: null,
			note: "no catalogs/v8/azure/vms.csv at the source (HTTP 404): skipped, azure's curated prices stand",
		});
		// The mirror holds an Azure file, but a 404 from the source is its answer: a copy is not read as current.
		expect(mirror.requests.filter((r) => r.cloud === "azure")).toEqual([]);
		expect(h.slack.messages.filter((m) => m.channel === "C0OPS")).toEqual([]);
		// Azure's answers keep the catalog's own prices.
		expect(curated.length).toBeGreaterThan(0);
		expect(server.store.current().prices.filter((p) => p.provider === "azure")).toEqual(curated);
	});

	it("a price change posts once, after a second read; a one-cent flap and a one-read flap never post", async () => {
		h = await harness(feedEnv());
		const server = await h.start();
		const posts = server.background.pricePosts!;
		await fetchAt(server, "2027-01-05T09:00:00Z");
		expect(await posts.trigger(postAt(0))).toMatchObject({ status: "baseline" });
		await fetchAt(server, "2027-01-05T09:10:00Z");
		expect(await posts.trigger(postAt(1))).toMatchObject({ status: "no-change" });

		// RunPod's H100 on-demand 2.99 -> 2.79 (-6.7%); Vast's H100 1.87 -> 1.88 (a cent).
		setPrice(primary, "runpod", RUNPOD_H100, 7, "2.79");
		setPrice(primary, "vast", "1x-H100_SXM", 6, "1.88");
		await fetchAt(server, "2027-01-05T09:20:00Z");
		// Seen by one read only: not yet.
		expect(await posts.trigger(postAt(2))).toMatchObject({ status: "no-change" });
		await fetchAt(server, "2027-01-05T09:30:00Z");
		expect(await posts.trigger(postAt(3))).toMatchObject({ status: "posted" });
		expect(h.slack.messages).toHaveLength(1);
		expect(h.discord.messages).toHaveLength(1);

		const text = slackText(h.slack.messages[0]!.blocks);
		const rows = tableLines(text);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toContain("`H100 SXM`");
		expect(rows[0]).toContain("RunPod");
		expect(rows[0]).toContain("$2.99/h");
		expect(rows[0]).toContain("$2.79/h");
		expect(rows[0]).toContain("▼ 6.7%");
		// One instance string per offer: the row names it once, and nothing else on the card repeats it.
		expect(text.split(RUNPOD_H100)).toHaveLength(2);
		expect(text).not.toContain("h100-sxm");
		expect(text).toContain("1 smaller move");
		// The cheapest H100 now (the cent is in it: too small to report as a move), with the date of that price.
		expect(text).toMatch(
			/Cheapest H100 SXM\*?\n\$1\.88\/h per GPU at Vast\.ai 1x-H100_SXM-32-65536 \(Texas, US, NA\) · 2027-01-05/,
		);
		// A curated price's own date, and no instance where the entry names none.
		expect(text).toMatch(/Cheapest B200\*?\n\$4\.99\/h per GPU at Vast\.ai \(global\) · 2026-08-21/);
		// The post's chart: the H100's prices over time as the feeds saw them, RunPod's cut in it.
		const base = server.store.base();
		const offers = Object.values((await server.background.state.priceHistory()).offers);
		const request = priceChartRequest(
			{ id: "h100-sxm", name: gpuSpokenName(base, "h100-sxm") },
			{ offers, catalogPrices: base.prices },
		);
		if (request?.kind !== "price-history") throw new Error("no H100 price chart");
		expect(request.input.source).toBe("price feeds");
		expect(request.input.points).toContainEqual({
			provider: "runpod",
			kind: "on-demand",
			date: "2027-01-05",
			usdPerGpuHour: 2.79,
		});
		const chart = await createChartRenderer({ log: () => {} }).chart(request);
		expect(h.slack.files).toHaveLength(1);
		expect(chart && (await uploadedBytes(h.slack.files[0]!)).equals(chart.png)).toBe(true);

		// The cent goes back; MI300X drops 16% for one read and comes back: nothing to post.
		setPrice(primary, "vast", "1x-H100_SXM", 6, "1.87");
		setPrice(primary, "runpod", "8x_MI300X_SECURE", 7, "16.00");
		await fetchAt(server, "2027-01-05T09:40:00Z");
		setPrice(primary, "runpod", "8x_MI300X_SECURE", 7, "19.12");
		await fetchAt(server, "2027-01-05T09:50:00Z");
		expect(await posts.trigger(postAt(4))).toMatchObject({ status: "no-change" });
		await fetchAt(server, "2027-01-05T10:00:00Z");
		expect(await posts.trigger(postAt(5))).toMatchObject({ status: "no-change" });
		expect(h.slack.messages).toHaveLength(1);
		expect(h.discord.messages).toHaveLength(1);
	});

	it("a restart in the middle of a fetch loses nothing: the reads done are kept, the rest fetched at start", async () => {
		h = await harness({ ...feedEnv(), PRICE_FETCH_CRON: "0 9 * * 1" });
		const a = await h.start();
		// The last scheduled time (Monday 09:00 UTC) and the one before: the week-old fetch is the last complete one.
		const due = a.background.priceFeeds!.nextRun()!.getTime() - 7 * 86_400_000;
		const lastWeek = (minutes: number) => new Date(due - 7 * 86_400_000 + minutes * 60_000).toISOString();
		await fetchAt(a, lastWeek(0));
		await fetchAt(a, lastWeek(10));
		expect(await a.background.pricePosts!.trigger(postAt(0))).toMatchObject({ status: "baseline" });

		// -10% at AWS (p5.48xlarge, us-east-1) and at Lambda (gpu_8x_h100_sxm5, every region).
		setPrice(primary, "aws", "55.04,17.6289", 6, "49.536");
		setPrice(primary, "lambda", "gpu_8x_h100_sxm5", 5, "28.728");
		primary.misbehave("lambda", { slowMs: 10_000 });
		const interrupted = a.background.priceFeeds!.trigger(new Date(due));
		const deadline = Date.now() + 5000;
		while (!primary.requests.some((r) => r.cloud === "lambda" && r.answered.startsWith("200 slow"))) {
			if (Date.now() > deadline) throw new Error("lambda was never asked");
			await new Promise((r) => setTimeout(r, 10));
		}
		await a.close(); // SIGTERM: the fetch in progress is stopped, its lock released
		const result = await interrupted;
		expect(result.status === "fetched" && result.feeds.map((f) => [f.cloud, f.outcome])).toEqual([
			["aws", "changed"],
			["gcp", "not-modified"],
			["azure", "not-modified"],
			["lambda", "aborted"],
		]);

		const b = await h.start();
		// What A read is in B's catalog at once; Lambda still has last week's prices.
		const at = (provider: string, instance: string, region: string) =>
			b.store
				.current()
				.prices.find(
					(p) =>
						p.provider === provider && p.kind === "on-demand" && p.region === region && p.instance?.startsWith(`${instance} `),
				)!;
		expect(at("aws", "p5.48xlarge", "us-east-1").usd).toBeCloseTo(49.536 / 8, 4);
		expect(at("lambda", "gpu_8x_h100_sxm5", "us-west-1").usd).toBe(3.99);
		// B's start-up check finds the scheduled fetch unfinished and runs it.
		const caughtUp = await b.background.priceFeeds!.catchUp();
		expect(caughtUp?.status).toBe("fetched");
		expect(at("lambda", "gpu_8x_h100_sxm5", "us-west-1").usd).toBeCloseTo(3.591, 4);
		expect(await b.background.priceFeeds!.catchUp()).toBeNull();

		await fetchAt(b, new Date(Date.now() + 60_000).toISOString());
		expect(await b.background.pricePosts!.trigger(postAt(1))).toMatchObject({ status: "posted" });
		const rows = tableLines(slackText(h.slack.messages[0]!.blocks));
		expect(rows).toHaveLength(2);
		expect(rows.find((r) => r.includes("AWS"))).toContain("▼ 10.0%");
		expect(rows.find((r) => r.includes("Lambda"))).toMatch(/gpu_8x_h100_sxm5 · on-demand · \S+ \+2 regions/);
		expect(h.slack.messages).toHaveLength(1);
	});
});

if (redisServerMissing) console.warn(`test/schedule/price-feed-posts.test.ts: ${redisServerMissing}`);

describe.skipIf(redisServerMissing !== null)("price feeds with two replicas on one Redis", () => {
	let redis: RedisServer;
	beforeAll(async () => {
		redis = await startRedis();
	});
	afterAll(async () => {
		await redis?.stop();
	});

	it("fetch once, see the same prices, and post a change once", async () => {
		h = await harness({ ...feedEnv(), REDIS_URL: redis.url });
		const a = await h.start({ GPUFIT_STATE_DIR: `${h.t.root}/state-a` });
		const b = await h.start({ GPUFIT_STATE_DIR: `${h.t.root}/state-b` });
		primary.misbehave("aws", { slowMs: 300 });
		const runs = await Promise.all([
			a.background.priceFeeds!.trigger(new Date("2027-01-05T09:00:00Z")),
			b.background.priceFeeds!.trigger(new Date("2027-01-05T09:00:00Z")),
		]);
		expect(runs.map((r) => r.status).sort()).toEqual(["claimed-elsewhere", "fetched"]);
		expect(primary.requests.filter((r) => r.cloud === "aws")).toHaveLength(1);
		// Both replicas answer from the fetched prices (the one that did not fetch reloads them from Redis).
		await a.background.priceFeeds!.refresh();
		await b.background.priceFeeds!.refresh();
		expect(a.store.current().version).toBe(b.store.current().version);
		expect(b.store.current().prices.some((p) => p.source.includes("fetched"))).toBe(true);

		expect(
			(await Promise.all([a, b].map((s) => s.background.pricePosts!.trigger(postAt(0))))).map((r) => r.status).sort(),
		).toEqual(["baseline", "claimed-elsewhere"]);
		setPrice(primary, "runpod", RUNPOD_H100, 7, "2.79");
		for (const iso of ["2027-01-05T09:10:00Z", "2027-01-05T09:20:00Z"]) {
			const both = await Promise.all([a, b].map((s) => s.background.priceFeeds!.trigger(new Date(iso))));
			expect(both.filter((r) => r.status === "fetched")).toHaveLength(1);
		}
		const posted = await Promise.all([a, b].map((s) => s.background.pricePosts!.trigger(postAt(1))));
		expect(posted.map((r) => r.status).sort()).toEqual(["claimed-elsewhere", "posted"]);
		expect(h.slack.messages).toHaveLength(1);
		expect(h.discord.messages).toHaveLength(1);
		// The next run, on either replica, has nothing new.
		expect(await b.background.pricePosts!.trigger(postAt(2))).toMatchObject({ status: "no-change" });
	});
});
