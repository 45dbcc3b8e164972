// The one configuration schema: every variable's default, and a bad value stops the start naming it.
import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../src/config.js";

describe("readConfig", () => {
	it("defaults: the contract's server table", () => {
		const c = readConfig({});
		expect(c.port).toBe(3000);
		expect(c.host).toBe("0.0.0.0");
		expect(c.catalog.dir).toMatch(/\/catalog$/);
		expect(c.catalog).toMatchObject({ watch: true, debounceMs: 300, gitPullIntervalMs: null });
		expect(c.stateDir).toBe(".data");
		expect(c.redisUrl).toBeNull();
		expect(c.rateLimit).toBe(30);
		expect(c.locale).toBe("en");
		expect(c.hub).toEqual({ endpoint: "https://huggingface.co", token: null });
		expect(c.slack).toMatchObject({ botToken: null, signingSecret: null, apiUrl: null, ackBudgetMs: 2000 });
		expect(c.discord).toMatchObject({ publicKey: null, apiUrl: "https://discord.com/api", deferAfterMs: 2000, mode: "http" });
		expect(c.prices).toMatchObject({ cron: null, timeZone: "UTC", targets: [], threshold: { minPct: 2, minUsd: 0.05 } });
	});

	it("reads values as people write them; empty is unset", () => {
		const c = readConfig({
			PORT: " 8080 ",
			GPUFIT_RATE_LIMIT: "off",
			CATALOG_WATCH: "off",
			CATALOG_GIT_PULL_INTERVAL: "0.1",
			PRICE_POST_GPUS: "h100-sxm, b200",
			PRICE_POST_FITS: "deepseek-r1 on 8x H200; llama-3.3-70b on 4x H100",
			PRICE_POST_SLACK_CHANNEL: "C1",
			OPS_DISCORD_CHANNEL: "42",
			GPUFIT_LOCALE: "zh-CN",
			DISCORD_MODE: "Gateway",
			SLACK_BOT_TOKEN: "",
			SLACK_ACK_BUDGET_MS: "0",
		});
		expect(c.port).toBe(8080);
		expect(c.rateLimit).toBeNull();
		expect(c.catalog).toMatchObject({ watch: false, gitPullIntervalMs: 100 });
		expect(c.prices.popularGpus).toEqual(["h100-sxm", "b200"]);
		expect(c.prices.headlineFits).toEqual(["deepseek-r1 on 8x H200", "llama-3.3-70b on 4x H100"]);
		expect(c.prices.targets).toEqual([{ platform: "slack", channel: "C1" }]);
		expect(c.prices.opsTargets).toEqual([{ platform: "discord", channel: "42" }]);
		expect(c.locale).toBe("zh");
		expect(c.discord.mode).toBe("gateway");
		expect(c.slack.botToken).toBeNull();
		expect(c.slack.ackBudgetMs).toBe(0);
	});

	it.each([
		[undefined, 30],
		["", 30],
		["12", 12],
		["off", null],
		["OFF", null],
		["0", null],
	])("GPUFIT_RATE_LIMIT=%s -> %s per minute", (value, perMinute) => {
		expect(readConfig(value === undefined ? {} : { GPUFIT_RATE_LIMIT: value }).rateLimit).toBe(perMinute);
	});

	it.each(["lots", "-5"])("GPUFIT_RATE_LIMIT=%s is refused", (value) => {
		expect(() => readConfig({ GPUFIT_RATE_LIMIT: value })).toThrow(`GPUFIT_RATE_LIMIT=${value}: expected a whole number`);
	});

	it("names every bad variable at once, with its value and what was expected", () => {
		const bad = {
			PORT: "eighty",
			PRICE_POST_MIN_PCT: "two",
			PRICE_POST_MIN_USD: "-1",
			PRICE_POST_TZ: "Mars/Olympus",
			CATALOG_GIT_PULL_INTERVAL: "often",
			GPUFIT_RATE_LIMIT: "lots",
			SLACK_ACK_BUDGET_MS: "5000",
			DISCORD_DEFER_AFTER_MS: "-1",
			DISCORD_PUBLIC_KEY: "not-a-key",
			HF_ENDPOINT: "huggingface.co",
		};
		let error: unknown;
		try {
			readConfig(bad);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ConfigError);
		const problems = (error as ConfigError).problems;
		expect(problems).toHaveLength(Object.keys(bad).length);
		for (const [name, value] of Object.entries(bad)) {
			expect(problems.some((p) => p.startsWith(`${name}=${value}: expected `))).toBe(true);
		}
		expect(problems.join("\n")).toMatch(/PRICE_POST_TZ=Mars\/Olympus: expected an IANA time zone/);
	});
});
