// Exactly one post per change, whatever the platform does to a send (issue 15, failure 1). The Slack and Discord
// stand-ins answer the first post with a fault: a 429 with Retry-After, a 500, no answer at all (hang), a dropped
// connection, or a slow answer that comes after the client gave up although the message was posted. Later runs
// retry until the post is out; the stand-ins count the messages: one per channel, never two, never none. A send
// slower than the schedule is not sent again by the next run while it is still going on.
import { afterEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/transports/server.js";
import { waitFor } from "../catalog/temp-catalog.js";
import { drop, hang, serverError } from "../support/faults.js";
import { discordRateLimited } from "../support/price-post-discord.js";
import type { Failure, Recorded } from "../support/price-post-http.js";
import { slackRateLimited } from "../support/price-post-slack.js";
import { makeEdits } from "./edits.js";
import { type Harness, harness } from "./harness.js";

/** Each call to Slack or Discord is cut after this long. */
const TIMEOUT_MS = 400;

let h: Harness | null = null;
afterEach(async () => {
	await h?.cleanup();
	h = null;
});

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute));
const slackPost = (r: Recorded) => r.path === "/api/chat.postMessage";
const discordPost = (r: Recorded) => r.method === "POST";

/** A server with a baseline, then the catalog edited: the next run has one change to post. */
async function changed(): Promise<{ h: Harness; server: RunningServer }> {
	h = await harness({ PRICE_POST_TIMEOUT_MS: String(TIMEOUT_MS) });
	const server = await h.start();
	expect(await server.background.pricePosts!.trigger(at(0))).toMatchObject({ status: "baseline" });
	const version = server.store.current().version;
	makeEdits(h.t);
	await waitFor("the edited catalog", () => server.store.current().version !== version);
	return { h, server };
}

const FAULTS: { name: string; slack: Failure; discord: Failure }[] = [
	{ name: "429 with Retry-After", slack: slackRateLimited(1), discord: discordRateLimited(1) },
	{ name: "500", slack: serverError(500), discord: serverError(500) },
	{ name: "hang", slack: hang, discord: hang },
	{ name: "drop", slack: drop, discord: drop },
	// Posted at once, answered only after the client's timeout: the next run must find it, not post it again.
	{ name: "slow", slack: { slowMs: 3 * TIMEOUT_MS }, discord: { slowMs: 3 * TIMEOUT_MS } },
];

describe("exactly one price post per change across the platforms' faults", () => {
	for (const fault of FAULTS) {
		it(`${fault.name}: posted once, on the first run or a later one`, async () => {
			const { h, server } = await changed();
			// Discord's REST client retries a 5xx once itself: fail that retry too, so a later run has to do it.
			h.slack.failNextWhen(slackPost, fault.slack);
			h.discord.failNextWhen(discordPost, fault.discord, ...(fault.name === "500" ? [fault.discord] : []));
			const runs = [await server.background.pricePosts!.trigger(at(1))];
			expect(runs[0]).toMatchObject({ status: "posted" });
			for (let minute = 2; minute < 6; minute++) {
				const pending = await server.background.state.pendingDeliveries();
				if (pending.length === 0) break;
				runs.push(await server.background.pricePosts!.trigger(at(minute)));
			}
			expect(await server.background.state.pendingDeliveries()).toEqual([]);
			// Both posts went out, each exactly once.
			expect(h.slack.messages).toHaveLength(1);
			expect(h.discord.messages).toHaveLength(1);
			const deliveries = await server.background.state.deliveries();
			expect(deliveries.map((d) => [d.platform, d.status])).toEqual([
				["slack", "delivered"],
				["discord", "delivered"],
			]);
			// The ids recorded are the messages the stand-ins hold.
			expect(deliveries[0]!.messageId).toBe(h.slack.messages[0]!.ts);
			expect(deliveries[1]!.messageId).toBe(h.discord.messages[0]!.id);
			// Every Discord create of the delivery carries the same nonce, enforced: Discord answers a repeat with the
			// message it made (its REST client repeats a create that timed out by itself).
			const creates = h.discord.requests.filter(discordPost).map((r) => JSON.parse(r.body));
			expect(new Set(creates.map((c) => c.nonce)).size).toBe(1);
			expect(creates.every((c) => c.enforce_nonce === true && String(c.nonce).length <= 25)).toBe(true);
			// Slack's post carries the delivery id in its metadata.
			expect(h.slack.messages[0]!.metadata).toEqual({
				event_type: "gpufit_price_post",
				event_payload: { delivery_id: deliveries[0]!.id },
			});
			if (fault.name === "slow") {
				// The slow Slack post was found on the channel (conversations.history), not sent again.
				expect(h.slack.requests.filter(slackPost)).toHaveLength(1);
				expect(h.slack.requests.some((r) => r.path === "/api/conversations.history")).toBe(true);
				expect(h.logs.some((l) => l.includes("had gone out already") && l.includes("slack:"))).toBe(true);
			}
		});
	}

	it("a send slower than the schedule is not sent again by the next run", async () => {
		const { h, server } = await changed();
		// The Slack post takes 1.5 s (under the timeout here): the run of the next minute starts meanwhile.
		await server.close();
		const slow = await h.start({ PRICE_POST_TIMEOUT_MS: "5000" });
		h.slack.failNextWhen(slackPost, { slowMs: 1500 });
		const first = slow.background.pricePosts!.trigger(at(1));
		await waitFor("the slow Slack post under way", () => h.slack.messages.length === 1);
		const second = await slow.background.pricePosts!.trigger(at(2));
		expect(second.status).toBe("no-change");
		expect(await first).toMatchObject({ status: "posted" });
		expect(h.slack.messages).toHaveLength(1);
		expect(h.discord.messages).toHaveLength(1);
		expect(h.logs.some((l) => l.includes("price post being sent by another run"))).toBe(true);
		expect((await slow.background.state.deliveries()).map((d) => d.status)).toEqual(["delivered", "delivered"]);
	});
});
