// The price post's chart (issue 18), through the running server to the Slack and Discord stand-ins: the price over
// time per provider of the GPU whose price moved most (the edits cut H200 by 20%; H100 leads the popular GPUs, so
// a chart of the first popular GPU would be the wrong one). Slack gets the PNG through the external upload flow
// into the post's thread, Discord as a multipart edit of the post showing it through attachment://. A chart that
// cannot be sent costs nothing but itself: one text post per channel, delivered, and nothing pending.
import { PNG } from "pngjs";
import { afterEach, describe, expect, it } from "vitest";
import { gpuSpokenName } from "../../src/prices/names.js";
import { PRICE_CHART_HEIGHT, PRICE_CHART_WIDTH } from "../../src/render/charts/price-history.js";
import type { RunningServer } from "../../src/transports/server.js";
import { waitFor } from "../catalog/temp-catalog.js";
import { serverError } from "../support/faults.js";
import { multipartOf } from "../support/price-post-http.js";
import { uploadedBytes } from "../support/price-post-slack.js";
import { at, changedServer, expectedChart, isEdit, isUploadAsk } from "./chart-run.js";
import { type Edits, makeEdits } from "./edits.js";
import { DISCORD_CHANNEL, type Harness, harness, SLACK_CHANNEL } from "./harness.js";

let h: Harness | null = null;
afterEach(async () => {
	await h?.cleanup();
	h = null;
});

/** A server with a baseline, then the catalog edited: the next run posts the edits. */
async function changed(env: Record<string, string> = {}): Promise<{ h: Harness; server: RunningServer; edits: Edits }> {
	h = await harness(env);
	return { h, ...(await changedServer(h)) };
}

describe("the price post's chart", () => {
	it("goes with the post: the moved GPU's price over time, uploaded into Slack's thread and attached on Discord", async () => {
		const { h, server, edits } = await changed();
		const gpu = edits.cut.entry.entry.gpu;
		const { chart, prices } = await expectedChart(server, gpu);
		// The chart shows the cut price: the catalog as edited, not as it was.
		expect(prices).toContain(edits.cut.newUsd);
		expect(await server.background.pricePosts!.trigger(at(1))).toMatchObject({ status: "posted" });

		// Slack: one file, completed into the post's channel and thread, with the bytes of the chart.
		expect(h.slack.messages).toHaveLength(1);
		expect(h.slack.files).toHaveLength(1);
		const file = h.slack.files[0]!;
		expect(file.channel).toBe(SLACK_CHANNEL);
		expect(file.threadTs).toBe(h.slack.messages[0]!.ts);
		expect(file.filename).toBe(chart.fileName);
		const uploaded = await uploadedBytes(file);
		expect(file.length).toBe(uploaded.byteLength);
		expect(uploaded.equals(chart.png)).toBe(true);
		const png = PNG.sync.read(uploaded);
		expect([png.width, png.height]).toEqual([PRICE_CHART_WIDTH, PRICE_CHART_HEIGHT]);
		expect(file.altText).toContain(gpuSpokenName(server.store.base(), gpu));

		// Discord: the post, then one multipart edit of it with the PNG, shown in its embed through attachment://.
		expect(h.discord.messages).toHaveLength(1);
		const posted = h.discord.messages[0]!;
		expect(posted.embeds[0].image).toBeUndefined();
		expect(h.discord.edits.map((e) => [e.channel, e.messageId])).toEqual([[DISCORD_CHANNEL, posted.id]]);
		const edit = h.discord.edits[0]!.request;
		expect(String(edit.headers["content-type"])).toMatch(/^multipart\/form-data/);
		expect(edit.headers.authorization).toBe(`Bot ${h.env.DISCORD_BOT_TOKEN}`);
		const { fields, files } = await multipartOf(edit);
		const attached = files["files[0]"];
		expect(attached?.name).toBe(chart.fileName);
		expect(attached?.bytes.equals(chart.png)).toBe(true);
		const payload = JSON.parse(String(fields.payload_json));
		expect(payload.embeds[0].image).toEqual({ url: `attachment://${chart.fileName}` });
		expect(payload.attachments).toEqual([{ id: 0, filename: chart.fileName, description: expect.any(String) }]);
		// The same card as the post, now with its picture.
		expect(payload.embeds[0].title).toBe(posted.embeds[0].title);
		expect(payload.embeds[0].fields).toEqual(posted.embeds[0].fields);

		// Both deliveries delivered, the next run posts nothing more, and no chart goes twice.
		const deliveries = await server.background.state.deliveries();
		expect(deliveries.map((d) => d.status)).toEqual(["delivered", "delivered"]);
		expect(await server.background.pricePosts!.trigger(at(2))).toMatchObject({ status: "no-change" });
		expect(h.slack.files).toHaveLength(1);
		expect(h.discord.edits).toHaveLength(1);
	});

	it("a failed upload leaves one text post per channel, delivered, nothing pending, the failure logged once", async () => {
		const { h, server } = await changed();
		h.slack.failNextWhen(isUploadAsk, serverError(500));
		// Discord's REST client retries a 5xx once itself: both tries fail.
		h.discord.failNextWhen(isEdit, serverError(500), serverError(500));
		expect(await server.background.pricePosts!.trigger(at(1))).toMatchObject({ status: "posted" });

		expect(h.slack.messages.map((m) => m.channel)).toEqual([SLACK_CHANNEL]);
		expect(h.discord.messages.map((m) => m.channel)).toEqual([DISCORD_CHANNEL]);
		// The uploads were tried, and failed.
		expect(h.slack.requests.filter(isUploadAsk)).toHaveLength(1);
		expect(h.slack.files).toHaveLength(0);
		expect(h.discord.requests.filter(isEdit)).toHaveLength(2);
		expect(h.discord.edits).toHaveLength(0);
		const deliveries = await server.background.state.deliveries();
		expect(deliveries.map((d) => [d.platform, d.status, d.inDoubt ?? false, d.lastError])).toEqual([
			["slack", "delivered", false, null],
			["discord", "delivered", false, null],
		]);
		expect(await server.background.state.pendingDeliveries()).toEqual([]);
		const failed = h.logs.filter((l) => l.includes("price post chart not attached"));
		expect(failed).toHaveLength(2);
		expect(failed.some((l) => l.includes("slack:"))).toBe(true);
		expect(failed.some((l) => l.includes("discord:"))).toBe(true);

		// A later run sends nothing again: not the posts, not the charts.
		expect(await server.background.pricePosts!.trigger(at(2))).toMatchObject({ status: "no-change" });
		expect(h.slack.requests.filter((r) => r.path === "/api/chat.postMessage")).toHaveLength(1);
		expect(h.discord.requests.filter((r) => r.method === "POST")).toHaveLength(1);
		expect(h.slack.requests.filter(isUploadAsk)).toHaveLength(1);
	});

	it("a post left pending goes out on the next run with its chart; only the channel that sent it gets one then", async () => {
		const { h, server, edits } = await changed();
		const { chart } = await expectedChart(server, edits.cut.entry.entry.gpu);
		// Slack's post fails with a 500 (it may have gone out: in doubt); Discord's goes out, with its chart.
		h.slack.failNextWhen((r) => r.path === "/api/chat.postMessage", serverError(500));
		expect(await server.background.pricePosts!.trigger(at(1))).toMatchObject({ status: "posted" });
		expect(h.slack.messages).toHaveLength(0);
		expect(h.slack.requests.filter(isUploadAsk)).toHaveLength(0);
		expect(h.discord.edits).toHaveLength(1);
		expect((await server.background.state.pendingDeliveries()).map((d) => d.platform)).toEqual(["slack"]);

		// The next run: nothing new moved, the pending Slack post is sent (the channel shows it never went), and its
		// chart goes into its thread; Discord's post, out before, is neither sent nor edited again.
		const next = await server.background.pricePosts!.trigger(at(2));
		expect(next).toMatchObject({ status: "no-change" });
		expect(next.retried.map((d) => [d.platform, d.status])).toEqual([["slack", "delivered"]]);
		expect(h.slack.messages).toHaveLength(1);
		expect(h.slack.files).toHaveLength(1);
		const file = h.slack.files[0]!;
		expect([file.channel, file.threadTs]).toEqual([SLACK_CHANNEL, h.slack.messages[0]!.ts]);
		expect(file.filename).toBe(chart.fileName);
		expect((await uploadedBytes(file)).equals(chart.png)).toBe(true);
		expect(h.discord.messages).toHaveLength(1);
		expect(h.discord.edits).toHaveLength(1);
		expect(await server.background.state.pendingDeliveries()).toEqual([]);

		// A third run sends nothing: the chart went with the delivery once.
		expect(await server.background.pricePosts!.trigger(at(3))).toMatchObject({ status: "no-change" });
		expect(h.slack.files).toHaveLength(1);
	});

	it("with PUBLIC_URL, Slack's post shows the chart by an image block linking the bot's GET /charts/<key>.png", async () => {
		const publicUrl = "https://gpufit.example";
		const { h, server, edits } = await changed({ PUBLIC_URL: `${publicUrl}/` });
		const gpu = edits.cut.entry.entry.gpu;
		const { chart } = await expectedChart(server, gpu);
		expect(await server.background.pricePosts!.trigger(at(1))).toMatchObject({ status: "posted" });

		// The post goes out as text; then an edit of it adds the image block: nothing is uploaded.
		expect(h.slack.messages).toHaveLength(1);
		const posted = h.slack.messages[0]!;
		expect(posted.blocks.filter((b) => b.type === "image")).toEqual([]);
		expect(h.slack.requests.filter(isUploadAsk)).toHaveLength(0);
		expect(h.slack.updates).toHaveLength(1);
		const update = h.slack.updates[0]!;
		expect([update.channel, update.ts]).toEqual([SLACK_CHANNEL, posted.ts]);
		const images = update.blocks.filter((b) => b.type === "image");
		expect(images).toHaveLength(1);
		// The same card as the post, with the picture.
		expect(update.blocks.filter((b) => b.type !== "image")).toEqual(posted.blocks);
		expect(images[0].alt_text).toContain(gpuSpokenName(server.store.base(), gpu));
		const url = new URL(images[0].image_url);
		expect(url.origin).toBe(publicUrl);
		expect(url.pathname).toMatch(/^\/charts\/[0-9a-f]{32}\.png$/);

		// The bot serves the chart there, ready when Slack fetches it: the picture of the moved GPU, for good.
		const res = await fetch(`${server.url}${url.pathname}`);
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toBe("image/png");
		expect(res.headers.get("cache-control")).toContain("immutable");
		expect(Buffer.from(await res.arrayBuffer()).equals(chart.png)).toBe(true);

		// Discord takes the PNG itself, as without PUBLIC_URL.
		expect(h.discord.edits).toHaveLength(1);
		const { files } = await multipartOf(h.discord.edits[0]!.request);
		expect(files["files[0]"]?.bytes.equals(chart.png)).toBe(true);
	});

	it("with PUBLIC_URL, a refused edit (Slack could not fetch the image) leaves the post delivered, logged once", async () => {
		const { h, server } = await changed({ PUBLIC_URL: "https://gpufit.example" });
		h.slack.failNextWhen((r) => r.path === "/api/chat.update", {
			status: 200,
			body: { ok: false, error: "invalid_blocks" },
		});
		expect(await server.background.pricePosts!.trigger(at(1))).toMatchObject({ status: "posted" });
		expect(h.slack.messages).toHaveLength(1);
		expect(h.slack.updates).toHaveLength(0);
		expect(await server.background.state.pendingDeliveries()).toEqual([]);
		const failed = h.logs.filter((l) => l.includes("price post chart not attached"));
		expect(failed).toHaveLength(1);
		expect(failed[0]).toContain("invalid_blocks");
		expect(await server.background.pricePosts!.trigger(at(2))).toMatchObject({ status: "no-change" });
		expect(h.slack.requests.filter((r) => r.path === "/api/chat.update")).toHaveLength(1);
	});

	it("with GPUFIT_CHARTS=off, the post goes without a chart", async () => {
		h = await harness({ GPUFIT_CHARTS: "off" });
		const server = await h.start();
		expect(await server.background.pricePosts!.trigger(at(0))).toMatchObject({ status: "baseline" });
		const version = server.store.current().version;
		makeEdits(h.t);
		await waitFor("the edited catalog", () => server.store.current().version !== version);
		expect(await server.background.pricePosts!.trigger(at(1))).toMatchObject({ status: "posted" });
		expect(h.slack.messages).toHaveLength(1);
		expect(h.discord.messages).toHaveLength(1);
		expect(h.slack.requests.filter(isUploadAsk)).toHaveLength(0);
		expect(h.discord.requests.filter(isEdit)).toHaveLength(0);
	});
});
