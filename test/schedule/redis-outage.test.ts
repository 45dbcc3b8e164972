// Redis as a dependency, not a single point of failure (issue 15, failure 4). A server started while Redis is
// down starts at once, serves chat, says on /healthz and in its log that Redis is unreachable, skips its price
// slots saying why, and picks up when Redis comes. A Redis flushed (or restarted without persistence) gets the
// last posted baseline and the pending deliveries back from the embedded file store: the change made before the
// flush is posted, once, instead of becoming the new baseline unposted.
import { createClient } from "redis";
import { describe, expect, it } from "vitest";
import { waitFor } from "../catalog/temp-catalog.js";
import type { Recorded } from "../support/price-post-http.js";
import { freePort, redisServerMissing } from "../support/price-post-redis.js";
import { postSigned, slashBody } from "../support/slack-sign.js";
import { makeEdits, money } from "./edits.js";
import { slackText, tableLines } from "./harness.js";
import { startedPerTest } from "./started-per-test.js";

if (redisServerMissing) console.warn(`test/schedule/redis-outage.test.ts: ${redisServerMissing}`);

const SECRET = "redis-outage-signing-secret";

const started = startedPerTest();

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute));
const slackPost = (r: Recorded) => r.path === "/api/chat.postMessage";

async function flushAll(url: string): Promise<void> {
	const admin = createClient({ url });
	await admin.connect();
	await admin.flushAll();
	await admin.close();
}

async function health(url: string) {
	const res = await fetch(`${url}/healthz`);
	return {
		status: res.status,
		body: (await res.json()) as { ok: boolean; state?: { kind: string; ok: boolean; error?: string } },
	};
}

describe.skipIf(redisServerMissing !== null)("Redis down, flushed or restarted", () => {
	it("a server started while Redis is down serves chat, says so, and posts once Redis is up", async () => {
		const port = await freePort();
		const h = await started.harness({
			REDIS_URL: `redis://127.0.0.1:${port}`,
			PRICE_POST_CRON: "* * * * * *",
			SLACK_SIGNING_SECRET: SECRET,
		});
		const server = await h.start(); // it used to fail after 5 s: "REDIS_URL: no connection within 5000 ms"
		const down = await health(server.url);
		expect(down.status).toBe(200);
		expect(down.body.state).toMatchObject({ kind: "redis", ok: false });
		expect(down.body.state?.error).toMatch(/ECONNREFUSED/);

		const answer = await postSigned(
			`${server.url}/slack/events`,
			SECRET,
			slashBody({ command: "/gpus", text: "", response_url: `${h.slack.url}/hook` }),
		);
		expect(answer.status).toBe(200);

		await waitFor(
			"a slot skipped for Redis",
			() => h.logs.some((l) => l.includes("price post slot skipped: waiting for the state store")),
			3000,
		);
		expect(h.logs.filter((l) => l.includes("Redis unreachable"))).toHaveLength(1); // one line per outage

		await started.redis(port);
		await waitFor("Redis reachable on /healthz", async () => (await health(server.url)).body.state?.ok === true, 10_000);
		expect(h.logs.some((l) => l.includes("Redis reachable again"))).toBe(true);
		await waitFor("the baseline from the schedule", () => h.logs.some((l) => l.includes('"status":"baseline"')), 3000);
	}, 30_000);

	it("a flush loses neither the baseline nor the change waiting to be posted", async () => {
		const redis = await started.redis();
		const h = await started.harness({ REDIS_URL: redis.url });
		const server = await h.start();
		const jobs = server.background.pricePosts!;
		expect(await jobs.trigger(at(0))).toMatchObject({ status: "baseline" });
		const version = server.store.current().version;
		const e = makeEdits(h.t);
		await waitFor("the edited catalog", () => server.store.current().version !== version);

		await flushAll(redis.url);
		expect(await jobs.trigger(at(1))).toMatchObject({ status: "posted" });
		expect(h.logs.some((l) => l.includes("restored from the state file"))).toBe(true);
		expect(h.slack.messages).toHaveLength(1);
		expect(h.discord.messages).toHaveLength(1);
		// The change since the last post before the flush: the H200 cut, the new offer, the withdrawn one.
		const rows = tableLines(slackText(h.slack.messages[0]!.blocks));
		expect(rows).toHaveLength(3);
		expect(rows.find((l) => l.startsWith("`H200 SXM`"))).toContain(money(e.cut.newUsd));
	});

	it("a delivery pending at the flush is sent once after it", async () => {
		const redis = await started.redis();
		const h = await started.harness({ REDIS_URL: redis.url });
		const server = await h.start();
		const jobs = server.background.pricePosts!;
		await jobs.trigger(at(0));
		const version = server.store.current().version;
		makeEdits(h.t);
		await waitFor("the edited catalog", () => server.store.current().version !== version);
		// Slack refuses the first post (a definite failure): the delivery stays pending.
		h.slack.failNextWhen(slackPost, { status: 200, body: { ok: false, error: "not_in_channel" } });
		const run = await jobs.trigger(at(1));
		expect(run.status === "posted" && run.deliveries.map((d) => d.status)).toEqual(["pending", "delivered"]);

		await flushAll(redis.url);
		const next = await jobs.trigger(at(2));
		expect(next.status).toBe("no-change");
		expect(next.retried.map((d) => [d.platform, d.status])).toEqual([["slack", "delivered"]]);
		expect(h.slack.messages).toHaveLength(1);
		expect(h.discord.messages).toHaveLength(1);
	});
});
