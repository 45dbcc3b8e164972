// Socket Mode (SLACK_APP_TOKEN set): the bot connects out over a WebSocket, so it needs no public
// URL. Here it connects to local stand-ins for apps.connections.open and the socket itself.
import { afterAll, beforeAll, expect, it } from "vitest";
import { runFit } from "../../commands/fit.js";
import { openCatalogStore } from "../../src/catalog/open.js";
import type { RunningServer } from "../../src/transports/server.js";
import { FIXTURE_CATALOG_DIR } from "../support/fixture-catalog.js";
import { serveOnLoopback } from "../support/loopback-server.js";
import { type SlackStandIn, startSlackStandIn } from "../support/slack-api.js";
import { blockKitViolations, cardText } from "../support/slack-blocks.js";
import { type SocketModeStandIn, startSocketModeStandIn } from "../support/slack-socket.js";

const APP_TOKEN = "xapp-1-A0TEST-0000-test";
const store = openCatalogStore(FIXTURE_CATALOG_DIR);

let slack: SlackStandIn;
let socket: SocketModeStandIn;
let server: RunningServer;

beforeAll(async () => {
	slack = await startSlackStandIn();
	socket = await startSocketModeStandIn();
	slack.setSocketUrl(socket.url);
	const env = {
		SLACK_BOT_TOKEN: "xoxb-0000-test",
		SLACK_APP_TOKEN: APP_TOKEN,
		SLACK_API_URL: slack.apiUrl,
		GPUFIT_RATE_LIMIT: "off",
	};
	server = await serveOnLoopback(env, store);
	await socket.connected();
});

afterAll(async () => {
	await server.close();
	await socket.close();
	await slack.close();
});

it("connects with the app token and answers a slash command in the envelope's acknowledgement", async () => {
	expect(slack.calls.some((c) => c.method === "apps.connections.open" && c.authorization === `Bearer ${APP_TOKEN}`)).toBe(true);
	const text = "deepseek-r1 on 16x H100";
	const json = runFit(store.current(), text).json as { verdict: string; layout: { tp: number; pp: number } };
	const card = await socket.deliver({
		envelope_id: "env-1",
		type: "slash_commands",
		accepts_response_payload: true,
		payload: {
			command: "/fit",
			text,
			user_id: "U0ALICE",
			team_id: "T0TEST",
			channel_id: "C0TEST",
			api_app_id: "A0TEST",
			response_url: slack.responseUrl("socket-1"),
			trigger_id: "1.2.3",
		},
	});
	expect(card.response_type).toBe("ephemeral");
	expect(blockKitViolations(card as never)).toEqual([]);
	const shown = cardText(card as never);
	expect(shown).toContain(`TP${json.layout.tp}×PP${json.layout.pp}`);
	expect(shown).toContain({ fits: "Fits", tight: "Tight", "no-fit": "Does not fit" }[json.verdict as "fits"]);
	// No HTTP requests for Slack in this mode.
	const form = {
		method: "POST",
		headers: { "content-type": "application/x-www-form-urlencoded" },
		body: "command=%2Ffit&text=r1",
	};
	expect((await fetch(`${server.url}/slack/events`, form)).status).toBe(404);
});
