// Answers sent after the acknowledgement (Slack's response_url, Discord's edit of a deferred response) and the
// work around them, for every platform. A follow-up is the only copy of an answer, so it is retried: a 429
// waits for its Retry-After, a 5xx, a dropped connection or an attempt past its timeout is tried again after
// a growing, jittered pause; anything else (404: the URL expired or was used up) is final. Bounded both ways:
// a few attempts within a time budget, each attempt with its own timeout, and a Retry-After longer than the
// budget left gives up at once instead of holding the answer (and a shutdown) hostage.
//
// The same object counts what is still running, so that a graceful shutdown (transports/server.ts) can let
// in-flight answers finish within its grace period and then cut what is left.
import type { Logger } from "../log.js";

export interface FollowupPolicy {
	/** Tries in all, the first included. */
	attempts: number;
	/** One attempt, the response body included. */
	attemptTimeoutMs: number;
	/** From the first attempt to the last retry's start. */
	budgetMs: number;
	/** The pause before the first retry; it doubles each time, up to maxDelayMs, with jitter. */
	baseDelayMs: number;
	maxDelayMs: number;
}

/** Slack's response_url stays valid for 30 minutes and Discord's interaction token for 15: a minute is well inside both. */
export const DEFAULT_FOLLOWUP_POLICY: FollowupPolicy = {
	attempts: 5,
	attemptTimeoutMs: 5_000,
	budgetMs: 60_000,
	baseDelayMs: 250,
	maxDelayMs: 8_000,
};

export interface FollowupRequest {
	method: "POST" | "PATCH";
	url: string;
	/** Sent as JSON. */
	body: unknown;
	headers?: Record<string, string>;
}

type FollowupResult =
	| { ok: true; attempts: number; status: number }
	| { ok: false; attempts: number; status: number | null; reason: string };

/** An HTTP status worth another try: rate limited, or the other side failed. */
const retryableStatus = (status: number): boolean => status === 429 || (status >= 500 && status !== 501);

/**
 * How long a 429 asks to wait, in ms: the Retry-After header (seconds, or an HTTP date), else Discord's
 * `retry_after` (seconds) in the body; null when neither says.
 */
export function retryAfterMs(header: string | null, body: string, now = Date.now()): number | null {
	if (header !== null && header.trim() !== "") {
		const seconds = Number(header);
		if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
		const at = Date.parse(header);
		if (Number.isFinite(at)) return Math.max(0, at - now);
	}
	try {
		const parsed = JSON.parse(body) as { retry_after?: unknown };
		if (typeof parsed.retry_after === "number" && parsed.retry_after >= 0) return Math.ceil(parsed.retry_after * 1000);
	} catch {
		// not JSON: no hint
	}
	return null;
}

const describe = (e: unknown): string => {
	if (e instanceof Error) {
		if (e.name === "TimeoutError") return "timed out";
		const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
		return cause?.code ?? cause?.message ?? e.message;
	}
	return String(e);
};

export class Followups {
	readonly #policy: FollowupPolicy;
	readonly #pending = new Set<Promise<unknown>>();
	/** Aborted when the shutdown's grace period is over: every attempt still running is cut. */
	readonly #stop = new AbortController();
	/** No retry starts after this (Date.now() time); Infinity until a shutdown sets it. */
	#deadline = Number.POSITIVE_INFINITY;
	/** Sleepers between attempts, woken when the deadline moves so that they can give up early. */
	readonly #wakers = new Set<() => void>();
	readonly #idle = new Set<() => void>();

	constructor(
		private readonly log: Logger,
		policy: Partial<FollowupPolicy> = {},
	) {
		this.#policy = { ...DEFAULT_FOLLOWUP_POLICY, ...policy };
	}

	/** Work still running (sends and tracked work). */
	get pending(): number {
		return this.#pending.size;
	}

	/** Keeps count of `work` until it settles (a listener's whole run, a deferred answer's computation). */
	track<T>(work: Promise<T>): Promise<T> {
		this.#pending.add(work);
		const done = () => {
			this.#pending.delete(work);
			if (this.#pending.size === 0) for (const wake of this.#idle) wake();
		};
		work.then(done, done);
		return work;
	}

	/** Sends a follow-up, retried as the policy says; never throws (the failure is logged and returned). */
	send(what: string, request: FollowupRequest): Promise<FollowupResult> {
		return this.track(this.#send(what, request));
	}

	/**
	 * For a shutdown: no retry starts after `deadlineAt`; waits for what is running to finish until then,
	 * then cuts the rest. Resolves with how many were still running at the deadline (0: all finished).
	 */
	async drain(deadlineAt: number): Promise<number> {
		this.#deadline = deadlineAt;
		for (const wake of this.#wakers) wake();
		if (this.#pending.size > 0) {
			let wake = () => {};
			const idle = new Promise<void>((resolve) => {
				wake = resolve;
				this.#idle.add(resolve);
			});
			let timer: NodeJS.Timeout | undefined;
			const late = new Promise<void>((resolve) => {
				timer = setTimeout(resolve, Math.max(0, deadlineAt - Date.now()));
			});
			await Promise.race([idle, late]);
			clearTimeout(timer);
			this.#idle.delete(wake);
		}
		const left = this.#pending.size;
		this.#stop.abort(new Error("shutting down"));
		return left;
	}

	async #send(what: string, request: FollowupRequest): Promise<FollowupResult> {
		const { attempts, attemptTimeoutMs, budgetMs } = this.#policy;
		const until = Date.now() + budgetMs;
		let status: number | null = null;
		let reason = "";
		for (let attempt = 1; ; attempt++) {
			let waitMs: number | null = null;
			try {
				const res = await fetch(request.url, {
					method: request.method,
					headers: { "content-type": "application/json", ...request.headers },
					body: JSON.stringify(request.body),
					signal: AbortSignal.any([AbortSignal.timeout(attemptTimeoutMs), this.#stop.signal]),
				});
				const text = await res.text();
				status = res.status;
				if (res.ok) {
					if (attempt > 1) this.log.info(`${what} sent after retries`, { attempts: attempt, status });
					return { ok: true, attempts: attempt, status };
				}
				reason = `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ""}`;
				if (!retryableStatus(res.status)) return this.#failed(what, attempt, status, reason);
				if (res.status === 429) waitMs = retryAfterMs(res.headers.get("retry-after"), text);
			} catch (e) {
				status = null;
				reason = this.#stop.signal.aborted ? "cut at shutdown" : describe(e);
				if (this.#stop.signal.aborted) return this.#failed(what, attempt, status, reason);
			}
			if (attempt >= attempts) return this.#failed(what, attempt, status, `${reason} (after ${attempt} attempts)`);
			const backoff = Math.min(this.#policy.maxDelayMs, this.#policy.baseDelayMs * 2 ** (attempt - 1));
			const pause = waitMs ?? Math.round(backoff * (0.5 + Math.random() / 2));
			if (!(await this.#pause(pause, until))) {
				const why =
					Date.now() + pause > this.#deadline ? "shutting down" : `Retry-After or backoff past the ${budgetMs} ms budget`;
				return this.#failed(what, attempt, status, `${reason} (${why})`);
			}
		}
	}

	/** Sleeps `ms` unless that would end past `until` or the shutdown deadline: then false, at once. */
	async #pause(ms: number, until: number): Promise<boolean> {
		const end = Date.now() + ms;
		for (;;) {
			if (end > Math.min(until, this.#deadline) || this.#stop.signal.aborted) return false;
			const left = end - Date.now();
			if (left <= 0) return true;
			await new Promise<void>((resolve) => {
				const wake = () => {
					clearTimeout(timer);
					this.#wakers.delete(wake);
					resolve();
				};
				const timer = setTimeout(wake, left);
				this.#wakers.add(wake);
			});
		}
	}

	#failed(what: string, attempts: number, status: number | null, reason: string): FollowupResult {
		this.log.error(`${what} failed; the answer is lost`, { attempts, status, reason });
		return { ok: false, attempts, status, reason };
	}
}
