// The price fetch against local stand-ins of SkyPilot's hosted catalog and its mirror (real column layouts,
// with the traps of the research notes §0.4): what each file's traps become, a 304 for an unchanged file, 429
// then the mirror, 500s that keep the last good prices and tell ops once, a body too slow or cut short, a file
// cut mid-row or shrunk to a fraction, a crashed fetch's lock taken over, and the lock as a lease.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/chat/reply.js";
import { createLogger } from "../../src/log.js";
import { currentOffers, pointOf } from "../../src/prices/history.js";
import { overlayFetchedPrices } from "../../src/prices/overlay.js";
import { FileState } from "../../src/schedule/file-state.js";
import {
	FETCH_LOCK,
	type FeedReport,
	type PriceFetchConfig,
	priceFeedsHealth,
	runPriceFetch,
} from "../../src/schedule/price-fetch.js";
import { openRedisState } from "../../src/schedule/redis-state.js";
import type { Senders } from "../../src/schedule/senders.js";
import { waitFor } from "../catalog/temp-catalog.js";
import { repoCatalog } from "../support/catalog.js";
import { type RedisServer, redisServerMissing, startRedis } from "../support/price-post-redis.js";
import { etagOfFile, type SkypilotStandIn, setColumn, startSkypilotStandIn } from "../support/skypilot-stand-in.js";

const CLOUDS = ["aws", "gcp", "azure", "lambda", "runpod", "vast"];

let primary: SkypilotStandIn;
let mirror: SkypilotStandIn;
let dir: string;
let state: FileState;
let alerts: { channel: string; reply: Reply }[];

const senders = (): Senders => ({
	slack: {
		platform: "slack",
		send: async (channel, reply) => {
			alerts.push({ channel, reply });
			return "ts";
		},
		close: () => {},
	},
});

const config = (over: Partial<PriceFetchConfig> = {}): PriceFetchConfig => ({
	skypilot: { url: primary.base, mirrorUrl: mirror.base, clouds: CLOUDS },
	timeoutMs: 2000,
	opsTargets: [{ platform: "slack", channel: "C0OPS" }],
	...over,
});

const fetchOnce = (at: string, over: Partial<PriceFetchConfig> = {}) =>
	runPriceFetch(
		{ state, catalog: repoCatalog, senders: senders(), log: createLogger({}, () => {}), config: config(over) },
		new Date(at),
	);

async function fetched(at: string, over: Partial<PriceFetchConfig> = {}): Promise<Record<string, FeedReport>> {
	const r = await fetchOnce(at, over);
	if (r.status !== "fetched") throw new Error(`not fetched: ${r.status}`);
	return Object.fromEntries(r.feeds.map((f) => [f.cloud, f]));
}

/** The fetch lock's lease in the lease tests: renewed every third of it, so only a stall of two thirds loses it. */
const LEASE = 2000;
/** aws's slow body in those tests: the fetch outlasts two leases. */
const LONG_READ_MS = 2.5 * LEASE;

/** Starts a fetch made long by a slow aws body (bounded well past it, so that it is read, not cut). */
function longFetch<T>(start: (over: Partial<PriceFetchConfig>) => Promise<T>): Promise<T> {
	primary.misbehave("aws", { slowMs: LONG_READ_MS });
	return start({ leaseMs: LEASE, timeoutMs: 2 * LONG_READ_MS });
}

/**
 * Runs `check` every fifth of a lease while a long fetch started at `started` certainly still runs (its slow body
 * ends no sooner than LONG_READ_MS after); returns how many checks came after the first lease would have run out.
 */
async function whileFetching(started: number, check: () => Promise<void>): Promise<number> {
	let afterFirstLease = 0;
	for (;;) {
		await sleep(LEASE / 5);
		const at = Date.now() - started;
		if (at > LONG_READ_MS - LEASE / 2) return afterFirstLease;
		await check();
		if (at > LEASE) afterFirstLease++;
	}
}

beforeEach(async () => {
	primary = await startSkypilotStandIn();
	mirror = await startSkypilotStandIn();
	dir = mkdtempSync(join(tmpdir(), "gpufit-feed-"));
	state = new FileState(dir);
	alerts = [];
});

afterEach(async () => {
	await primary.close();
	await mirror.close();
	await state.close();
	rmSync(dir, { recursive: true, force: true });
});

/** The stored offers of a feed, by "gpu instance region" with their current prices. */
async function offersOf(cloud: string): Promise<Record<string, [number | null, number | null]>> {
	const data = await state.priceHistory();
	return Object.fromEntries(
		currentOffers(data, `skypilot/${cloud}`).map((o) => {
			const p = o.points[o.points.length - 1]!;
			return [`${o.gpu} ${o.instance || "-"} ${o.region}`, [p.onDemandUsd, p.spotUsd]];
		}),
	);
}

describe("price fetch: SkyPilot's files and their traps", () => {
	it("stores every offer per GPU-hour, with each trap caught on the way in", async () => {
		const feeds = await fetched("2027-01-05T09:00:00Z");
		expect(Object.values(feeds).map((f) => f.outcome)).toEqual(CLOUDS.map(() => "changed"));
		expect(primary.requests.map((r) => r.cloud)).toEqual(CLOUDS);
		expect(mirror.requests).toHaveLength(0);

		// AWS: per GPU-hour, the lowest zone's spot, every region kept; "A100" with 40 GB is the 40 GB card;
		// a capacity block has spot only; spot equal to on-demand is a copy; an unknown accelerator is counted.
		const aws = await offersOf("aws");
		expect(aws["h100-sxm p5.48xlarge us-east-1"]).toEqual([6.88, 2.2036]);
		expect(aws["h100-sxm p5.48xlarge us-east-2"]).toEqual([6.88, 1.4063]);
		expect(aws["a100-40gb-sxm p4d.24xlarge us-east-1"]).toEqual([2.7447, 0.985]);
		expect(aws["h200-sxm p5e.48xlarge us-east-2"]).toEqual([null, 2.342]);
		expect(aws["l4 g6.xlarge us-east-1"]).toEqual([0.8048, null]);
		expect(feeds.aws!.notes).toMatchObject({ "spot price copied from on-demand": 1, "no catalog GPU for the accelerator": 1 });

		// Azure: 12 GPUs for an 8-GPU VM corrected from the size; the NC H100 v5 is an H100 NVL; spot = price dropped.
		const azure = await offersOf("azure");
		expect(azure["h100-sxm Standard_ND96isr_H100_v5 eastus"]).toEqual([12.29, null]);
		expect(azure["h100-nvl Standard_NC40ads_H100_v5 eastus"]).toEqual([6.98, null]);
		expect(feeds.azure!.notes).toMatchObject({
			"AcceleratorCount corrected from the instance name": 3,
			"GPU named by the instance size": 1,
			"spot price copied from on-demand": 4,
		});

		// GCP: GPU-only rows; spot above on-demand dropped; a 700.0 placeholder price refused; a TPU is no GPU.
		const gcp = await offersOf("gcp");
		expect(gcp["a100-80gb-sxm - us-central1"]).toEqual([1.8462, null]);
		expect(gcp["h200-sxm - europe-west4"]).toEqual([4.5753, null]);
		expect(gcp["l4 - europe-west4"]).toBeUndefined();
		expect(gcp["h100-sxm - us-east4"]).toEqual([9.7965, 2.2356]);
		expect(feeds.gcp!.notes).toMatchObject({
			"spot price above on-demand": 2,
			"on-demand price per GPU implausible for the GPU": 1,
		});

		// Lambda: one GPU's memory as the total, rows copied to every region; V100 is the 16 GB card.
		const lambda = await offersOf("lambda");
		expect(Object.keys(lambda).filter((k) => k.startsWith("h100-sxm gpu_8x_h100_sxm5"))).toHaveLength(3);
		expect(lambda["v100-16gb gpu_8x_v100_n us-east-1"]).toEqual([0.79, null]);

		// RunPod: GB in the MiB field, spot copied from on-demand, a fractional GPU left out.
		const runpod = await offersOf("runpod");
		expect(runpod["a100-80gb-sxm 1x_A100-80GB_SECURE US"]).toEqual([1.39, null]);
		expect(runpod["mi300x 8x_MI300X_SECURE US"]).toEqual([2.39, null]);
		expect(feeds.runpod!.notes).toMatchObject({ "no whole GPU (fractional or missing AcceleratorCount)": 1 });

		// Vast: the total of both GPUs in the per-GPU field; an H100 NVL told apart by memory; a 48 GB 4090 is no catalog GPU.
		const vast = await offersOf("vast");
		expect(vast["h200-sxm 2x-H200-32-65536 France, FR, EU"]).toEqual([2.59, null]);
		expect(vast["h100-nvl 1x-H100_NVL-32-65536 Bulgaria, BG, EU"]).toEqual([2.08, null]);
		expect(Object.keys(vast).filter((k) => k.startsWith("rtx-4090"))).toEqual(["rtx-4090 1x-RTX_4090-32-65536 Germany, DE, EU"]);

		const health = priceFeedsHealth(config(), await state.priceHistory());
		expect(health.ok).toBe(true);
		expect(health.feeds.aws).toMatchObject({ ok: true, status: "ok", source: "primary", pricesAsOf: "2027-01-05T09:00:00.000Z" });
	});

	it("asks with the last ETag: an unchanged file is a 304, stored once, confirmed again", async () => {
		await fetched("2027-01-05T09:00:00Z");
		const before = await state.priceHistory();
		primary.requests.length = 0;
		const feeds = await fetched("2027-01-05T16:00:00Z");
		expect(Object.values(feeds).map((f) => f.outcome)).toEqual(CLOUDS.map(() => "not-modified"));
		expect(primary.requests.every((r) => r.ifNoneMatch?.startsWith('"') && r.ifModifiedSince && r.answered === "304")).toBe(true);
		const after = await state.priceHistory();
		expect(after.offers).toEqual(before.offers);
		expect(after.feeds["skypilot/aws"]).toMatchObject({
			seq: 2,
			confirmedAt: "2027-01-05T16:00:00.000Z",
			status: "not-modified",
		});

		// The upstream version of the stored prices: the ETag and Last-Modified the file came with (the ones sent back
		// as If-None-Match / If-Modified-Since), kept through the 304; a changed file replaces it.
		const awsAsked = primary.requests.find((r) => r.cloud === "aws")!;
		const first = {
			source: "primary",
			url: `${primary.base}/v8/aws/vms.csv`,
			etag: etagOfFile(primary.files.aws!),
			lastModified: awsAsked.ifModifiedSince,
			readAt: "2027-01-05T09:00:00.000Z",
		};
		expect(awsAsked.ifNoneMatch).toBe(first.etag);
		expect(after.feeds["skypilot/aws"]!.upstream).toEqual(first);
		expect(priceFeedsHealth(config(), after).feeds.aws!.upstream).toEqual(first);
		primary.edit("aws", "p5.48xlarge", (l) => l.replace("55.04", "54.04"));
		await fetched("2027-01-05T23:00:00Z");
		const changed = (await state.priceHistory()).feeds["skypilot/aws"]!.upstream!;
		expect(changed).toMatchObject({ etag: etagOfFile(primary.files.aws!), readAt: "2027-01-05T23:00:00.000Z" });
		expect(changed.etag).not.toBe(first.etag);
		expect(changed.lastModified).not.toBe(first.lastModified);
	});

	it("a 429 from the catalog is read from the mirror; a 500 from both keeps the last good prices and tells ops once", async () => {
		await fetched("2027-01-05T09:00:00Z");
		primary.misbehave("aws", { status: 429, retryAfter: 60 });
		const viaMirror = await fetched("2027-01-05T16:00:00Z");
		expect(viaMirror.aws).toMatchObject({ outcome: "unchanged", source: "mirror" });
		expect((await state.priceHistory()).feeds["skypilot/aws"]!.upstream).toMatchObject({
			source: "mirror",
			url: `${mirror.base}/v8/aws/vms.csv`,
			etag: etagOfFile(mirror.files.aws!),
		});
		expect(viaMirror.aws!.tries.map((t) => [t.source, t.result])).toEqual([
			["primary", "HTTP 429 (rate limited)"],
			["mirror", "200"],
		]);
		expect(alerts).toHaveLength(0);

		const lambdaBefore = await offersOf("lambda");
		for (let i = 0; i < 2; i++) {
			primary.misbehave("lambda", { status: 500 });
			mirror.misbehave("lambda", { status: 500 });
			const feeds = await fetched(`2027-01-0${6 + i}T09:00:00Z`);
			expect(feeds.lambda).toMatchObject({ outcome: "failed", error: "primary: HTTP 500; mirror: HTTP 500" });
		}
		expect(await offersOf("lambda")).toEqual(lambdaBefore);
		const data = await state.priceHistory();
		const overlaid = overlayFetchedPrices(repoCatalog(), data);
		expect(overlaid.prices.some((p) => p.provider === "lambda" && p.instance?.startsWith("gpu_8x_h100_sxm5"))).toBe(true);
		const health = priceFeedsHealth(config(), data);
		expect(health.ok).toBe(false);
		expect(health.feeds.lambda).toMatchObject({
			ok: false,
			status: "failed",
			failingSince: "2027-01-06T09:00:00.000Z",
			pricesAsOf: "2027-01-05T16:00:00.000Z",
			error: "primary: HTTP 500; mirror: HTTP 500",
		});
		// Two failing runs, one alert, naming what is kept.
		expect(alerts).toHaveLength(1);
		expect(alerts[0]!.channel).toBe("C0OPS");
		expect(alerts[0]!.reply.title).toBe("Price feed failing: SkyPilot lambda");
		expect(alerts[0]!.reply.headline).toMatch(
			/^primary: HTTP 500; mirror: HTTP 500\. Still using the 8 offers last confirmed 2027-01-05 16:00 UTC/,
		);

		// It reads again: healthy, and a later failure is news again.
		await fetched("2027-01-08T09:00:00Z");
		expect(priceFeedsHealth(config(), await state.priceHistory()).ok).toBe(true);
		primary.misbehave("lambda", { status: 503 });
		mirror.misbehave("lambda", { status: 503 });
		await fetched("2027-01-09T09:00:00Z");
		expect(alerts).toHaveLength(2);
	});

	it("a body slower than PRICE_FETCH_TIMEOUT_MS is given up and read from the mirror; every request is bounded", async () => {
		// Bodies ten times the bound: each slow try says it was cut at the bound (no wall-clock bound on the whole
		// fetch, which a loaded machine can miss); a bound of a second leaves the answered tries room.
		const TIMEOUT = 1000;
		await fetched("2027-01-05T09:00:00Z");
		primary.misbehave("gcp", { slowMs: 10 * TIMEOUT });
		mirror.misbehave("gcp", { slowMs: 10 * TIMEOUT });
		primary.misbehave("aws", { slowMs: 10 * TIMEOUT });
		const feeds = await fetched("2027-01-05T16:00:00Z", { timeoutMs: TIMEOUT });
		expect(feeds.aws).toMatchObject({ outcome: "unchanged", source: "mirror" });
		expect(feeds.aws!.tries[0]!.result).toBe(`no complete answer within ${TIMEOUT} ms`);
		expect(feeds.gcp).toMatchObject({
			outcome: "failed",
			error: `primary: no complete answer within ${TIMEOUT} ms; mirror: no complete answer within ${TIMEOUT} ms`,
		});
		expect(Object.keys(await offersOf("gcp")).length).toBeGreaterThan(0);
	});

	it("a body cut short is refused, from the connection or mid-row; the last good prices stay", async () => {
		await fetched("2027-01-05T09:00:00Z");
		const before = await offersOf("aws");
		primary.misbehave("aws", { cutConnection: true });
		mirror.misbehave("aws", { cutCsv: true });
		const feeds = await fetched("2027-01-05T16:00:00Z");
		expect(feeds.aws!.tries[0]!.result).toMatch(/cut short/);
		expect(feeds.aws).toMatchObject({ outcome: "invalid", source: "mirror" });
		expect(feeds.aws!.error).toMatch(/^mirror: cut short/);
		expect(await offersOf("aws")).toEqual(before);
		expect(alerts.map((a) => a.reply.title)).toEqual(["Price feed refused: SkyPilot aws"]);
		// The refused file's validators were not kept; the primary's still describe the stored prices: a 304 is good.
		expect((await state.priceHistory()).feeds["skypilot/aws"]!.validators.mirror).toBeNull();
		primary.requests.length = 0;
		const again = await fetched("2027-01-05T23:00:00Z");
		expect(primary.requests.find((r) => r.cloud === "aws")).toMatchObject({ answered: "304" });
		expect(again.aws!.outcome).toBe("not-modified");
		expect(priceFeedsHealth(config(), await state.priceHistory()).feeds.aws).toMatchObject({ ok: true, failingSince: null });
	});

	it("a file with a fraction of the offers it listed is refused as a partial file", async () => {
		const header = "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Price,Region,GpuInfo,SpotPrice";
		const row = (region: string) =>
			`gpu_1x_h100_sxm5,H100,1.0,26.0,225.0,4.29,${region},"{'Gpus': [{'Name': 'H100', 'Count': 1.0, 'MemoryInfo': {'SizeInMiB': 81920}}], 'TotalGpuMemoryInMiB': 81920}",`;
		const regions = Array.from({ length: 20 }, (_, i) => `region-${i}`);
		primary.files.lambda = [header, ...regions.map(row)].join("\n");
		await fetched("2027-01-05T09:00:00Z");
		primary.files.lambda = [header, ...regions.slice(0, 4).map(row)].join("\n");
		const feeds = await fetched("2027-01-05T16:00:00Z");
		expect(feeds.lambda).toMatchObject({ outcome: "invalid", error: "primary: 4 offers, down from 20: a partial file?" });
		expect(Object.keys(await offersOf("lambda"))).toHaveLength(20);
	});

	it("a price's history: moved, withdrawn, back; the settled price waits for a second read", async () => {
		await fetched("2027-01-05T09:00:00Z");
		primary.edit("runpod", "1x_H100-80GB-HBM3_SECURE,H100,1.0,16.0,125.0,US,2.69,2.99,US-TX-1", (l) => setColumn(l, 7, "2.69"));
		primary.edit("runpod", "1x_H100-80GB-HBM3_SECURE,H100,1.0,16.0,125.0,US,2.69,2.99,US-GA-1", (l) => setColumn(l, 7, "2.69"));
		// Spot at or above on-demand is dropped: the offer now has on-demand 2.69 and no spot.
		const feeds = await fetched("2027-01-05T16:00:00Z");
		expect(feeds.runpod!.changes).toEqual([
			expect.objectContaining({ gpu: "h100-sxm", kind: "on-demand", oldUsd: 2.99, newUsd: 2.69 }),
			expect.objectContaining({ gpu: "h100-sxm", kind: "spot", oldUsd: 2.69, newUsd: null }),
		]);
		const data = await state.priceHistory();
		const offer = Object.values(data.offers).find((o) => o.instance === "1x_H100-80GB-HBM3_SECURE")!;
		const feed = data.feeds["skypilot/runpod"];
		expect(pointOf(offer, feed, false)?.point.onDemandUsd).toBe(2.69);
		expect(pointOf(offer, feed, true)?.point.onDemandUsd).toBe(2.99);
		await fetched("2027-01-05T17:00:00Z");
		const later = await state.priceHistory();
		const settled = pointOf(later.offers[offer.key]!, later.feeds["skypilot/runpod"], true);
		expect(settled).toMatchObject({ point: { onDemandUsd: 2.69 }, seenAt: "2027-01-05T17:00:00.000Z" });
	});
});

describe("price fetch: one at a time", () => {
	it("a second fetch while one runs is turned away; a lock left by a dead process is taken over", async () => {
		primary.misbehave("aws", { slowMs: 400 });
		const [a, b] = await Promise.all([fetchOnce("2027-01-05T09:00:00Z"), fetchOnce("2027-01-05T09:00:00Z")]);
		expect([a.status, b.status].sort()).toEqual(["claimed-elsewhere", "fetched"]);

		// A process that died holding the lock (a crash mid-fetch): its pid no longer runs on this host.
		const dead = spawnSync(process.execPath, ["-e", "0"]).pid;
		mkdirSync(join(dir, "claims"), { recursive: true });
		writeFileSync(
			join(dir, "claims", `${FETCH_LOCK}.claim`),
			JSON.stringify({ key: FETCH_LOCK, owner: `${hostname()}:${dead}`, expiresAt: Date.now() + 3600_000 }),
		);
		expect((await fetchOnce("2027-01-05T16:00:00Z")).status).toBe("fetched");
		// One held by a live process (this one) is not.
		expect(await state.claim(FETCH_LOCK, 60_000)).toBe(true);
		expect((await fetchOnce("2027-01-05T17:00:00Z")).status).toBe("claimed-elsewhere");
		await state.release(FETCH_LOCK);
	});

	it("the lock is a lease: renewed while a long fetch runs; a dead holder on another host blocks one lease at most", async () => {
		const lockFile = join(dir, "claims", `${FETCH_LOCK}.claim`);
		/** Ms until the lock file's lease runs out; null when there is no lock file. */
		const expiresIn = () => {
			try {
				return (JSON.parse(readFileSync(lockFile, "utf8")) as { expiresAt: number }).expiresAt - Date.now();
			} catch (e) {
				if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
				throw e;
			}
		};

		// A fetch longer than two leases: its lock never runs out, yet what it would leave behind if it died now runs
		// out within one lease. A second holder asking all along is turned away each time.
		const started = Date.now();
		const long = longFetch((over) => fetchOnce("2027-01-05T09:00:00Z", over));
		const checks = await whileFetching(started, async () => {
			expect(expiresIn()).toBeGreaterThan(0);
			expect(expiresIn()).toBeLessThanOrEqual(LEASE);
			expect((await fetchOnce("2027-01-05T09:00:00Z", { leaseMs: LEASE })).status).toBe("claimed-elsewhere");
		});
		expect(checks).toBeGreaterThanOrEqual(2);
		const first = await long;
		expect(first.status === "fetched" && first.feeds.map((f) => f.outcome)).toEqual(CLOUDS.map(() => "changed"));
		expect(existsSync(lockFile)).toBe(false);

		// A replica on another host died holding the lock (its pid cannot be checked from here): turned away until
		// the lease its last renewal wrote runs out, then taken.
		writeFileSync(lockFile, JSON.stringify({ key: FETCH_LOCK, owner: "gpufit-replica-b:4242", expiresAt: Date.now() + LEASE }));
		expect((await fetchOnce("2027-01-05T16:00:00Z", { leaseMs: LEASE })).status).toBe("claimed-elsewhere");
		await sleep(LEASE + 50);
		expect((await fetchOnce("2027-01-05T16:00:00Z", { leaseMs: LEASE })).status).toBe("fetched");
	});

	it("a holder whose lease was taken (it stalled past it) writes nothing more and stops", async () => {
		await fetched("2027-01-05T09:00:00Z");
		const before = await state.priceHistory();
		primary.edit("aws", "p5.48xlarge", (l) => l.replace("55.04", "54.04"));
		primary.misbehave("aws", { slowMs: 2000 });
		const run = fetchOnce("2027-01-05T16:00:00Z", { timeoutMs: 10_000 });
		// It holds the lock and is reading aws's slow body.
		await waitFor(
			"the slow aws read under the lock",
			() => primary.requests.some((r) => r.cloud === "aws" && r.answered.startsWith("200 slow")),
			10_000,
		);
		// Another replica took the lock over while this one was reading.
		writeFileSync(
			join(dir, "claims", `${FETCH_LOCK}.claim`),
			JSON.stringify({ key: FETCH_LOCK, owner: "gpufit-replica-b:4242", expiresAt: Date.now() + 60_000 }),
		);
		const r = await run;
		expect(r.status === "fetched" && r.feeds.map((f) => [f.cloud, f.outcome, f.error])).toEqual([
			["aws", "aborted", "the fetch lock's lease was lost: left for the next run"],
		]);
		expect(await state.priceHistory()).toEqual(before);
		// The new holder's lock is left to it.
		expect(readFileSync(join(dir, "claims", `${FETCH_LOCK}.claim`), "utf8")).toContain("gpufit-replica-b:4242");
	});
});

describe.skipIf(redisServerMissing !== null)("price fetch: the lease on Redis, two replicas", () => {
	let redis: RedisServer;
	beforeAll(async () => {
		redis = await startRedis();
	});
	afterAll(async () => {
		await redis?.stop();
	});

	it("a replica's long fetch keeps the lease from the other; a replica dead on another host blocks one lease", async () => {
		const log = createLogger({}, () => {});
		const [a, b] = await Promise.all([openRedisState(redis.url, log), openRedisState(redis.url, log)]);
		const admin = createClient({ url: redis.url });
		await admin.connect();
		const lockKey = `gpufit:claim:${FETCH_LOCK}`;
		const on = (replica: typeof a, at: string, over: Partial<PriceFetchConfig> = { leaseMs: LEASE }) =>
			runPriceFetch({ state: replica, catalog: repoCatalog, senders: senders(), log, config: config(over) }, new Date(at));
		try {
			const started = Date.now();
			const long = longFetch((over) => on(a, "2027-01-05T09:00:00Z", over));
			const checks = await whileFetching(started, async () => {
				// PTTL: -2 when there is no key.
				const ttl = await admin.pTTL(lockKey);
				expect(ttl).toBeGreaterThan(0);
				expect(ttl).toBeLessThanOrEqual(LEASE);
				expect((await on(b, "2027-01-05T09:00:00Z")).status).toBe("claimed-elsewhere");
			});
			expect(checks).toBeGreaterThanOrEqual(2);
			expect((await long).status).toBe("fetched");
			expect(await admin.exists(lockKey)).toBe(0);

			// What a replica on another host leaves when it dies mid-fetch: its key, expiring one lease after its last renewal.
			await admin.set(lockKey, "gpufit-replica-c:4242", { expiration: { type: "PX", value: LEASE } });
			expect((await on(b, "2027-01-05T16:00:00Z")).status).toBe("claimed-elsewhere");
			await sleep(LEASE + 50);
			expect((await on(b, "2027-01-05T16:00:00Z")).status).toBe("fetched");
		} finally {
			await admin.close();
			await a.close();
			await b.close();
		}
	});
});
