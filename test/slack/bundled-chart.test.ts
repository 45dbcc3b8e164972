// The Slack chart as the shipped program sends it: bin/gpufit.js serve (the bundle, dependencies included) answers
// an in-channel /fit and uploads its chart through @slack/web-api's filesUploadV2 (files.getUploadURLExternal, the
// bytes, files.completeUploadExternal). The sources' tests upload it; the Discord edit once failed only in the
// bundle (a bundled library's code path the sources never took), so only a run of the bundle shows the PNG
// arriving. Discord is on beside Slack, as in production.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { FIT_CHART_WIDTH, fitChartHeight } from "../../src/render/charts/fit.js";
import { serveBundleWithCharts } from "../support/bundled-chart-server.js";
import { startDiscordApi } from "../support/discord-api.js";
import { discordEnv } from "../support/discord-env.js";
import { signingKeys } from "../support/discord-sign.js";
import { type ApiCall, startSlackStandIn } from "../support/slack-api.js";
import { postSigned, slashBody } from "../support/slack-sign.js";

const stateDir = mkdtempSync(join(tmpdir(), "gpufit-bundled-slack-chart-"));
const children: ChildProcess[] = [];
const SECRET = "bundled-slack-chart-secret";

afterAll(() => {
	for (const c of children) c.kill();
	rmSync(stateDir, { recursive: true, force: true });
});

/** The first call of `method` the stand-in received, waited for up to `timeoutMs`. */
async function callOf(calls: ApiCall[], method: string, timeoutMs: number): Promise<ApiCall> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const call = calls.find((c) => c.method === method);
		if (call) return call;
		if (Date.now() > deadline) throw new Error(`no ${method} within ${timeoutMs} ms: ${calls.map((c) => c.method).join(", ")}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** The file of a multipart body, read as the standard FormData reader reads it. */
async function uploadedFile(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
	const form = await new Response(new Uint8Array(raw), { headers: { "content-type": contentType ?? "" } }).formData();
	const file = [...form.values()].find((v): v is File => typeof v !== "string");
	return file ? Buffer.from(await file.arrayBuffer()) : raw;
}

describe("the bundled server's Slack chart", () => {
	it("reaches Slack: an in-channel /fit's PNG uploaded with filesUploadV2 into the command's channel", async () => {
		const slack = await startSlackStandIn();
		const discord = await startDiscordApi();
		try {
			const served = await serveBundleWithCharts({
				GPUFIT_STATE_DIR: stateDir,
				SLACK_SIGNING_SECRET: SECRET,
				SLACK_BOT_TOKEN: "xoxb-bundled-slack-chart",
				SLACK_API_URL: slack.apiUrl,
				...discordEnv(signingKeys(), discord.apiUrl, "discord-bundled-slack-token"),
			});
			children.push(served.child);
			// "public" asks for the in-channel answer: only those charts go to the channel.
			const body = slashBody({ command: "/fit", text: "llama-3.1-8b on 1x H100 public", response_url: slack.responseUrl("fit") });
			const answer = await postSigned(`${served.url}/slack/events`, SECRET, body);
			expect(answer.status).toBe(200);
			expect(answer.json.response_type).toBe("in_channel");

			const complete = await callOf(slack.calls, "files.completeUploadExternal", 15_000);
			const ask = await callOf(slack.calls, "files.getUploadURLExternal", 0);
			expect(ask.params.filename).toMatch(/^gpufit-fit-[0-9a-f]{12}\.png$/);
			expect(ask.authorization).toBe("Bearer xoxb-bundled-slack-chart");
			expect(slack.uploads).toHaveLength(1);
			const upload = slack.uploads[0]!;
			const png = await uploadedFile(upload.raw, upload.contentType);
			expect(png.byteLength).toBe(Number(ask.params.length));
			// One setup (it fits on one H100, so no alternative): the fit chart's width and its one-bar height.
			const image = PNG.sync.read(png);
			expect([image.width, image.height]).toEqual([FIT_CHART_WIDTH, fitChartHeight(1)]);
			// Completed into the channel the command came from (slashBody's channel_id), as the file it uploaded.
			expect(complete.params.channel_id).toBe("C0TEST");
			expect(JSON.parse(String(complete.params.files))).toEqual([{ id: upload.fileId, title: expect.any(String) }]);
			expect(served.log()).not.toContain("slack chart not uploaded");
		} finally {
			await slack.close();
			await discord.close();
		}
	}, 30_000);
});
