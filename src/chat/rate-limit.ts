// Requests per user per minute, for every chat platform: the key is platform + user id, so one
// limiter can serve Slack and Discord without one platform's user ids shadowing the other's.
// In memory, per process: with several replicas each one counts on its own.

const WINDOW_MS = 60_000;

type RateDecision = { allowed: true } | { allowed: false; perMinute: number; retryAfterS: number };

export class RateLimiter {
	/** Times of the requests let through in the last minute, per key, oldest first. */
	readonly #recent = new Map<string, number[]>();
	#callsSinceSweep = 0;

	/** `perMinute` null: no limit (GPUFIT_RATE_LIMIT=off; its default is in src/config.ts). */
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
