// The scheduled price-update post, through the running server to local Slack and Discord stand-ins:
// it lists exactly the changes made; a second run and a restart post nothing; a 429 is waited out
// and retried; a failed delivery goes out on the next run, once.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { gpuSpokenName, providerName } from "../../src/prices/names.js";
import type { RunningServer } from "../../src/transports/server.js";
import { waitFor } from "../catalog/temp-catalog.js";
import { repoCatalog } from "../support/catalog.js";
import { discordRateLimited, discordUnknownChannel } from "../support/price-post-discord.js";
import { slackRateLimited } from "../support/price-post-slack.js";
import { cents, type Edits, makeEdits, money } from "./edits.js";
import { DISCORD_CHANNEL, discordText, type Harness, harness, SLACK_CHANNEL, slackText, tableLines } from "./harness.js";

let h: Harness | null = null;
afterEach(async () => {
	await h?.cleanup();
	h = null;
});

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute));

async function editAndReload(h: Harness, server: RunningServer): Promise<Edits> {
	const before = server.store.current().version;
	const edits = makeEdits(h.t);
	await waitFor("the edited catalog", () => server.store.current().version !== before);
	return edits;
}

/** The change table must hold these rows and no other, GPUs and providers named as people say them. */
function expectExactChanges(lines: string[], e: Edits): void {
	expect(lines).toHaveLength(3);
	const cut = lines.find((l) => l.startsWith("`H200 SXM`"));
	expect(cut).toContain(providerName(e.cut.entry.entry.provider));
	expect(cut).toContain(money(e.cut.oldUsd));
	expect(cut).toContain(money(e.cut.newUsd));
	expect(cut).toContain(`▼ ${Math.abs(e.cut.pct).toFixed(1)}%`);
	const added = lines.find((l) => l.includes("Testcloud"));
	expect(added).toContain(money(e.added.usd));
	expect(added).toContain("new");
	const withdrawn = lines.find((l) => l.includes("withdrawn"));
	expect(withdrawn).toContain(`\`${gpuSpokenName(repoCatalog(), e.withdrawn.entry.gpu)}\``);
	expect(withdrawn).toContain(providerName(e.withdrawn.entry.provider));
}

describe("price-update posts", () => {
	it("post exactly the changes; a second run and a restart post nothing", async () => {
		h = await harness();
		const server = await h.start();
		const jobs = server.background.pricePosts!;
		expect(await jobs.trigger(at(0))).toMatchObject({ status: "baseline" });
		expect(h.slack.messages).toHaveLength(0);

		const e = await editAndReload(h, server);
		const run = await jobs.trigger(at(1));
		expect(run.status).toBe("posted");
		expect(h.slack.messages.map((m) => m.channel)).toEqual([SLACK_CHANNEL]);
		expect(h.discord.messages.map((m) => m.channel)).toEqual([DISCORD_CHANNEL]);
		expect(h.slack.messages[0]!.token).toBe(`Bearer ${h.env.SLACK_BOT_TOKEN}`);
		expect(h.discord.messages[0]!.authorization).toBe(`Bot ${h.env.DISCORD_BOT_TOKEN}`);

		const slack = slackText(h.slack.messages[0]!.blocks);
		const discord = discordText(h.discord.messages[0]!.embeds[0]);
		for (const text of [slack, discord]) {
			expectExactChanges(tableLines(text), e);
			// The headline fit on 8x H200 now costs 8 of the cut price, and says what it was.
			expect(text).toContain(`now ${money(cents(e.cut.newUsd * 8))} (was ${money(cents(e.cut.oldUsd * 8))})`);
			// The B200's 1% move is left out, and said to be.
			expect(text).toContain("1 smaller move");
			expect(text).not.toContain(money(e.nudge.newUsd));
		}

		expect(await jobs.trigger(at(2))).toMatchObject({ status: "no-change" });
		await server.close();
		const restarted = await h.start();
		expect(await restarted.background.pricePosts!.trigger(at(3))).toMatchObject({ status: "no-change" });
		expect(await restarted.background.pricePosts!.trigger(at(1))).toMatchObject({ status: "claimed-elsewhere" });
		expect(h.slack.messages).toHaveLength(1);
		expect(h.discord.messages).toHaveLength(1);

		const state = JSON.parse(readFileSync(join(h.env.GPUFIT_STATE_DIR!, "price-posts.json"), "utf8"));
		expect(state.deliveries.map((d: { status: string }) => d.status)).toEqual(["delivered", "delivered"]);
	});

	it("waits out a 429 (Retry-After) and retries", async () => {
		h = await harness();
		const server = await h.start();
		await server.background.pricePosts!.trigger(at(0));
		await editAndReload(h, server);
		h.slack.failNext(slackRateLimited(1));
		h.discord.failNext(discordRateLimited(1));
		const started = Date.now();
		const run = await server.background.pricePosts!.trigger(at(1));
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(run).toMatchObject({ status: "posted" });
		if (run.status !== "posted") return;
		expect(run.deliveries.map((d) => d.status)).toEqual(["delivered", "delivered"]);
		// The refused post and its retry (the chart's upload calls follow: not counted here).
		expect(h.slack.requests.filter((r) => r.path === "/api/chat.postMessage")).toHaveLength(2);
		expect(h.discord.requests.filter((r) => r.method === "POST")).toHaveLength(2);
		expect(h.slack.messages).toHaveLength(1);
		expect(h.discord.messages).toHaveLength(1);
	});

	it("keeps a failed delivery and sends it on the next run, once", async () => {
		h = await harness();
		const server = await h.start();
		const jobs = server.background.pricePosts!;
		await jobs.trigger(at(0));
		await editAndReload(h, server);
		h.discord.failNext(discordUnknownChannel);
		const run = await jobs.trigger(at(1));
		expect(run.status).toBe("posted");
		if (run.status !== "posted") return;
		expect(run.deliveries.map((d) => [d.platform, d.status])).toEqual([
			["slack", "delivered"],
			["discord", "pending"],
		]);
		expect(run.deliveries[1]!.lastError).toMatch(/Unknown Channel/);
		expect(h.discord.messages).toHaveLength(0);

		// A restart in between: the pending delivery is on disk, not in memory.
		await server.close();
		const next = await (await h.start()).background.pricePosts!.trigger(at(2));
		expect(next.status).toBe("no-change");
		expect(next.retried.map((d) => [d.platform, d.status, d.attempts])).toEqual([["discord", "delivered", 2]]);
		expect(h.discord.messages).toHaveLength(1);
		expect(h.slack.messages).toHaveLength(1);
		expect(h.discord.messages[0]!.embeds[0].title).toContain("GPU price update");
	});
});
