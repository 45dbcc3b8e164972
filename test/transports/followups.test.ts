// Answers sent after the acknowledgement are not lost to a passing fault (issue 15, failure 6): Slack's
// response_url posts and Discord's edits of deferred responses are retried after a 429's Retry-After, a 5xx,
// a dropped connection or an attempt that hangs past its timeout, within a bounded number of attempts and
// time; a 404 (an expired response_url) is final. First the retry policy against a bare fault-injecting
// server, then both platforms end to end: the real server, deferring every answer, and the local stand-ins
// of Slack and Discord answering the first tries with faults.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCatalogStore } from "../../src/catalog/open.js";
import { Followups, retryAfterMs } from "../../src/chat/followup.js";
import { createLogger } from "../../src/log.js";
import type { RunningServer } from "../../src/transports/server.js";
import { waitFor } from "../catalog/temp-catalog.js";
import { type DiscordApiStandIn, startDiscordApi } from "../support/discord-api.js";
import { discordEnv } from "../support/discord-env.js";
import { commandInteraction, postInteraction, signInteraction, signingKeys } from "../support/discord-sign.js";
import { answerWithFault, drop, type Fault, hang, rateLimited, serverError } from "../support/faults.js";
import { FIXTURE_CATALOG_DIR } from "../support/fixture-catalog.js";
import { serveOnLoopback } from "../support/loopback-server.js";
import { type SlackStandIn, startSlackStandIn } from "../support/slack-api.js";
import { cardText } from "../support/slack-blocks.js";
import { postSigned, slashBody } from "../support/slack-sign.js";

/** A server that answers its requests with the scripted faults, then 200; records when each came. */
async function faultyServer() {
	const faults: Fault[] = [];
	const seen: { at: number; body: string }[] = [];
	const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		seen.push({ at: Date.now(), body: Buffer.concat(chunks).toString("utf8") });
		const fault = faults.shift();
		if (fault) return answerWithFault(fault, res);
		res.writeHead(200, { "content-type": "application/json" });
		res.end('{"ok":true}');
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		seen,
		fail: (...f: Fault[]) => faults.push(...f),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

const logs: string[] = [];
const log = createLogger({}, (l) => logs.push(l));
/** Short pauses and timeouts: the policy's shape, at a test's pace. */
const FAST = { attempts: 5, attemptTimeoutMs: 300, budgetMs: 5_000, baseDelayMs: 20, maxDelayMs: 100 };

describe("the retry policy", () => {
	let hook: Awaited<ReturnType<typeof faultyServer>>;
	beforeAll(async () => {
		hook = await faultyServer();
	});
	afterAll(async () => {
		await hook.close();
	});
	const send = (f: Followups) => f.send("test post", { method: "POST", url: hook.url, body: { text: "hello" } });

	it("waits out a 429's Retry-After before trying again", async () => {
		const before = hook.seen.length;
		hook.fail(rateLimited(1));
		const result = await send(new Followups(log, FAST));
		expect(result).toMatchObject({ ok: true, attempts: 2 });
		const [first, second] = hook.seen.slice(before);
		expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
		expect(second?.body).toBe('{"text":"hello"}');
	});

	it("retries 5xx answers, a dropped connection and an attempt that hangs past its timeout", async () => {
		hook.fail(serverError(500), drop, hang, serverError(503));
		const started = Date.now();
		const result = await send(new Followups(log, FAST));
		expect(result).toMatchObject({ ok: true, attempts: 5 });
		// The hung attempt was cut by its timeout, not waited for.
		expect(Date.now() - started).toBeLessThan(2_000);
	});

	it("gives up after its attempts, saying why", async () => {
		hook.fail(...Array.from({ length: 5 }, () => serverError(502)));
		const result = await send(new Followups(log, FAST));
		expect(result).toMatchObject({ ok: false, attempts: 5, status: 502 });
		expect(logs.at(-1)).toMatch(/test post failed; the answer is lost.*HTTP 502.*after 5 attempts/);
	});

	it("does not retry a 404 (an expired response_url)", async () => {
		const before = hook.seen.length;
		hook.fail({ status: 404, body: "expired_url" });
		expect(await send(new Followups(log, FAST))).toMatchObject({ ok: false, attempts: 1, status: 404 });
		expect(hook.seen.length - before).toBe(1);
	});

	it("gives up at once on a Retry-After longer than its time budget", async () => {
		hook.fail(rateLimited(60));
		const started = Date.now();
		const result = await send(new Followups(log, FAST));
		expect(result).toMatchObject({ ok: false, attempts: 1, status: 429 });
		expect(Date.now() - started).toBeLessThan(500);
		hook.fail(); // nothing left queued
	});

	it("a shutdown lets a send finish its retries within the grace period, and cuts one that cannot", async () => {
		const f = new Followups(log, FAST);
		hook.fail(serverError(500));
		const finishing = send(f);
		expect(await f.drain(Date.now() + 2_000)).toBe(0);
		expect(await finishing).toMatchObject({ ok: true, attempts: 2 });

		const g = new Followups(log, { ...FAST, attemptTimeoutMs: 10_000 });
		hook.fail(hang);
		const hung = send(g);
		const started = Date.now();
		expect(await g.drain(Date.now() + 300)).toBe(1);
		expect(await hung).toMatchObject({ ok: false, reason: "cut at shutdown" });
		expect(Date.now() - started).toBeLessThan(1_000);
	});

	it("reads Retry-After as seconds or a date, and Discord's retry_after from the body", () => {
		expect(retryAfterMs("2", "")).toBe(2000);
		expect(retryAfterMs("0.25", "")).toBe(250);
		expect(retryAfterMs(new Date(Date.now() + 3000).toUTCString(), "")).toBeGreaterThan(1000);
		expect(retryAfterMs(null, '{"message":"You are being rate limited.","retry_after":1.5,"global":false}')).toBe(1500);
		expect(retryAfterMs(null, "nope")).toBeNull();
	});
});

describe("end to end: every answer deferred, the first tries faulted", () => {
	const SECRET = "followup-signing-secret-0001";
	const keys = signingKeys();
	let slack: SlackStandIn;
	let discord: DiscordApiStandIn;
	let server: RunningServer;
	const lines: string[] = [];

	beforeAll(async () => {
		slack = await startSlackStandIn();
		discord = await startDiscordApi();
		const env = {
			SLACK_SIGNING_SECRET: SECRET,
			SLACK_BOT_TOKEN: "xoxb-followup-test",
			SLACK_API_URL: slack.apiUrl,
			SLACK_ACK_BUDGET_MS: "0",
			...discordEnv(keys, discord.apiUrl, "discord-followup-test"),
			DISCORD_DEFER_AFTER_MS: "0",
			GPUFIT_RATE_LIMIT: "off",
		};
		server = await serveOnLoopback(env, openCatalogStore(FIXTURE_CATALOG_DIR), lines, {
			followup: { attemptTimeoutMs: 500, baseDelayMs: 50, maxDelayMs: 200 },
		});
	});

	afterAll(async () => {
		await server.close();
		await slack.close();
		await discord.close();
	});

	it("Slack: the card reaches response_url through a 429 with Retry-After, a 500, a dropped connection and a hang", async () => {
		const id = "faulted-1";
		slack.faultNext(id, rateLimited(1), serverError(500), drop, hang);
		const body = slashBody({ command: "/fit", text: "deepseek-r1 on 16x H100", response_url: slack.responseUrl(id) });
		const ack = await postSigned(`${server.url}/slack/events`, SECRET, body);
		expect(ack.status).toBe(200);
		expect(ack.text).toBe("");
		const [card] = await slack.responses(id, 1, 10_000);
		expect(cardText(card as never)).toContain("DeepSeek-R1");
		const tries = slack.attempts(id);
		expect(tries.map((t) => t.answer)).toEqual(["429", "500", "drop", "hang", "ok"]);
		// The retry after the 429 came no sooner than its Retry-After asked.
		expect((tries[1]?.at ?? 0) - (tries[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
		await waitFor(
			"the server's log line",
			() => lines.some((l) => l.includes("sent after retries") && l.includes('"attempts":5')),
			10_000,
		);
	});

	it("Discord: the deferred response is edited through a 429 (Discord's body and header), 500s and a drop", async () => {
		discord.failNextEdits(
			rateLimited(1, { message: "You are being rate limited.", retry_after: 1, global: false }),
			serverError(500),
			serverError(502),
			drop,
		);
		const payload = commandInteraction("fit", { model: "deepseek-r1", hardware: "16x H100" });
		const r = await postInteraction(server.url, signInteraction(keys, payload));
		expect(r.json).toEqual({ type: 5 });
		const edit = await discord.waitFor(
			(q) => q.method === "PATCH" && q.path.includes(payload.token) && q.answer === "ok",
			10_000,
		);
		// biome-ignore lint/suspicious/noExplicitAny: the edit's body, read field by field
		expect((edit.body as any).embeds[0].title).toContain("DeepSeek-R1");
		const tries = discord.requests.filter((q) => q.path.includes(payload.token));
		expect(tries.map((t) => t.answer)).toEqual(["429", "500", "502", "drop", "ok"]);
		expect((tries[1]?.at ?? 0) - (tries[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
	});

	it("an answer whose response_url keeps failing is given up after the attempts, and logged", async () => {
		const id = "faulted-forever";
		slack.faultNext(id, ...Array.from({ length: 5 }, () => serverError(500)));
		const body = slashBody({ command: "/gpus", text: "", response_url: slack.responseUrl(id) });
		await postSigned(`${server.url}/slack/events`, SECRET, body);
		await waitFor(
			"the server's log line",
			() => lines.some((l) => l.includes("failed; the answer is lost") && l.includes("/gpus")),
			10_000,
		);
		expect(slack.attempts(id)).toHaveLength(5);
		// The count drops just after the log line (the send's finally): nothing is left waiting once it does.
		await waitFor("no follow-up pending", () => server.followups.pending === 0, 10_000);
		expect(slack.attempts(id)).toHaveLength(5);
	});
});
