// A run that fails partway still attaches the charts of the posts it sent: Slack's post goes out, then Discord's
// send fails. Slack's post gets its chart in that run; Discord's stays pending and goes out on the next run with
// its text and its chart; Slack's is neither sent nor charted again. The failure is either Discord's (a 500, the
// run goes on) or the run's own (Redis refuses the write of Discord's outcome, reads still answered: the run throws).
import { describe, expect, it, onTestFinished } from "vitest";
import type { RunningServer } from "../../src/transports/server.js";
import { serverError } from "../support/faults.js";
import type { Recorded } from "../support/price-post-http.js";
import { redisServerMissing, startRedis } from "../support/price-post-redis.js";
import { uploadedBytes } from "../support/price-post-slack.js";
import { at, changedServer, expectedChart, isEdit } from "./chart-run.js";
import { type Harness, harness, SLACK_CHANNEL } from "./harness.js";

/** A harness stopped when the test ends. */
async function started(env: Record<string, string> = {}): Promise<Harness> {
	const h = await harness(env);
	onTestFinished(() => h.cleanup());
	return h;
}

/** PRICE_POST_TIMEOUT_MS in the Redis test: a delivery's lease lasts three times it (background.ts priceJobDeps). */
const SEND_TIMEOUT_MS = 1000;

const isDiscordPost = (r: Recorded) => r.method === "POST" && /\/channels\/[^/]+\/messages$/.test(r.path);

/** Slack's post is out with its chart, Discord's is not: what the first run must leave. */
async function expectSlackChartedDiscordPending(h: Harness, server: RunningServer, png: Buffer): Promise<void> {
	expect(h.slack.messages).toHaveLength(1);
	expect(h.slack.files).toHaveLength(1);
	const file = h.slack.files[0]!;
	expect([file.channel, file.threadTs]).toEqual([SLACK_CHANNEL, h.slack.messages[0]!.ts]);
	expect((await uploadedBytes(file)).equals(png)).toBe(true);
	expect(h.discord.messages).toHaveLength(0);
	expect((await server.background.state.pendingDeliveries()).map((d) => d.platform)).toEqual(["discord"]);
}

/** The next run sends Discord's post with its chart; Slack's is not touched again. */
async function expectDiscordSentWithChart(h: Harness, server: RunningServer, png: Buffer): Promise<void> {
	const next = await server.background.pricePosts!.trigger(at(2));
	expect(next.retried.map((d) => [d.platform, d.status])).toEqual([["discord", "delivered"]]);
	expect(h.discord.messages).toHaveLength(1);
	expect(h.discord.edits.map((e) => e.messageId)).toEqual([h.discord.messages[0]!.id]);
	expect(h.discord.requests.filter(isEdit)).toHaveLength(1);
	const edited = h.discord.edits[0]!.request.raw;
	expect(edited.includes(png)).toBe(true);
	expect(h.slack.messages).toHaveLength(1);
	expect(h.slack.files).toHaveLength(1);
	expect(await server.background.state.pendingDeliveries()).toEqual([]);
}

describe("a run that fails partway", () => {
	it("Discord answers 500: Slack's post gets its chart now, Discord's text and chart go on the next run", async () => {
		const h = await started();
		const { server, edits } = await changedServer(h);
		const { chart } = await expectedChart(server, edits.cut.entry.entry.gpu);
		let failing = true;
		h.discord.failNextWhen((r) => failing && isDiscordPost(r), serverError(500), serverError(500), serverError(500));
		expect(await server.background.pricePosts!.trigger(at(1))).toMatchObject({ status: "posted" });
		failing = false;
		await expectSlackChartedDiscordPending(h, server, chart.png);
		await expectDiscordSentWithChart(h, server, chart.png);
	});

	it.skipIf(redisServerMissing !== null)(
		"Redis refuses to record Discord's outcome (no replica to write to): the run fails, Slack's post still gets its chart",
		async () => {
			const redis = await startRedis();
			onTestFinished(() => redis.stop());
			const h = await started({ REDIS_URL: redis.url, PRICE_POST_TIMEOUT_MS: String(SEND_TIMEOUT_MS) });
			const { server, edits } = await changedServer(h);
			const { chart } = await expectedChart(server, edits.cut.entry.entry.gpu);
			let failing = true;
			// Redis starts refusing writes while Discord's send is under way: the outcome's write fails, reads go on.
			h.discord.failNextWhen(
				(r) => {
					if (!failing || !isDiscordPost(r)) return false;
					redis.refuseWrites(true);
					return true;
				},
				serverError(500),
				serverError(500),
				serverError(500),
			);
			await expect(server.background.pricePosts!.trigger(at(1))).rejects.toThrow(/NOREPLICAS/);
			failing = false;
			redis.refuseWrites(false);
			// Discord's delivery lease could not be released (a write): the next run takes it once it has expired.
			await new Promise((resolve) => setTimeout(resolve, 3 * SEND_TIMEOUT_MS + 100));
			await expectSlackChartedDiscordPending(h, server, chart.png);
			await expectDiscordSentWithChart(h, server, chart.png);
		},
	);
});
