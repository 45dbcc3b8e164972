// The environment, read once at start: every variable the program reads, its default and what a bad value
// says, in this one schema (zod's minimal build: it is read before the first request, so it must load fast).
// A malformed value stops the start with every bad variable named, rather than a default nobody asked for
// or a job that never runs. An empty value is the same as an unset one.
import * as z from "zod/mini";
import { PACKAGE_CACHE_DIR, PACKAGE_CATALOG_DIR } from "./catalog/paths.js";
import { type Locale, localeOf } from "./chat/reply.js";

/** A variable's value read by `read`, which returns undefined for what `expected` does not describe. */
function value<T>(expected: string, read: (raw: string) => T | undefined) {
	return z.pipe(
		z.string(),
		z.transform((raw: string, ctx): T => {
			const v = read(raw);
			if (v === undefined) {
				ctx.issues.push({ code: "custom", message: `expected ${expected}`, input: raw });
				return z.NEVER;
			}
			return v;
		}),
	);
}

const text = z.optional(z.string());
const wholeNumber = (expected: string, ok: (n: number) => boolean = () => true) =>
	value(expected, (raw) => (/^\d+$/.test(raw) && ok(Number(raw)) ? Number(raw) : undefined));
const nonNegative = (expected = "a number ≥ 0") =>
	value(expected, (raw) => (raw !== "" && Number.isFinite(Number(raw)) && Number(raw) >= 0 ? Number(raw) : undefined));
const httpUrl = value("an http(s) URL", (raw) => (/^https?:\/\/[^\s]+$/i.test(raw) ? raw : undefined));
const list = (separator: string) =>
	value("a list", (raw) =>
		raw
			.split(separator)
			.map((s) => s.trim())
			.filter(Boolean),
	);
const onOff = value("on or off", (raw) => {
	const v = raw.toLowerCase();
	return ["on", "true", "1", "yes"].includes(v) ? true : ["off", "false", "0", "no"].includes(v) ? false : undefined;
});

/** An IANA time zone; UTC needs no check, and the check loads the time zone data (some 15 ms at every start-up). */
const timeZone = value("an IANA time zone (e.g. Europe/Berlin)", (raw) => {
	if (raw === "UTC") return raw;
	try {
		new Intl.DateTimeFormat("en", { timeZone: raw });
		return raw;
	} catch {
		return undefined;
	}
});

/** Every 7 hours, the hosted catalog's own refresh period (00:00, 07:00, 14:00 and 21:00 UTC). */
const DEFAULT_PRICE_FETCH_CRON = "0 */7 * * *";
/** SkyPilot's hosted catalog (sky/catalog/constants.py HOSTED_CATALOG_DIR_URL) and its S3 mirror. */
const SKYPILOT_CATALOG_URL = "https://raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/catalogs";
const SKYPILOT_CATALOG_MIRROR_URL = "https://skypilot-catalog.s3.us-east-1.amazonaws.com/catalogs";
/** The clouds and marketplaces whose v8 vms.csv is fetched (a cloud without one is reported as absent). */
const SKYPILOT_CLOUDS = [
	"aws",
	"gcp",
	"azure",
	"lambda",
	"runpod",
	"vast",
	"nebius",
	"fluidstack",
	"cudo",
	"hyperbolic",
	"hyperstack",
	"primeintellect",
	"verda",
];

/** Slack waits 3 s for the HTTP answer, Discord 3 s for the first response: a deadline must leave time to send. */
const deadline = wholeNumber("a whole number of milliseconds below 3000", (n) => n < 3000);

/** Every variable, with its default where it has one. */
const ENVIRONMENT = z.object({
	PORT: z._default(
		wholeNumber("a port number (0-65535)", (n) => n <= 65535),
		3000,
	),
	HOST: z._default(z.string(), "0.0.0.0"),

	CATALOG_DIR: z._default(z.string(), PACKAGE_CATALOG_DIR),
	GPUFIT_CACHE_DIR: z._default(z.string(), PACKAGE_CACHE_DIR),
	CATALOG_WATCH: z._default(onOff, true),
	CATALOG_RELOAD_DEBOUNCE_MS: z._default(nonNegative(), 300),
	CATALOG_GIT_PULL_INTERVAL: z._default(nonNegative("a number of seconds ≥ 0 (0: never)"), 0),

	GPUFIT_STATE_DIR: z._default(z.string(), ".data"),
	REDIS_URL: text,
	GPUFIT_LOCALE: z._default(
		value("en or zh", (raw) => localeOf(raw)),
		"en" as Locale,
	),
	GPUFIT_RATE_LIMIT: z._default(
		value("a whole number of requests per user per minute, or off", (raw) =>
			/^(off|none|0)$/i.test(raw) ? null : /^\d+$/.test(raw) ? Number(raw) : undefined,
		),
		30 as number | null,
	),
	SHUTDOWN_GRACE_MS: z._default(
		wholeNumber("a whole number of milliseconds up to 600000", (n) => n <= 600_000),
		10_000,
	),

	GPUFIT_CHARTS: z._default(onOff, true),
	PUBLIC_URL: z.optional(httpUrl),

	HF_ENDPOINT: z._default(httpUrl, "https://huggingface.co"),
	HF_TOKEN: text,

	SLACK_BOT_TOKEN: text,
	SLACK_SIGNING_SECRET: text,
	SLACK_APP_TOKEN: text,
	SLACK_API_URL: z.optional(httpUrl),
	SLACK_ACK_BUDGET_MS: z._default(deadline, 2000),

	DISCORD_PUBLIC_KEY: z.optional(
		value("the application's public key: 64 hex digits", (raw) => (/^[0-9a-f]{64}$/i.test(raw) ? raw : undefined)),
	),
	DISCORD_APPLICATION_ID: text,
	DISCORD_BOT_TOKEN: text,
	DISCORD_GUILD_ID: text,
	DISCORD_API_URL: z._default(httpUrl, "https://discord.com/api"),
	DISCORD_DEFER_AFTER_MS: z._default(deadline, 2000),
	DISCORD_MODE: z._default(
		value("http or gateway", (raw) => (["http", "gateway"].includes(raw.toLowerCase()) ? raw.toLowerCase() : undefined)),
		"http",
	),

	PRICE_POST_CRON: text,
	PRICE_POST_TZ: z._default(timeZone, "UTC"),
	PRICE_POST_SLACK_CHANNEL: text,
	PRICE_POST_DISCORD_CHANNEL: text,
	PRICE_POST_MIN_PCT: z._default(nonNegative(), 2),
	PRICE_POST_MIN_USD: z._default(nonNegative(), 0.05),
	PRICE_POST_GPUS: z.optional(list(",")),
	PRICE_POST_TIMEOUT_MS: z._default(
		wholeNumber("a whole number of milliseconds between 100 and 120000", (n) => n >= 100 && n <= 120_000),
		10_000,
	),
	PRICE_POST_WATCHDOG_MS: z._default(
		wholeNumber("a whole number of milliseconds between 1000 and 3600000", (n) => n >= 1000 && n <= 3_600_000),
		300_000,
	),
	PRICE_POST_FITS: z.optional(list(";")),
	OPS_SLACK_CHANNEL: text,
	OPS_DISCORD_CHANNEL: text,

	PRICE_FETCH_CRON: z._default(
		value("a cron pattern, or off", (raw) => (/^(off|none|0)$/i.test(raw) ? null : raw)),
		DEFAULT_PRICE_FETCH_CRON as string | null,
	),
	PRICE_SOURCE_SKYPILOT_URL: z._default(httpUrl, SKYPILOT_CATALOG_URL),
	PRICE_SOURCE_SKYPILOT_MIRROR_URL: z._default(
		value("an http(s) URL, or off", (raw) =>
			/^(off|none)$/i.test(raw) ? null : /^https?:\/\/[^\s]+$/i.test(raw) ? raw : undefined,
		),
		SKYPILOT_CATALOG_MIRROR_URL as string | null,
	),
	PRICE_SOURCE_SKYPILOT_CLOUDS: z._default(
		value("a comma-separated list of SkyPilot cloud names (aws,gcp,...)", (raw) => {
			const clouds = raw
				.split(",")
				.map((s) => s.trim().toLowerCase())
				.filter(Boolean);
			return clouds.length > 0 && clouds.every((c) => /^[a-z0-9_-]+$/.test(c)) ? clouds : undefined;
		}),
		SKYPILOT_CLOUDS,
	),
	PRICE_FETCH_TIMEOUT_MS: z._default(
		wholeNumber("a whole number of milliseconds between 100 and 600000", (n) => n >= 100 && n <= 600_000),
		60_000,
	),
});

export type Platform = "slack" | "discord";

export interface Target {
	platform: Platform;
	channel: string;
}

export interface Config {
	port: number;
	host: string;
	catalog: {
		dir: string;
		/** Validated snapshots of the catalog's files, for a fast start. */
		cacheDir: string;
		/** Reload on file changes. */
		watch: boolean;
		/** Quiet time after the last file event before reloading. */
		debounceMs: number;
		/** `git pull --ff-only` in the catalog's checkout this often; null: never. */
		gitPullIntervalMs: number | null;
	};
	/** Embedded state: posts, deliveries, the hub cache. */
	stateDir: string;
	redisUrl: string | null;
	/** Slack's language (Discord answers in each user's). */
	locale: Locale;
	/** Requests per user per minute; null: no limit. */
	rateLimit: number | null;
	/** On SIGTERM/SIGINT, how long in-flight requests and follow-ups may take to finish before the process exits. */
	shutdownGraceMs: number;
	charts: {
		/** Charts beside the answers in Slack and Discord (GPUFIT_CHARTS; the CLI draws one only with --png). */
		enabled: boolean;
		/** Where Slack reaches this server (PUBLIC_URL, no trailing slash): cards link GET /charts/<key>.png. */
		publicUrl: string | null;
	};
	hub: { endpoint: string; token: string | null };
	slack: {
		botToken: string | null;
		signingSecret: string | null;
		appToken: string | null;
		/** Bolt's `slackApiUrl`; null keeps Slack's own. */
		apiUrl: string | null;
		/** After this long since arrival a command is answered through response_url. */
		ackBudgetMs: number;
	};
	discord: {
		/** 64 hex digits. */
		publicKey: string | null;
		applicationId: string | null;
		botToken: string | null;
		/** register-discord registers in this server only. */
		guildId: string | null;
		/** REST base without the version. */
		apiUrl: string;
		/** After this long since arrival a command is deferred and answered by an edit. */
		deferAfterMs: number;
		mode: "http" | "gateway";
	};
	prices: {
		cron: string | null;
		timeZone: string;
		/** Bound of each Slack or Discord call of the scheduler; claims are leased for three of it. */
		sendTimeoutMs: number;
		/** A price-post run still working after this long is logged and abandoned, and the next one runs. */
		watchdogMs: number;
		targets: Target[];
		threshold: { minPct: number; minUsd: number };
		/** GPU ids for "cheapest now"; unset: the post's own list. */
		popularGpus?: string[];
		/** Fit requests whose hourly cost the post follows; unset: the post's own list. */
		headlineFits?: string[];
		/** Where refused catalog edits and failed price feeds are posted. */
		opsTargets: Target[];
		/** Scheduled fetches of public price feeds. */
		fetch: {
			/** Croner pattern; null: no scheduled fetches (`prices fetch` still works). */
			cron: string | null;
			skypilot: {
				/** The base under which `v8/<cloud>/vms.csv` lives. */
				url: string;
				/** Asked when the base fails (429, 5xx, a timeout, a cut body); null: none. */
				mirrorUrl: string | null;
				clouds: string[];
			};
			/** The most one request may take, body included. */
			timeoutMs: number;
		};
	};
}

/** The environment could not be read: every bad variable, named with its value and what was expected. */
export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`bad environment:\n${problems.map((p) => `  ${p}`).join("\n")}`);
		this.name = "ConfigError";
	}
}

function targets(slack: string | undefined, discord: string | undefined): Target[] {
	const out: Target[] = [];
	if (slack) out.push({ platform: "slack", channel: slack });
	if (discord) out.push({ platform: "discord", channel: discord });
	return out;
}

/** Reads the environment; throws a ConfigError naming every bad variable. */
export function readConfig(env: NodeJS.ProcessEnv): Config {
	const raw: Record<string, string> = {};
	for (const key of Object.keys(ENVIRONMENT.shape)) {
		const v = env[key]?.trim();
		if (v) raw[key] = v;
	}
	const parsed = ENVIRONMENT.safeParse(raw);
	if (!parsed.success) {
		throw new ConfigError(
			parsed.error.issues.map((i) => {
				const name = String(i.path[0] ?? "?");
				return `${name}=${raw[name] ?? ""}: ${i.message}`;
			}),
		);
	}
	const e = parsed.data;
	return {
		port: e.PORT,
		host: e.HOST,
		catalog: {
			dir: e.CATALOG_DIR,
			cacheDir: e.GPUFIT_CACHE_DIR,
			watch: e.CATALOG_WATCH,
			debounceMs: e.CATALOG_RELOAD_DEBOUNCE_MS,
			gitPullIntervalMs: e.CATALOG_GIT_PULL_INTERVAL > 0 ? e.CATALOG_GIT_PULL_INTERVAL * 1000 : null,
		},
		stateDir: e.GPUFIT_STATE_DIR,
		redisUrl: e.REDIS_URL ?? null,
		locale: e.GPUFIT_LOCALE,
		rateLimit: e.GPUFIT_RATE_LIMIT,
		shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
		charts: { enabled: e.GPUFIT_CHARTS, publicUrl: e.PUBLIC_URL?.replace(/\/+$/, "") ?? null },
		hub: { endpoint: e.HF_ENDPOINT, token: e.HF_TOKEN ?? null },
		slack: {
			botToken: e.SLACK_BOT_TOKEN ?? null,
			signingSecret: e.SLACK_SIGNING_SECRET ?? null,
			appToken: e.SLACK_APP_TOKEN ?? null,
			apiUrl: e.SLACK_API_URL ?? null,
			ackBudgetMs: e.SLACK_ACK_BUDGET_MS,
		},
		discord: {
			publicKey: e.DISCORD_PUBLIC_KEY ?? null,
			applicationId: e.DISCORD_APPLICATION_ID ?? null,
			botToken: e.DISCORD_BOT_TOKEN ?? null,
			guildId: e.DISCORD_GUILD_ID ?? null,
			apiUrl: e.DISCORD_API_URL,
			deferAfterMs: e.DISCORD_DEFER_AFTER_MS,
			mode: e.DISCORD_MODE === "gateway" ? "gateway" : "http",
		},
		prices: {
			cron: e.PRICE_POST_CRON ?? null,
			timeZone: e.PRICE_POST_TZ,
			sendTimeoutMs: e.PRICE_POST_TIMEOUT_MS,
			watchdogMs: e.PRICE_POST_WATCHDOG_MS,
			targets: targets(e.PRICE_POST_SLACK_CHANNEL, e.PRICE_POST_DISCORD_CHANNEL),
			threshold: { minPct: e.PRICE_POST_MIN_PCT, minUsd: e.PRICE_POST_MIN_USD },
			popularGpus: e.PRICE_POST_GPUS,
			headlineFits: e.PRICE_POST_FITS,
			opsTargets: targets(e.OPS_SLACK_CHANNEL, e.OPS_DISCORD_CHANNEL),
			fetch: {
				cron: e.PRICE_FETCH_CRON,
				skypilot: {
					url: e.PRICE_SOURCE_SKYPILOT_URL,
					mirrorUrl: e.PRICE_SOURCE_SKYPILOT_MIRROR_URL,
					clouds: e.PRICE_SOURCE_SKYPILOT_CLOUDS,
				},
				timeoutMs: e.PRICE_FETCH_TIMEOUT_MS,
			},
		},
	};
}
