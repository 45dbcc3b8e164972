// Slack and Discord answer HTTP 429 with how long to wait (Retry-After). Both clients are told to
// hand the 429 to us instead of waiting on their own, so one bounded policy covers both: wait what
// the platform asks, a few times, never longer than maxWaitMs at once. A send that still fails
// stays pending in the outbox and is retried on the next run.
import { setTimeout as sleep } from "node:timers/promises";

export interface RetryPolicy {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	/** A Retry-After longer than this gives up for this run. */
	maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, maxWaitMs: 60_000 };

/** The wait a rate-limited call asked for, in ms; null when the error is not a rate limit. */
export function retryAfterMs(error: unknown): number | null {
	if (!error || typeof error !== "object") return null;
	const e = error as { code?: unknown; name?: unknown; retryAfter?: unknown };
	if (typeof e.retryAfter !== "number") return null;
	// @slack/web-api WebAPIRateLimitedError: seconds.
	if (e.code === "slack_webapi_rate_limited_error") return e.retryAfter * 1000;
	// @discordjs/rest RateLimitError ("RateLimitError[/channels/:id/messages]"): milliseconds.
	if (typeof e.name === "string" && e.name.startsWith("RateLimitError")) return e.retryAfter;
	return null;
}

export async function withRateLimitRetry<T>(
	send: () => Promise<T>,
	policy: RetryPolicy = DEFAULT_RETRY,
	onWait: (ms: number, attempt: number) => void = () => {},
): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await send();
		} catch (error) {
			const wait = retryAfterMs(error);
			if (wait === null || attempt >= policy.maxAttempts || wait > policy.maxWaitMs) throw error;
			onWait(wait, attempt);
			await sleep(wait);
		}
	}
}
