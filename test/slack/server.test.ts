// The Slack transport end to end: the real server (startServer, one listener), Bolt's receiver,
// a local stand-in for Slack's Web API and response_url, and requests signed as Slack signs them.
// Expected figures come from the sizing core's JSON (runFit), never from a rendered card.
import { beforeAll, describe, expect, it } from "vitest";
import { runFit } from "../../commands/fit.js";
import { findCommand } from "../../commands/index.js";
import { openCatalogStore } from "../../src/catalog/open.js";
import { EXAMPLE, GRAMMAR } from "../../src/parse/errors.js";
import type { RunningServer } from "../../src/transports/server.js";
import { waitFor } from "../catalog/temp-catalog.js";
import { FIXTURE_CATALOG_DIR } from "../support/fixture-catalog.js";
import { serveOnLoopback } from "../support/loopback-server.js";
import { blockKitViolations, buttons, cardText, mrkdwnEscaped } from "../support/slack-blocks.js";
import { slackOnLoopback } from "../support/slack-on-loopback.js";
import { buttonBody, postSigned, slashBody } from "../support/slack-sign.js";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const BOT_TOKEN = "xoxb-0000-test-token";
const REQUEST = "deepseek-r1 on 16x H100";

const store = openCatalogStore(FIXTURE_CATALOG_DIR);
const catalog = () => store.current();
const logLines: string[] = [];

const { slack, servers, serve } = await slackOnLoopback({ secret: SECRET, botToken: BOT_TOKEN, store, logLines });
let responseIds = 0;

/** Sends `/command text` as Slack does; returns the HTTP answer and the response_url id it carried. */
async function slash(server: RunningServer, command: string, text: string, userId = "U0ALICE") {
	const id = `r${++responseIds}`;
	const body = slashBody({ command, text, user_id: userId, response_url: slack.responseUrl(id) });
	return { ...(await postSigned(`${server.url}/slack/events`, SECRET, body)), id };
}

// biome-ignore lint/suspicious/noExplicitAny: the core's JSON and Slack's, read field by field
type Json = any;
/** The contract's JSON for a request, straight from the sizing core. */
const core = (text: string): Json => runFit(catalog(), text).json;

const GiB = 2 ** 30;
const EMOJI = { fits: ":large_green_circle:", tight: ":large_yellow_circle:", "no-fit": ":red_circle:" } as const;
const LABEL = { fits: "Fits", tight: "Tight", "no-fit": "Does not fit" } as const;

let main: RunningServer;

beforeAll(async () => {
	main = await serve();
});

describe("Slack on the shared listener", () => {
	it("mounts at POST /slack/events beside /healthz, after checking the bot token with auth.test", async () => {
		expect(main.routes.map((r) => r.path)).toContain("/slack/events");
		const health = await fetch(`${main.url}/healthz`);
		expect(health.status).toBe(200);
		// auth.test runs in the background at start-up; it says in the log whether the token works.
		await waitFor("auth.test with the bot token", () =>
			slack.calls.some((c) => c.method === "auth.test" && c.params.token === BOT_TOKEN),
		);
		await waitFor("the server's log line", () => logLines.some((l) => l.includes("Slack bot token accepted")));
		expect((await fetch(`${main.url}/slack/events`)).status).toBe(405);
	});

	it("keeps answering slash commands when Slack refuses the bot token, and says so in the log", async () => {
		const revoked = await serve({ SLACK_BOT_TOKEN: "xoxb-revoked-0000" });
		await waitFor("the server's log line", () =>
			logLines.some((l) => l.includes("could not confirm SLACK_BOT_TOKEN") && l.includes("invalid_auth")),
		);
		const answer = await slash(revoked, "/fit", REQUEST);
		expect(answer.status).toBe(200);
		expect(answer.json.blocks[0].type).toBe("header");
	});

	it("is off, with a line saying how to enable it, when the variables are missing", async () => {
		const lines: string[] = [];
		const server = await serveOnLoopback({}, store, lines);
		servers.push(server);
		expect(server.routes.some((r) => r.path === "/slack/events")).toBe(false);
		expect(lines.join("\n")).toMatch(/SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN/);
	});
});

describe("/fit deepseek-r1 on 16x H100", () => {
	it("answers inline in the acknowledgement with the verdict and the figures the core computes", async () => {
		const json = core(REQUEST);
		const answer = await slash(main, "/fit", REQUEST);
		expect(answer.status).toBe(200);
		const card = answer.json;
		expect(card.response_type).toBe("ephemeral");
		expect(blockKitViolations(card)).toEqual([]);

		// Verdict first: the header block, coloured emoji and label.
		const verdict = json.verdict as keyof typeof EMOJI;
		expect(card.blocks[0].type).toBe("header");
		expect(card.blocks[0].text.text.startsWith(`${EMOJI[verdict]} ${LABEL[verdict]}`)).toBe(true);
		expect(card.blocks[0].text.text).toContain(json.model.name);

		const text = cardText(card);
		// Margin in GiB (below 1 TiB here), then capacity as users x context, written out from the JSON.
		expect(Math.abs(json.memory.marginBytes)).toBeLessThan(1024 * GiB);
		expect(text).toContain(`${(json.memory.marginBytes / GiB).toFixed(1)} GiB`);
		expect(text).toContain(`${json.limits.maxUsersAtContext} users × ${json.context / 1024}K`);
		// What actually runs: weight format, layout; then the cost tier.
		expect(text).toContain(`${json.precision.weights.toUpperCase()} weights`);
		expect(text).toContain(`TP${json.layout.tp}×PP${json.layout.pp}`);
		expect(text).toContain(json.cost.tier);
		expect(text.indexOf("Margin")).toBeLessThan(text.indexOf("Capacity"));
		expect(text.indexOf("Capacity")).toBeLessThan(text.indexOf("Runs as"));
		expect(text.indexOf("Runs as")).toBeLessThan(text.indexOf("Cost"));
		// The why, then the suggestions, each runnable.
		for (const note of json.notes) expect(text).toContain(mrkdwnEscaped(note));
		expect(text.indexOf("*Why*")).toBeGreaterThan(text.indexOf("Cost"));
		const runValues = buttons(card)
			.filter((b) => b.actionId.startsWith("gpufit_run_"))
			.map((b) => b.value);
		// Each button carries its suggestion's own command and request.
		expect(runValues).toEqual(json.suggestedRequests.slice(0, runValues.length).map((r: string) => `fit ${r}`));
		expect(runValues.length).toBe(json.suggestedRequests.length);
		// The memory bar: weights cells out of 30, from the JSON's shares.
		const weightCells = Math.round((json.memory.weightsBytes / json.memory.capacityBytes) * 30);
		expect(text).toContain(`\`${"█".repeat(weightCells)}▒`);
		// And a button that posts it to the channel.
		expect(buttons(card).find((b) => b.actionId === "gpufit_post")?.value).toBe(`fit ${REQUEST}`);
	});

	it("posts in the channel when the text says `public`, which is not part of the request", async () => {
		const json = core(REQUEST);
		const answer = await slash(main, "/fit", `public ${REQUEST}`, "U0BOB");
		expect(answer.json.response_type).toBe("in_channel");
		expect(answer.json.blocks[0].text.text).toContain(LABEL[json.verdict as keyof typeof LABEL]);
		const text = cardText(answer.json);
		expect(text).toContain(`TP${json.layout.tp}×PP${json.layout.pp}`);
		expect(text).toContain(`<@U0BOB>`);
		expect(buttons(answer.json).some((b) => b.actionId === "gpufit_post")).toBe(false);
		expect((await slash(main, "/fit", `${REQUEST} PUBLIC`)).json.response_type).toBe("in_channel");
	});

	it("posts in the channel from the card's button, then deletes the private card", async () => {
		const json = core(REQUEST);
		const id = `button${++responseIds}`;
		const body = buttonBody({
			actionId: "gpufit_post",
			value: `fit ${REQUEST}`,
			userId: "U0CAROL",
			responseUrl: slack.responseUrl(id),
			ephemeral: true,
		});
		const answer = await postSigned(`${main.url}/slack/events`, SECRET, body);
		expect(answer.status).toBe(200);
		const [posted, deleted] = await slack.responses(id, 2);
		expect(posted).toMatchObject({ response_type: "in_channel", replace_original: false });
		expect(blockKitViolations(posted as Json)).toEqual([]);
		expect(cardText(posted as Json)).toContain(`TP${json.layout.tp}×PP${json.layout.pp}`);
		expect(cardText(posted as Json)).toContain("<@U0CAROL>");
		expect(deleted).toEqual({ delete_original: true });
	});

	it("runs a suggestion from its button, privately, as a new card", async () => {
		const suggested = core(REQUEST).suggestedRequests[0] as string;
		expect(suggested).toBeTruthy();
		const json = core(suggested);
		// A card of today carries "fit <request>"; one posted before suggestions named their command, the bare request.
		for (const value of [`fit ${suggested}`, suggested]) {
			const id = `run${++responseIds}`;
			const body = buttonBody({ actionId: "gpufit_run_0", value, responseUrl: slack.responseUrl(id), ephemeral: true });
			expect((await postSigned(`${main.url}/slack/events`, SECRET, body)).status).toBe(200);
			const [card] = await slack.responses(id);
			expect(card).toMatchObject({ response_type: "ephemeral", replace_original: false });
			expect((card as Json).blocks[0].text.text).toContain(LABEL[json.verdict as keyof typeof LABEL]);
			expect(buttons(card as Json).find((b) => b.actionId === "gpufit_post")?.value).toBe(`fit ${suggested}`);
		}
	});

	it("runs a /recommend example with /recommend, not /fit", async () => {
		const help = await slash(main, "/recommend", "help");
		const run = buttons(help.json).find((b) => b.actionId.startsWith("gpufit_run_"));
		expect(run?.value.startsWith("recommend ")).toBe(true);
		const id = `run${++responseIds}`;
		const body = buttonBody({
			actionId: run?.actionId ?? "",
			value: run?.value ?? "",
			responseUrl: slack.responseUrl(id),
			ephemeral: true,
		});
		expect((await postSigned(`${main.url}/slack/events`, SECRET, body)).status).toBe(200);
		const [card] = await slack.responses(id);
		const expected = findCommand("recommend")?.run(catalog(), (run?.value ?? "").replace(/^recommend /, ""));
		expect(expected?.exitCode).toBe(0);
		expect(cardText(card as Json)).toContain(mrkdwnEscaped(expected?.reply.headline ?? "?"));
	});
});

describe("signatures", () => {
	const body = () => slashBody({ command: "/fit", text: REQUEST, response_url: slack.responseUrl("unsigned") });

	it("refuses a tampered body with 401", async () => {
		const answer = await postSigned(`${main.url}/slack/events`, SECRET, body(), { tamper: (b) => b.replace("16x", "64x") });
		expect(answer.status).toBe(401);
		expect(answer.text).toBe("");
	});

	it("refuses a correctly signed request older than five minutes with 401", async () => {
		const stale = Math.floor(Date.now() / 1000) - 5 * 60 - 30;
		expect((await postSigned(`${main.url}/slack/events`, SECRET, body(), { timestamp: stale })).status).toBe(401);
	});

	it("refuses a request signed with another secret with 401", async () => {
		expect((await postSigned(`${main.url}/slack/events`, "not-the-secret", body())).status).toBe(401);
	});

	it("never logs the secrets", () => {
		const log = logLines.join("\n");
		expect(log).not.toContain(SECRET);
		expect(log).not.toContain(BOT_TOKEN);
	});
});

describe("requests the bot cannot answer", () => {
	it("an unknown model gets a friendly private card with the closest names and an example", async () => {
		const text = "deepsek-r1 on 8x H100";
		const error = core(text).error;
		expect(error.code).toBe("unknown_model");
		expect(error.suggestions.length).toBeGreaterThan(0);
		const answer = await slash(main, "/fit", `${text} public`);
		expect(answer.status).toBe(200);
		expect(answer.json.response_type).toBe("ephemeral"); // errors stay private, even when asked public
		const card = cardText(answer.json);
		for (const name of error.suggestions) expect(card).toContain(name);
		expect(card).toContain(EXAMPLE);
		expect(card).toContain("/fit help");
		expect(blockKitViolations(answer.json)).toEqual([]);
	});

	it("bad grammar gets the same kind of card, never a stack trace", async () => {
		const answer = await slash(main, "/fit", "how big is a gpu \u0007");
		expect(answer.json.response_type).toBe("ephemeral");
		const card = cardText(answer.json);
		expect(card).toContain(EXAMPLE);
		expect(card).not.toMatch(/\n\s+at |Error:|\.ts:\d+/);
	});

	it("`/fit help` shows the grammar", async () => {
		const answer = await slash(main, "/fit", "help");
		expect(cardText(answer.json)).toContain(mrkdwnEscaped(GRAMMAR));
		expect(blockKitViolations(answer.json)).toEqual([]);
	});

	it("/recommend answers through the registry, or says politely that it is not available yet", async () => {
		const answer = await slash(main, "/recommend", "deepseek-r1 ctx 32k users 10");
		expect(answer.status).toBe(200);
		expect(answer.json.response_type).toBe("ephemeral");
		const card = cardText(answer.json);
		if (findCommand("recommend") === null) expect(card).toMatch(/`\/recommend` is not available yet/);
		else expect(card).not.toMatch(/not available yet/);
	});
});

describe("/gpus and /models", () => {
	it.each([
		["/gpus", () => catalog().gpus.map((g) => g.id)],
		["/models", () => catalog().models.map((m) => m.id)],
	])("%s lists the whole catalog within Slack's limits, every id shown or counted", async (command, ids) => {
		const answer = await slash(main, command, "");
		expect(blockKitViolations(answer.json)).toEqual([]);
		const text = cardText(answer.json);
		const shown = ids().filter((id) => text.includes(`\`${id}\``)).length;
		const more = Number(/…and (\d+) more/.exec(text)?.[1] ?? 0);
		expect(shown + more).toBe(ids().length);
	});
});

describe("load and timing", () => {
	it("answers 50 concurrent commands, each with its own figures", async () => {
		const texts = Array.from({ length: 50 }, (_, i) => `deepseek-r1 on 16x H100 ctx 32k users ${i + 1}`);
		const answers = await Promise.all(texts.map((t, i) => slash(main, "/fit", t, `U0LOAD${i}`)));
		answers.forEach((a, i) => {
			const json = core(texts[i] as string);
			expect(a.status).toBe(200);
			expect(a.json.blocks[0].text.text).toContain(LABEL[json.verdict as keyof typeof LABEL]);
			expect(cardText(a.json)).toContain(`${json.limits.maxUsersAtContext} users × 32K`);
		});
	});

	it("acknowledges at once and answers through response_url when past the ack budget", async () => {
		const slow = await serve({ SLACK_ACK_BUDGET_MS: "0" });
		const json = core(REQUEST);
		const answer = await slash(slow, "/fit", REQUEST);
		expect(answer.status).toBe(200);
		expect(answer.text).toBe(""); // the acknowledgement carries nothing
		const [card] = await slack.responses(answer.id);
		expect(card).toMatchObject({ response_type: "ephemeral" });
		expect(blockKitViolations(card as Json)).toEqual([]);
		expect((card as Json).blocks[0].text.text).toContain(LABEL[json.verdict as keyof typeof LABEL]);
		expect(cardText(card as Json)).toContain(`TP${json.layout.tp}×PP${json.layout.pp}`);
		// `public` holds on the slow path too.
		const shared = await slash(slow, "/fit", `${REQUEST} public`);
		const [sharedCard] = await slack.responses(shared.id);
		expect(sharedCard).toMatchObject({ response_type: "in_channel" });
	});
});

describe("rate limit", () => {
	it("answers a user over GPUFIT_RATE_LIMIT a minute politely and privately; others are unaffected", async () => {
		const limited = await serve({ GPUFIT_RATE_LIMIT: "3" });
		for (let i = 0; i < 3; i++) expect((await slash(limited, "/fit", REQUEST, "U0EAGER")).json.blocks[0].type).toBe("header");
		const refused = await slash(limited, "/fit", REQUEST, "U0EAGER");
		expect(refused.status).toBe(200);
		expect(refused.json.response_type).toBe("ephemeral");
		const text = cardText(refused.json);
		expect(text).toMatch(/more than 3 requests in a minute/);
		const seconds = Number(/Try again in (\d+) s/.exec(text)?.[1]);
		expect(seconds).toBeGreaterThan(0);
		expect(seconds).toBeLessThanOrEqual(60);
		// The button counts too, and another user still gets answers.
		const id = `limited${++responseIds}`;
		const click = buttonBody({
			actionId: "gpufit_post",
			value: `fit ${REQUEST}`,
			userId: "U0EAGER",
			responseUrl: slack.responseUrl(id),
			ephemeral: true,
		});
		await postSigned(`${limited.url}/slack/events`, SECRET, click);
		const [clicked] = await slack.responses(id);
		expect(clicked).toMatchObject({ response_type: "ephemeral" });
		expect(cardText(clicked as Json)).toMatch(/more than 3 requests/);
		expect((await slash(limited, "/fit", REQUEST, "U0CALM")).json.blocks[0].type).toBe("header");
	});
});

describe("Chinese chrome", () => {
	it("GPUFIT_LOCALE=zh labels the card in Chinese and shows the CNY purchase price beside the USD one", async () => {
		const zh = await serve({ GPUFIT_LOCALE: "zh" });
		const json = core(REQUEST);
		expect(json.cost.purchaseCny).toBeGreaterThan(0);
		const answer = await slash(zh, "/fit", REQUEST);
		const zhLabel = { fits: "可以运行", tight: "勉强", "no-fit": "放不下" }[json.verdict as "fits"];
		expect(answer.json.blocks[0].text.text).toContain(zhLabel);
		const fields: string[] = answer.json.blocks.flatMap((b: Json) => (b.fields ?? []).map((f: Json) => f.text));
		const cost = fields.find((f) => f.includes(`¥${Math.round(json.cost.purchaseCny).toLocaleString("en-US")}`));
		expect(cost).toContain(`$${Math.round(json.cost.purchaseUsd).toLocaleString("en-US")}`);
		expect(cardText(answer.json)).toContain("*原因*");
		expect(buttons(answer.json).find((b) => b.actionId === "gpufit_post")?.text).toBe("发到频道");
		expect(blockKitViolations(answer.json)).toEqual([]);
	});
});
