// A malformed setting stops the start with the variable named, instead of a job that never runs.
import { describe, expect, it } from "vitest";
import { openCatalogStore } from "../../src/catalog/open.js";
import { readConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { startServer } from "../../src/transports/server.js";
import { CATALOG_DIR } from "../support/catalog.js";

describe("price post settings", () => {
	it("default to 2% and $0.05, UTC, ./.data", () => {
		const config = readConfig({});
		expect(config.prices).toMatchObject({ cron: null, timeZone: "UTC", threshold: { minPct: 2, minUsd: 0.05 }, targets: [] });
		expect(config.stateDir).toBe(".data");
		expect(config.redisUrl).toBeNull();
	});

	it("fetch prices every 7 hours from SkyPilot's hosted catalog, its S3 mirror as the fallback, 60 s per request", () => {
		const { fetch } = readConfig({}).prices;
		expect(fetch).toMatchObject({
			cron: "0 */7 * * *",
			timeoutMs: 60_000,
			skypilot: {
				url: "https://raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/catalogs",
				mirrorUrl: "https://skypilot-catalog.s3.us-east-1.amazonaws.com/catalogs",
			},
		});
		expect(fetch.skypilot.clouds).toEqual(expect.arrayContaining(["aws", "gcp", "azure", "lambda", "runpod", "vast", "nebius"]));
		const off = readConfig({
			PRICE_FETCH_CRON: "off",
			PRICE_SOURCE_SKYPILOT_MIRROR_URL: "off",
			PRICE_SOURCE_SKYPILOT_CLOUDS: "AWS, lambda",
		});
		expect(off.prices.fetch).toMatchObject({ cron: null, skypilot: { mirrorUrl: null, clouds: ["aws", "lambda"] } });
	});

	it.each([
		[{ PRICE_SOURCE_SKYPILOT_URL: "ftp://example" }, /PRICE_SOURCE_SKYPILOT_URL=ftp:\/\/example/],
		[{ PRICE_FETCH_TIMEOUT_MS: "5" }, /PRICE_FETCH_TIMEOUT_MS=5/],
		[{ PRICE_SOURCE_SKYPILOT_CLOUDS: "aws;gcp" }, /PRICE_SOURCE_SKYPILOT_CLOUDS=aws;gcp/],
		[{ PRICE_POST_MIN_PCT: "two" }, /PRICE_POST_MIN_PCT=two/],
		[{ PRICE_POST_MIN_USD: "-1" }, /PRICE_POST_MIN_USD=-1/],
		[{ PRICE_POST_TZ: "Mars/Olympus" }, /PRICE_POST_TZ=Mars\/Olympus/],
		[{ PRICE_POST_TIMEOUT_MS: "5s" }, /PRICE_POST_TIMEOUT_MS=5s/],
		[{ PRICE_POST_TIMEOUT_MS: "50" }, /PRICE_POST_TIMEOUT_MS=50/],
		[{ PRICE_POST_WATCHDOG_MS: "0" }, /PRICE_POST_WATCHDOG_MS=0/],
		[{ CATALOG_GIT_PULL_INTERVAL: "often" }, /CATALOG_GIT_PULL_INTERVAL=often/],
	])("names the variable: %o", (env, message) => {
		expect(() => readConfig(env)).toThrow(message);
	});

	it("a malformed setting stops the server's start", async () => {
		const env = { PRICE_POST_MIN_PCT: "two" };
		await expect(
			startServer({ env, store: openCatalogStore(CATALOG_DIR), port: 0, host: "127.0.0.1", log: createLogger(env, () => {}) }),
		).rejects.toThrow(/PRICE_POST_MIN_PCT=two/);
	});

	it("a malformed PRICE_FETCH_CRON stops the server's start", async () => {
		const env = { PRICE_FETCH_CRON: "every 7 hours", GPUFIT_STATE_DIR: "/nonexistent/never-written" };
		await expect(
			startServer({ env, store: openCatalogStore(CATALOG_DIR), port: 0, host: "127.0.0.1", log: createLogger(env, () => {}) }),
		).rejects.toThrow(/PRICE_FETCH_CRON=every 7 hours/);
	});

	it("a malformed PRICE_POST_CRON stops the server's start", async () => {
		const env = { PRICE_POST_CRON: "every monday", GPUFIT_STATE_DIR: "/nonexistent/never-written" };
		await expect(
			startServer({ env, store: openCatalogStore(CATALOG_DIR), port: 0, host: "127.0.0.1", log: createLogger(env, () => {}) }),
		).rejects.toThrow(/PRICE_POST_CRON=every monday/);
	});
});
