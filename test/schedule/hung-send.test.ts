// A hung call no longer stops the scheduler (issue 15, failure 2). A chat.postMessage that never answers is cut
// after PRICE_POST_TIMEOUT_MS, logged, and the post goes out once on a later run while the schedule keeps
// running; a run stuck on something without its own bound (here a Redis that stopped answering: SIGSTOP) is
// logged by the watchdog after PRICE_POST_WATCHDOG_MS and left behind, and the schedule goes on once Redis answers.
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../catalog/temp-catalog.js";
import { hang } from "../support/faults.js";
import type { Recorded } from "../support/price-post-http.js";
import { type RedisServer, redisServerMissing, startRedis } from "../support/price-post-redis.js";
import { makeEdits } from "./edits.js";
import { type Harness, harness } from "./harness.js";

let h: Harness | null = null;
let redis: RedisServer | null = null;
afterEach(async () => {
	await h?.cleanup();
	h = null;
	await redis?.stop();
	redis = null;
});

const slackPost = (r: Recorded) => r.path === "/api/chat.postMessage";
const lines = (h: Harness) =>
	h.logs.map((l) => JSON.parse(l) as { msg: string; scheduledAt?: string; status?: string; error?: string });

describe("a hung call does not stop the scheduler", () => {
	it("a chat.postMessage that never answers is cut, logged, and sent once by a later run", async () => {
		h = await harness({ PRICE_POST_CRON: "* * * * * *", PRICE_POST_TIMEOUT_MS: "300" });
		const server = await h.start();
		await waitFor("a baseline from the schedule", () => server.background.state.lastSnapshot(), 5000);
		h.slack.failNextWhen(slackPost, hang);
		makeEdits(h.t);
		await server.background.reloader.reloadNow();
		await waitFor("the post on both platforms", () => h!.slack.messages.length === 1 && h!.discord.messages.length === 1, 8000);
		const cut = Date.now();
		await new Promise((r) => setTimeout(r, 2200)); // two more slots
		const log = lines(h);
		const notDelivered = log.find((l) => l.msg.startsWith("price post not delivered"));
		// Cut by the client's timeout or by our own bound, whichever comes first.
		expect(notDelivered?.error).toMatch(/aborted due to timeout|no answer within 300 ms/);
		// The schedule went on after the hang: runs of later slots, all finished.
		const later = log.filter((l) => l.msg === "price post run" && Date.parse(l.scheduledAt!) >= cut - 1000);
		expect(later.length).toBeGreaterThanOrEqual(2);
		expect(h.slack.messages).toHaveLength(1);
		expect(h.discord.messages).toHaveLength(1);
		expect(h.slack.requests.filter(slackPost)).toHaveLength(2); // the hung one, and the one that went out
	}, 20_000);

	it.skipIf(redisServerMissing !== null)(
		"the watchdog logs a run stuck on a Redis that stopped answering; the schedule goes on after",
		async () => {
			redis = await startRedis();
			h = await harness({ REDIS_URL: redis.url, PRICE_POST_CRON: "* * * * * *", PRICE_POST_WATCHDOG_MS: "1000" });
			const server = await h.start();
			await waitFor("a baseline from the schedule", () => server.background.state.lastSnapshot(), 5000);
			redis.pause();
			const stuck = await waitFor(
				"the watchdog's line",
				() => lines(h!).find((l) => l.msg.startsWith("price post run stuck")),
				4000,
			);
			redis.resume();
			const resumed = Date.now();
			await waitFor(
				"a run after Redis answers again",
				() => lines(h!).some((l) => l.msg === "price post run" && Date.parse(l.scheduledAt!) > resumed),
				4000,
			);
			expect(stuck.scheduledAt).toBeDefined();
		},
		20_000,
	);
});
