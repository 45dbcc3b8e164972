// Slack's charts end to end: the real server, Bolt's receiver and Web API client, a local stand-in for Slack's
// Web API (the external upload flow included), and signed slash commands. The expected PNG is drawn here by the
// renderer from the core's own answer, so the bytes Slack receives must be the chart of that answer.
import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { runCompare } from "../../commands/compare.js";
import { runFit } from "../../commands/fit.js";
import { openCatalogStore } from "../../src/catalog/open.js";
import { chartRequestOf } from "../../src/chat/chart-inputs.js";
import { chartKey } from "../../src/render/charts/index.js";
import type { RunningServer } from "../../src/transports/server.js";
import { expectedChart, settled } from "../support/chart-delivery.js";
import { FIXTURE_CATALOG_DIR } from "../support/fixture-catalog.js";
import { slackOnLoopback } from "../support/slack-on-loopback.js";
import { buttonBody, postSigned, slashBody } from "../support/slack-sign.js";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const FIT = "deepseek-r1 on 16x H100";
const COMPARE = "deepseek-r1 on 16x H100 vs 8x H200";
const PUBLIC_URL = "https://gpufit.example.com";

const store = openCatalogStore(FIXTURE_CATALOG_DIR);
const logLines: string[] = [];
const { slack, serve } = await slackOnLoopback({ secret: SECRET, botToken: "xoxb-0000-test-token", store, logLines });

const slash = (server: RunningServer, command: string, text: string) =>
	postSigned(`${server.url}/slack/events`, SECRET, slashBody({ command, text, response_url: slack.responseUrl(command) }));

/** The request and chart of the core's answer to `/fit FIT`, drawn apart from the server. */
async function expectedFitChart() {
	const result = runFit(store.current(), FIT);
	return { request: chartRequestOf("fit", result)!, chart: await expectedChart("fit", result) };
}

/** The file of a multipart body, read as the standard FormData reader reads it. */
async function uploadedBytes(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
	const form = await new Response(new Uint8Array(raw), { headers: { "content-type": contentType ?? "" } }).formData();
	const file = [...form.values()].find((v): v is File => typeof v !== "string");
	if (!file) return raw;
	return Buffer.from(await file.arrayBuffer());
}

/** A GET with the path sent exactly as written (fetch would resolve "..").  */
function rawGet(origin: string, path: string, method = "GET"): Promise<{ status: number; headers: Record<string, unknown> }> {
	const url = new URL(origin);
	return new Promise((resolve, reject) => {
		const req = httpRequest({ host: url.hostname, port: url.port, path, method }, (res) => {
			res.resume();
			res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
		});
		req.on("error", reject);
		req.end();
	});
}

describe("Slack charts through the external upload flow", () => {
	it("uploads the answer's PNG into the answer's channel after the card, with the bytes the renderer makes", async () => {
		const server = await serve();
		const { chart } = await expectedFitChart();
		const answer = await slash(server, "/fit", `${FIT} public`);
		// The card went out in the acknowledgement, without waiting for the chart.
		expect(answer.status).toBe(200);
		expect(answer.json.response_type).toBe("in_channel");
		expect(answer.json.blocks.some((b: { type: string }) => b.type === "image")).toBe(false);
		await settled(server);

		const methods = slack.calls.map((c) => c.method).filter((m) => m.startsWith("files."));
		expect(methods).toEqual(["files.getUploadURLExternal", "files.completeUploadExternal"]);
		const ask = slack.calls.find((c) => c.method === "files.getUploadURLExternal");
		expect(ask?.params.filename).toBe(chart.fileName);
		// With the bot's token: files are the bot's.
		expect(ask?.authorization).toBe("Bearer xoxb-0000-test-token");
		expect(Number(ask?.params.length)).toBe(chart.png.byteLength);
		expect(slack.uploads).toHaveLength(1);
		const upload = slack.uploads[0]!;
		const bytes = await uploadedBytes(upload.raw, upload.contentType);
		expect(bytes.equals(chart.png)).toBe(true);
		// Completed into the channel the command came from (slashBody's channel_id), as the file it uploaded.
		const complete = slack.calls.find((c) => c.method === "files.completeUploadExternal");
		expect(complete?.params.channel_id).toBe("C0TEST");
		expect(JSON.parse(String(complete?.params.files))).toEqual([
			{ id: upload.fileId, title: expect.stringContaining("DeepSeek-R1") },
		]);
	});

	it("uploads into the thread of a card posted to the channel from a thread", async () => {
		const server = await serve();
		const before = slack.calls.length;
		const id = "post-in-thread";
		const body = buttonBody({
			actionId: "gpufit_post",
			value: `fit ${FIT}`,
			responseUrl: slack.responseUrl(id),
			ephemeral: true,
			threadTs: "1700000000.000050",
		});
		expect((await postSigned(`${server.url}/slack/events`, SECRET, body)).status).toBe(200);
		const [card] = await slack.responses(id);
		expect(card?.response_type).toBe("in_channel");
		await settled(server);
		const complete = slack.calls.slice(before).find((c) => c.method === "files.completeUploadExternal");
		expect(complete?.params.channel_id).toBe("C0TEST");
		expect(complete?.params.thread_ts).toBe("1700000000.000050");
	});

	it("keeps a private card's chart out of the channel", async () => {
		const server = await serve();
		const before = slack.calls.length;
		const answer = await slash(server, "/compare", COMPARE);
		expect(answer.json.response_type).toBe("ephemeral");
		await settled(server);
		expect(slack.calls.slice(before).filter((c) => c.method.startsWith("files."))).toEqual([]);
	});

	it("still answers when the upload fails, and logs the failure once", async () => {
		const server = await serve();
		slack.failNextUploads("not_in_channel");
		const answer = await slash(server, "/fit", `${FIT} public`);
		expect(answer.status).toBe(200);
		expect(answer.json.response_type).toBe("in_channel");
		expect(answer.json.blocks[0].type).toBe("header");
		await settled(server);
		const failures = logLines.filter((l) => l.includes("slack chart not uploaded"));
		expect(failures).toHaveLength(1);
		expect(failures[0]).toContain("not_in_channel");
	});

	it("sends no chart with GPUFIT_CHARTS=off", async () => {
		const server = await serve({ GPUFIT_CHARTS: "off" });
		const before = slack.calls.length;
		await slash(server, "/fit", `${FIT} public`);
		await settled(server);
		expect(slack.calls.slice(before).filter((c) => c.method.startsWith("files."))).toEqual([]);
	});
});

describe("Slack charts linked from the card with PUBLIC_URL", () => {
	it("puts an image block in the card, served at GET /charts/<key>.png with immutable caching", async () => {
		const server = await serve({ PUBLIC_URL: `${PUBLIC_URL}/` });
		const { request, chart } = await expectedFitChart();
		const before = slack.calls.length;
		const answer = await slash(server, "/fit", FIT);
		expect(answer.json.response_type).toBe("ephemeral");
		const image = answer.json.blocks.find((b: { type: string }) => b.type === "image");
		// The key is the hash of the chart's facts (chartKey), under PUBLIC_URL without its trailing slash.
		expect(image.image_url).toBe(`${PUBLIC_URL}/charts/${chartKey(request)}.png`);
		expect(image.alt_text).toContain("DeepSeek-R1");
		// Private or not, nothing is uploaded: the card links its chart.
		await settled(server);
		expect(slack.calls.slice(before).filter((c) => c.method.startsWith("files."))).toEqual([]);

		const path = new URL(image.image_url).pathname;
		const res = await fetch(`${server.url}${path}`);
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toBe("image/png");
		expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
		expect(Buffer.from(await res.arrayBuffer()).equals(chart.png)).toBe(true);
	});

	it("serves nothing else under /charts/", async () => {
		const server = await serve({ PUBLIC_URL });
		const answer = await slash(server, "/fit", FIT);
		const path = new URL(answer.json.blocks.find((b: { type: string }) => b.type === "image").image_url).pathname;
		expect((await rawGet(server.url, path)).status).toBe(200);
		const key = path.slice("/charts/".length, -".png".length);
		for (const other of [
			"/charts/../healthz",
			"/charts/%2e%2e/healthz",
			`/charts/${"0".repeat(32)}.png`,
			`/charts/${key.toUpperCase()}.png`,
			`/charts/${key}.svg`,
			`/charts/${key}.png/x`,
			"/charts/",
		])
			expect((await rawGet(server.url, other)).status, other).toBe(404);
		expect((await rawGet(server.url, path, "POST")).status).toBe(404);
		expect((await rawGet(server.url, path, "DELETE")).status).toBe(404);
	});

	it("serves no chart at all without PUBLIC_URL", async () => {
		const server = await serve();
		const request = chartRequestOf("compare", runCompare(store.current(), COMPARE));
		if (request === null) throw new Error("compare has no chart");
		// Even a chart this server drew (its key known) is not served: without PUBLIC_URL no card links one.
		await slash(server, "/compare", `${COMPARE} public`);
		await settled(server);
		expect((await rawGet(server.url, `/charts/${chartKey(request)}.png`)).status).toBe(404);
	});
});
