// Signed Slack requests that no listener handles (issue 15, failure 7): a button from an older card, a shortcut,
// a modal, a payload type Bolt does not know. Bolt's own receiver left them unacknowledged and answered 404
// after three seconds (Slack then shows the user an error); gpufit answers at once, with a private note saying
// what it does answer, and for a click (whose acknowledgement Slack does not show) posts it to response_url.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCatalogStore } from "../../src/catalog/open.js";
import type { RunningServer } from "../../src/transports/server.js";
import { FIXTURE_CATALOG_DIR } from "../support/fixture-catalog.js";
import { serveOnLoopback } from "../support/loopback-server.js";
import { type SlackStandIn, startSlackStandIn } from "../support/slack-api.js";
import { cardText } from "../support/slack-blocks.js";
import { buttonBody, postSigned, slackSignature } from "../support/slack-sign.js";

const SECRET = "unhandled-signing-secret-0001";
let slack: SlackStandIn;
let server: RunningServer;

beforeAll(async () => {
	slack = await startSlackStandIn();
	const env = { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: "xoxb-unhandled-test", SLACK_API_URL: slack.apiUrl };
	server = await serveOnLoopback(env, openCatalogStore(FIXTURE_CATALOG_DIR));
});

afterAll(async () => {
	await server.close();
	await slack.close();
});

const payload = (p: Record<string, unknown>) => new URLSearchParams({ payload: JSON.stringify(p) }).toString();
const team = { id: "T0TEST", domain: "gpufit-test" };
const user = { id: "U0ALICE", username: "alice", team_id: "T0TEST" };

/** Sends a signed body; the answer and how long it took. */
async function timed(body: string) {
	const started = performance.now();
	const answer = await postSigned(`${server.url}/slack/events`, SECRET, body);
	return { ...answer, ms: performance.now() - started };
}

describe("signed requests no listener handles", () => {
	it("a button gpufit no longer has: answered at once, and a private note through response_url", async () => {
		const body = buttonBody({
			actionId: "gpufit_share_v0",
			value: "fit deepseek-r1 on 16x H100",
			responseUrl: slack.responseUrl("old-button"),
			ephemeral: true,
		});
		const answer = await timed(body);
		expect(answer.status).toBe(200);
		expect(answer.ms).toBeLessThan(1_000);
		const [note] = await slack.responses("old-button");
		expect(note).toMatchObject({ response_type: "ephemeral", replace_original: false });
		expect(cardText(note as never)).toMatch(/\/fit help/);
	});

	it("a global shortcut: answered at once with the note", async () => {
		const answer = await timed(
			payload({ type: "shortcut", callback_id: "ask_gpufit", team, user, token: "t", trigger_id: "1.2.3" }),
		);
		expect(answer.status).toBe(200);
		expect(answer.ms).toBeLessThan(1_000);
		expect(answer.json).toMatchObject({ response_type: "ephemeral" });
		expect(cardText(answer.json)).toMatch(/\/fit, \/recommend/);
	});

	it("a modal's submission: an empty acknowledgement at once (a body there would be read as an error)", async () => {
		const view = { id: "V1", callback_id: "settings", state: { values: {} }, team_id: "T0TEST" };
		const answer = await timed(payload({ type: "view_submission", team, user, view, token: "t", trigger_id: "1.2.3" }));
		expect(answer.status).toBe(200);
		expect(answer.text).toBe("");
		expect(answer.ms).toBeLessThan(1_000);
	});

	it("an options request: no options, at once", async () => {
		const answer = await timed(
			payload({ type: "block_suggestion", action_id: "model", block_id: "b", value: "dee", team, user, token: "t" }),
		);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ options: [] });
		expect(answer.ms).toBeLessThan(1_000);
	});

	it("a payload type Bolt does not know: answered at once", async () => {
		const answer = await timed(payload({ type: "something_new", team, user }));
		expect(answer.status).toBe(200);
		expect(answer.ms).toBeLessThan(1_000);
		expect(cardText(answer.json)).toMatch(/\/fit help/);
	});

	it("the same requests unsigned still get 401", async () => {
		const res = await fetch(`${server.url}/slack/events`, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: payload({ type: "shortcut", callback_id: "ask_gpufit", team, user }),
		});
		expect(res.status).toBe(401);
	});

	it("Slack's SSL check and URL verification are still answered", async () => {
		const ssl = await fetch(`${server.url}/slack/events`, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: "ssl_check=1&token=x",
		});
		expect(ssl.status).toBe(200);
		const body = JSON.stringify({ type: "url_verification", challenge: "abc123", token: "t" });
		const ts = Math.floor(Date.now() / 1000);
		const verified = await fetch(`${server.url}/slack/events`, {
			method: "POST",
			headers: {
				"content-type": "application/json",
				"x-slack-request-timestamp": String(ts),
				"x-slack-signature": slackSignature(SECRET, ts, body),
			},
			body,
		});
		expect(await verified.json()).toEqual({ challenge: "abc123" });
	});
});
