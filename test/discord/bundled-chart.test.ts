// The Discord chart as the shipped program sends it: bin/gpufit.js serve (the bundle, dependencies included) edits
// the /fit answer with its chart as a multipart request through discord.js's REST client. The sources' tests sent
// it, while the bundle failed every such edit before it left ("o is not a function" in a bundled undici's stream of
// the form) whenever Slack was on beside Discord: only a run of the bundle with both shows the PNG arriving.
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
import { commandInteraction, postInteraction, signInteraction, signingKeys } from "../support/discord-sign.js";
import { multipartOf } from "../support/price-post-http.js";
import { startSlackStandIn } from "../support/slack-api.js";

const stateDir = mkdtempSync(join(tmpdir(), "gpufit-bundled-chart-"));
const children: ChildProcess[] = [];

afterAll(() => {
	for (const c of children) c.kill();
	rmSync(stateDir, { recursive: true, force: true });
});

describe("the bundled server's Discord chart", () => {
	it("reaches Discord: a multipart edit of the answer with the fit chart's PNG, shown in its embed", async () => {
		const keys = signingKeys();
		const discord = await startDiscordApi();
		const slack = await startSlackStandIn();
		try {
			const served = await serveBundleWithCharts({
				GPUFIT_STATE_DIR: stateDir,
				// Slack on as well: its client's bundled code is what broke the Discord edit.
				SLACK_SIGNING_SECRET: "bundled-chart-secret",
				SLACK_BOT_TOKEN: "xoxb-bundled-chart",
				SLACK_API_URL: slack.apiUrl,
				...discordEnv(keys, discord.apiUrl, "discord-bundled-token"),
			});
			children.push(served.child);
			const payload = commandInteraction("fit", { model: "llama-3.1-8b", hardware: "1x H100" });
			const answer = await postInteraction(served.url, signInteraction(keys, payload));
			expect(answer.status).toBe(200);

			const edit = await discord.waitFor((q) => q.method === "PATCH" && q.path.includes(payload.token), 15_000);
			expect(String(edit.headers["content-type"])).toMatch(/^multipart\/form-data/);
			const { fields, files } = await multipartOf({ ...edit, body: "" });
			const png = files["files[0]"];
			expect(png?.name).toMatch(/^gpufit-fit-[0-9a-f]{12}\.png$/);
			// One setup (it fits on one H100, so no alternative): the fit chart's width and its one-bar height.
			const image = PNG.sync.read(png!.bytes);
			expect([image.width, image.height]).toEqual([FIT_CHART_WIDTH, fitChartHeight(1)]);
			const body = JSON.parse(String(fields.payload_json));
			expect(body.embeds[0].image).toEqual({ url: `attachment://${png!.name}` });
			expect(served.log()).not.toContain("discord chart not attached");
		} finally {
			await discord.close();
			await slack.close();
		}
	}, 30_000);
});
