// The CLI's fit, recommend and compare answer with the prices `gpufit prices fetch` stored, laid over the curated
// ones as the server's live catalog lays them: the shipped binary, a local stand-in of SkyPilot's catalog whose
// RunPod H100 costs less than any curated H100 rental, and a temporary GPUFIT_STATE_DIR (or a throwaway Redis).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli-run.js";
import { FIXTURE_CATALOG_DIR, fixtureCatalog } from "../support/fixture-catalog.js";
import { type RedisServer, redisServerMissing, startRedis } from "../support/price-post-redis.js";
import { fixtureCsvs, type SkypilotStandIn, setColumn, startSkypilotStandIn } from "../support/skypilot-stand-in.js";

/** RunPod's vms.csv columns: SpotPrice is column 6, Price (on demand, per instance-hour) column 7. */
const SPOT = 6;
const PRICE = 7;
/**
 * The fetched on-demand price of one 1x H100 instance (one GPU, so also per GPU-hour): under every curated H100
 * rental, and within the band the feed's validation accepts for an H100 (src/catalog/skypilot.ts).
 */
const FETCHED_USD = 1.5;

let feed: SkypilotStandIn;
let root: string;
let env: Record<string, string>;

const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
	const runpod = (fixtureCsvs().runpod as string)
		.split("\n")
		.map((l) => (l.startsWith("1x_H100-80GB-HBM3_SECURE") ? setColumn(setColumn(l, PRICE, String(FETCHED_USD)), SPOT, "1.2") : l))
		.join("\n");
	feed = await startSkypilotStandIn({ runpod });
	root = mkdtempSync(join(tmpdir(), "gpufit-cli-fetched-"));
	env = {
		CATALOG_DIR: FIXTURE_CATALOG_DIR,
		GPUFIT_STATE_DIR: join(root, "state"),
		PRICE_SOURCE_SKYPILOT_URL: feed.base,
		PRICE_SOURCE_SKYPILOT_MIRROR_URL: "off",
		PRICE_SOURCE_SKYPILOT_CLOUDS: "runpod",
	};
});

afterAll(async () => {
	await feed.close();
	rmSync(root, { recursive: true, force: true });
});

async function json(...args: string[]) {
	const r = await runCli([...args, "--json"], env);
	expect(r.code, r.stderr).toBe(0);
	return JSON.parse(r.stdout);
}

describe("the CLI's answers after `gpufit prices fetch`", () => {
	const curatedH100 = fixtureCatalog().prices.filter((p) => p.gpu === "h100-sxm" && p.kind === "on-demand");

	it("before any fetch: the curated prices, with their dates", async () => {
		// The stand-in's price must be the cheapest once fetched, or the test would prove nothing.
		expect(Math.min(...curatedH100.map((p) => p.usd))).toBeGreaterThan(FETCHED_USD);
		const fit = await json("fit", "llama-3.1-70b on 2x H100");
		expect(curatedH100.map((p) => p.asOf)).toContain(fit.cost.hourlyAsOf);
		expect(fit.cost.hourlyUsd).toBe(Math.min(...curatedH100.map((p) => p.usd)) * 2);
	});

	it("after it: fit, recommend and compare show the fetched price and the day it was read", async () => {
		const before = today();
		const fetched = await json("prices", "fetch");
		const after = today();
		expect(fetched.feeds.map((f: { cloud: string; outcome: string }) => [f.cloud, f.outcome])).toEqual([["runpod", "changed"]]);

		const fit = await json("fit", "llama-3.1-70b on 2x H100");
		expect(fit.cost).toMatchObject({ hourlyUsd: 2 * FETCHED_USD, hourlyProvider: expect.stringMatching(/^runpod/) });
		expect([before, after]).toContain(fit.cost.hourlyAsOf);

		const recommend = await json("recommend", "llama-3.1-70b");
		const h100 = recommend.options.find((o: { gpu: string; count: number }) => o.gpu === "h100-sxm" && o.count === 2);
		expect(h100).toMatchObject({ hourlyUsd: 2 * FETCHED_USD, provider: expect.stringMatching(/^runpod/) });
		expect([before, after]).toContain(h100.hourlyAsOf);

		const compare = await json("compare", "llama-3.1-70b on 2x H100 vs 2x H200");
		expect(compare.setups[0].cost).toMatchObject({
			hourlyUsd: 2 * FETCHED_USD,
			hourlyProvider: expect.stringMatching(/^runpod/),
		});

		// The text card dates the fetched price beside it and in its footer.
		const text = await runCli(["fit", "llama-3.1-70b on 2x H100"], env);
		expect(text.stdout).toContain(`(${fit.cost.hourlyAsOf})`);
		expect(text.stdout).toMatch(/prices as of \d{4}-\d{2}-\d{2}/);
	});

	it("a state directory without a history: the curated prices stand", async () => {
		const r = await runCli(["fit", "llama-3.1-70b on 2x H100", "--json"], { ...env, GPUFIT_STATE_DIR: join(root, "empty") });
		expect(JSON.parse(r.stdout).cost.hourlyUsd).toBe(Math.min(...curatedH100.map((p) => p.usd)) * 2);
	});
});

if (redisServerMissing) console.warn(`test/schedule/cli-fetched-prices.test.ts: ${redisServerMissing}`);

describe.skipIf(redisServerMissing !== null)("the CLI's answers with REDIS_URL", () => {
	let redis: RedisServer;
	beforeAll(async () => {
		redis = await startRedis();
	});
	afterAll(async () => {
		await redis?.stop();
	});

	it("read the prices `prices fetch` stored in Redis, whatever the state directory", async () => {
		const fetched = await runCli(["prices", "fetch", "--json"], {
			...env,
			REDIS_URL: redis.url,
			GPUFIT_STATE_DIR: join(root, "a"),
		});
		expect(fetched.code, fetched.stderr).toBe(0);
		const fit = await runCli(["fit", "llama-3.1-70b on 2x H100", "--json"], {
			...env,
			REDIS_URL: redis.url,
			GPUFIT_STATE_DIR: join(root, "b"),
		});
		expect(JSON.parse(fit.stdout).cost).toMatchObject({
			hourlyUsd: 2 * FETCHED_USD,
			hourlyProvider: expect.stringMatching(/^runpod/),
		});
	});

	it("a Redis that does not answer: the curated prices, said on stderr", async () => {
		await redis.stop();
		// The answer coming at all is the proof (the CLI gives Redis 2 s); no wall-clock bound a loaded machine can miss.
		const fit = await runCli(["fit", "llama-3.1-70b on 2x H100", "--json"], { ...env, REDIS_URL: redis.url });
		expect(fit.code).toBe(0);
		expect(JSON.parse(fit.stdout).cost.hourlyUsd).toBe(
			Math.min(
				...fixtureCatalog()
					.prices.filter((p) => p.gpu === "h100-sxm" && p.kind === "on-demand")
					.map((p) => p.usd),
			) * 2,
		);
		expect(fit.stderr).toContain("stored prices not read");
	});
});
