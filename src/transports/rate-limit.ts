// Requests per user per minute, for every chat platform: the key is platform + user id, so one
// limiter can serve Slack and Discord without one platform's user ids shadowing the other's.
// In memory, per process: with several replicas each one counts on its own.

export const DEFAULT_PER_MINUTE = 30;
const WINDOW_MS = 60_000;

export type RateDecision = { allowed: true } | { allowed: false; perMinute: number; retryAfterS: number };

export class RateLimiter {
	/** Times of the requests let through in the last minute, per key, oldest first. */
	readonly #recent = new Map<string, number[]>();
	#callsSinceSweep = 0;

	/** `perMinute` null: no limit (GPUFIT_RATE_LIMIT=off). */
	constructor(
		readonly perMinute: number | null,
		private readonly now: () => number = Date.now,
	) {}

	/** Counts one request for the user when it is let through; a refused request does not count. */
	take(platform: string, userId: string): RateDecision {
		if (this.perMinute === null) return { allowed: true };
		const t = this.now();
		this.#sweepNowAndThen(t);
		const key = `${platform}:${userId}`;
		const times = (this.#recent.get(key) ?? []).filter((x) => x > t - WINDOW_MS);
		if (times.length >= this.perMinute) {
			this.#recent.set(key, times);
			const oldest = times[0] ?? t;
			return { allowed: false, perMinute: this.perMinute, retryAfterS: Math.max(1, Math.ceil((oldest + WINDOW_MS - t) / 1000)) };
		}
		times.push(t);
		this.#recent.set(key, times);
		return { allowed: true };
	}

	/** Drops users idle for a minute, so a long-running server does not keep every user it ever saw. */
	#sweepNowAndThen(t: number): void {
		if (++this.#callsSinceSweep < 1000) return;
		this.#callsSinceSweep = 0;
		for (const [key, times] of this.#recent) {
			if ((times[times.length - 1] ?? 0) <= t - WINDOW_MS) this.#recent.delete(key);
		}
	}
}

/** GPUFIT_RATE_LIMIT: a positive whole number, `off`, or unset (30). A bad value keeps the default and says so. */
export function rateLimitFromEnv(env: NodeJS.ProcessEnv): { perMinute: number | null; warning: string | null } {
	const raw = env.GPUFIT_RATE_LIMIT?.trim();
	if (raw === undefined || raw === "") return { perMinute: DEFAULT_PER_MINUTE, warning: null };
	if (/^(off|none|0)$/i.test(raw)) return { perMinute: null, warning: null };
	if (/^\d+$/.test(raw)) return { perMinute: Number(raw), warning: null };
	return {
		perMinute: DEFAULT_PER_MINUTE,
		warning: `GPUFIT_RATE_LIMIT="${raw}" is not a whole number or "off"; using ${DEFAULT_PER_MINUTE} per user per minute`,
	};
}
