// A token bucket: `rate` takes a second on average, at most `rate` at once after a quiet spell. How the renderer
// bounds what charts may cost a busy server (src/render/charts/index.ts).

/** Returns take(): true when a token was there (and is now spent). Infinity: always true. */
export function tokenBucket(rate: number, now: () => number = Date.now): () => boolean {
	if (rate === Number.POSITIVE_INFINITY) return () => true;
	let tokens = rate;
	let filledAt = now();
	return () => {
		const t = now();
		tokens = Math.min(rate, tokens + ((t - filledAt) / 1000) * rate);
		filledAt = t;
		if (tokens < 1) return false;
		tokens -= 1;
		return true;
	};
}
