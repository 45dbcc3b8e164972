// Several replicas share Redis: one claim per scheduled run (SET NX PX) lets exactly one post, and
// the baseline and deliveries live there too, so any replica (or a restarted one) sees them.
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../catalog/temp-catalog.js";
import { type RedisServer, redisServerMissing, startRedis } from "../support/price-post-redis.js";
import { makeEdits } from "./edits.js";
import { type Harness, harness } from "./harness.js";

if (redisServerMissing) console.warn(`test/schedule/redis.test.ts: ${redisServerMissing}`);

describe.skipIf(redisServerMissing !== null)("price posts with several replicas on Redis", () => {
	let redis: RedisServer;
	beforeAll(async () => {
		redis = await startRedis();
	});
	afterAll(async () => {
		await redis?.stop();
	});

	const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute));

	it("two servers triggered for the same run post once; the state is shared", async () => {
		const h: Harness = await harness({ REDIS_URL: redis.url });
		try {
			// Each replica with its own state directory: only Redis is shared.
			const a = await h.start({ GPUFIT_STATE_DIR: `${h.t.root}/state-a` });
			const b = await h.start({ GPUFIT_STATE_DIR: `${h.t.root}/state-b` });
			expect(a.background.state?.kind).toBe("redis");
			expect(await a.background.pricePosts!.trigger(at(0))).toMatchObject({ status: "baseline" });
			const version = a.store.current().version;
			makeEdits(h.t);
			await waitFor(
				"both replicas reloaded",
				() => a.store.current().version !== version && b.store.current().version !== version,
			);

			const results = await Promise.all([a.background.pricePosts!.trigger(at(1)), b.background.pricePosts!.trigger(at(1))]);
			expect(results.map((r) => r.status).sort()).toEqual(["claimed-elsewhere", "posted"]);
			expect(h.slack.messages).toHaveLength(1);
			expect(h.discord.messages).toHaveLength(1);

			// The other replica sees the baseline the first one moved; a restarted one too.
			expect(await b.background.pricePosts!.trigger(at(2))).toMatchObject({ status: "no-change" });
			await a.close();
			const again = await h.start({ GPUFIT_STATE_DIR: `${h.t.root}/state-c` });
			expect(await again.background.pricePosts!.trigger(at(3))).toMatchObject({ status: "no-change" });
			expect(h.slack.messages).toHaveLength(1);
			const deliveries = await again.background.state!.deliveries();
			expect(deliveries.filter((d) => d.status === "delivered")).toHaveLength(2);
		} finally {
			await h.cleanup();
		}
	});

	it("on a real every-second schedule, two servers post the change once", async () => {
		const h: Harness = await harness({ REDIS_URL: redis.url, PRICE_POST_CRON: "* * * * * *" });
		try {
			// Start from an empty Redis: the first test left its baseline there.
			const admin = createClient({ url: redis.url });
			await admin.connect();
			await admin.flushAll();
			await admin.close();
			const a = await h.start();
			const b = await h.start();

			await waitFor("a baseline from the schedule", () => a.background.state!.lastSnapshot(), 5000);
			makeEdits(h.t);
			// Both replicas take the edit at once, before the next tick.
			await Promise.all([a.background.reloader.reloadNow(), b.background.reloader.reloadNow()]);
			await waitFor("the scheduled post", () => h.slack.messages.length === 1 && h.discord.messages.length === 1, 5000);
			await new Promise((r) => setTimeout(r, 2200)); // two more ticks on both replicas
			expect(h.slack.messages).toHaveLength(1);
			expect(h.discord.messages).toHaveLength(1);
		} finally {
			await h.cleanup();
		}
	});
});
