// The background work's settings, all from the environment (the server takes no other input).
// A malformed value stops the start with the variable named, rather than a job that never runs.
import { DEFAULT_THRESHOLD, type Threshold } from "../catalog/price-snapshot.js";
import type { Target } from "./state.js";

export interface ScheduleConfig {
	cron: string | null;
	timeZone: string;
	targets: Target[];
	threshold: Threshold;
	popularGpus?: string[];
	headlineFits?: string[];
	stateDir: string;
	redisUrl: string | null;
	opsTargets: Target[];
	/** Unset: the reloader's own default (watch.ts), which is not imported here: it loads zod. */
	debounceMs: number | undefined;
	gitPullIntervalMs: number | null;
	watchFiles: boolean;
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name]?.trim();
	if (!raw) return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`${name}=${raw}: expected a number ≥ 0`);
	return value;
}

const list = (raw: string | undefined, separator: string) =>
	raw
		?.split(separator)
		.map((s) => s.trim())
		.filter(Boolean);

function targets(slack: string | undefined, discord: string | undefined): Target[] {
	const out: Target[] = [];
	if (slack?.trim()) out.push({ platform: "slack", channel: slack.trim() });
	if (discord?.trim()) out.push({ platform: "discord", channel: discord.trim() });
	return out;
}

function timeZone(raw: string | undefined): string {
	const zone = raw?.trim() || "UTC";
	// UTC needs no check, and the check loads the time zone data (some 15 ms at every start-up).
	if (zone === "UTC") return zone;
	try {
		new Intl.DateTimeFormat("en", { timeZone: zone });
	} catch {
		throw new Error(`PRICE_POST_TZ=${zone}: not an IANA time zone (e.g. Europe/Berlin)`);
	}
	return zone;
}

export function scheduleConfig(env: NodeJS.ProcessEnv): ScheduleConfig {
	const pullSeconds = number(env, "CATALOG_GIT_PULL_INTERVAL", 0);
	return {
		cron: env.PRICE_POST_CRON?.trim() || null,
		timeZone: timeZone(env.PRICE_POST_TZ),
		targets: targets(env.PRICE_POST_SLACK_CHANNEL, env.PRICE_POST_DISCORD_CHANNEL),
		threshold: {
			minPct: number(env, "PRICE_POST_MIN_PCT", DEFAULT_THRESHOLD.minPct),
			minUsd: number(env, "PRICE_POST_MIN_USD", DEFAULT_THRESHOLD.minUsd),
		},
		// Optional: GPU ids for "cheapest now" (comma-separated) and fit requests (semicolon-separated).
		popularGpus: list(env.PRICE_POST_GPUS, ","),
		headlineFits: list(env.PRICE_POST_FITS, ";"),
		stateDir: env.GPUFIT_STATE_DIR?.trim() || ".data",
		redisUrl: env.REDIS_URL?.trim() || null,
		opsTargets: targets(env.OPS_SLACK_CHANNEL, env.OPS_DISCORD_CHANNEL),
		debounceMs: env.CATALOG_RELOAD_DEBOUNCE_MS?.trim() ? number(env, "CATALOG_RELOAD_DEBOUNCE_MS", 0) : undefined,
		gitPullIntervalMs: pullSeconds > 0 ? pullSeconds * 1000 : null,
		watchFiles: env.CATALOG_WATCH !== "off",
	};
}
