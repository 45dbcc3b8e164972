// A hung call no longer stops the scheduler (issue 15, failure 2). A chat.postMessage that never answers is cut
// after PRICE_POST_TIMEOUT_MS, logged, and the post goes out once on a later run while the schedule keeps
// running; a run stuck on something without its own bound (here a Redis that stopped answering: SIGSTOP) is
// logged by the watchdog after PRICE_POST_WATCHDOG_MS and left behind, and the schedule goes on once Redis answers.
import { describe, expect, it } from "vitest";
import { waitFor } from "../catalog/temp-catalog.js";
import { hang } from "../support/faults.js";
import type { Recorded } from "../support/price-post-http.js";
import { redisServerMissing } from "../support/price-post-redis.js";
import { makeEdits } from "./edits.js";
import type { Harness } from "./harness.js";
import { startedPerTest } from "./started-per-test.js";

const started = startedPerTest();

/** PRICE_POST_TIMEOUT_MS for these tests: the hung call is cut after it. */
const SEND_TIMEOUT_MS = 2000;

const slackPost = (r: Recorded) => r.path === "/api/chat.postMessage";
const lines = (h: Harness) =>
	h.logs.map((l) => JSON.parse(l) as { msg: string; scheduledAt?: string; status?: string; error?: string });

describe("a hung call does not stop the scheduler", () => {
	it("a chat.postMessage that never answers is cut, logged, and sent once by a later run", async () => {
		// The one bound covers every call: long enough that a call answered on a loaded machine is never cut too.
		const h = await started.harness({ PRICE_POST_CRON: "* * * * * *", PRICE_POST_TIMEOUT_MS: String(SEND_TIMEOUT_MS) });
		const server = await h.start();
		await waitFor("a baseline from the schedule", () => server.background.state.lastSnapshot(), 10_000);
		h.slack.failNextWhen(slackPost, hang);
		makeEdits(h.t);
		await server.background.reloader.reloadNow();
		await waitFor(
			"the post on both platforms",
			() => h.slack.messages.length === 1 && h.discord.messages.length === 1,
			4 * SEND_TIMEOUT_MS,
		);
		const cut = Date.now();
		// The schedule went on after the hang: runs of two later slots, finished.
		const laterRuns = () =>
			lines(h).filter((l) => l.msg === "price post run" && Date.parse(l.scheduledAt!) >= cut - 1000).length >= 2;
		await waitFor("two runs of later slots", laterRuns, 4 * SEND_TIMEOUT_MS);
		const notDelivered = lines(h).find((l) => l.msg.startsWith("price post not delivered"));
		// Cut by the client's timeout or by our own bound, whichever comes first.
		expect(notDelivered?.error).toMatch(new RegExp(`aborted due to timeout|no answer within ${SEND_TIMEOUT_MS} ms`));
		// Sent once: the hung call, then the one that went out (a call after it may be retried; the post is never twice).
		expect(h.slack.messages).toHaveLength(1);
		expect(h.discord.messages).toHaveLength(1);
		expect(h.slack.requests.filter(slackPost).length).toBeGreaterThanOrEqual(2);
	}, 40_000);

	it.skipIf(redisServerMissing !== null)(
		"the watchdog logs a run stuck on a Redis that stopped answering; the schedule goes on after",
		async () => {
			const redis = await started.redis();
			const h = await started.harness({ REDIS_URL: redis.url, PRICE_POST_CRON: "* * * * * *", PRICE_POST_WATCHDOG_MS: "1000" });
			const server = await h.start();
			await waitFor("a baseline from the schedule", () => server.background.state.lastSnapshot(), 10_000);
			redis.pause();
			const stuck = await waitFor(
				"the watchdog's line",
				() => lines(h).find((l) => l.msg.startsWith("price post run stuck")),
				10_000,
			);
			redis.resume();
			const resumed = Date.now();
			await waitFor(
				"a run after Redis answers again",
				() => lines(h).some((l) => l.msg === "price post run" && Date.parse(l.scheduledAt!) > resumed),
				10_000,
			);
			expect(stuck.scheduledAt).toBeDefined();
		},
		40_000,
	);
});
