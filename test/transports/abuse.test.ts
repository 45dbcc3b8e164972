// Hostile and broken traffic against the real server on 127.0.0.1: oversized and malformed bodies,
// slow and idle connections, fuzzed signatures, a failing handler, and secrets kept out of logs.
import { connect } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCatalogStore } from "../../src/catalog/open.js";
import { MAX_BODY_BYTES } from "../../src/transports/body.js";
import type { PlatformFactory } from "../../src/transports/routes.js";
import type { RunningServer } from "../../src/transports/server.js";
import { commandInteraction, postInteraction, type SigningKeys, signInteraction, signingKeys } from "../support/discord-sign.js";
import { FIXTURE_CATALOG_DIR } from "../support/fixture-catalog.js";
import { serveOnLoopback } from "../support/loopback-server.js";
import { startSlackStandIn } from "../support/slack-api.js";
import { postSigned, slackSignature, slashBody } from "../support/slack-sign.js";

const SLACK_SECRET = "abuse-test-signing-secret-0123";
const SLACK_TOKEN = "xoxb-abuse-test-token-4567";
const DISCORD_TOKEN = "discord-abuse-test-token-89ab";
const store = openCatalogStore(FIXTURE_CATALOG_DIR);
const logLines: string[] = [];

/** A route of this test's own that counts what reaches it, to prove bad bodies stop before handlers. */
let probeCalls = 0;
const probe: PlatformFactory = async () => ({
	name: "probe",
	path: "/probe",
	body: "json",
	handle: (_req, res) => {
		probeCalls++;
		res.writeHead(200, { "content-type": "application/json" });
		res.end("{}");
	},
});
const thrower: PlatformFactory = async () => ({
	name: "thrower",
	path: "/throws",
	body: "json",
	handle: () => {
		throw new Error(`boom ${SLACK_SECRET}`);
	},
});

const hex = (length: number) => fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: length, maxLength: length });

let keys: SigningKeys;
let server: RunningServer;
let slack: Awaited<ReturnType<typeof startSlackStandIn>>;

beforeAll(async () => {
	keys = signingKeys();
	slack = await startSlackStandIn();
	const env = {
		SLACK_SIGNING_SECRET: SLACK_SECRET,
		SLACK_BOT_TOKEN: SLACK_TOKEN,
		SLACK_API_URL: slack.apiUrl,
		DISCORD_PUBLIC_KEY: keys.publicKeyHex,
		DISCORD_APPLICATION_ID: "42",
		DISCORD_BOT_TOKEN: DISCORD_TOKEN,
		DISCORD_API_URL: "http://127.0.0.1:9/api",
		GPUFIT_RATE_LIMIT: "off",
	};
	const { slackPlatform } = await import("../../src/transports/slack/index.js");
	const { discordPlatform } = await import("../../src/transports/discord/index.js");
	server = await serveOnLoopback(env, store, logLines, {
		platforms: [slackPlatform, discordPlatform, probe, thrower],
		timeouts: { headersMs: 300, requestMs: 600, idleMs: 800 },
	});
});

afterAll(async () => {
	await server.close();
	await slack.close();
});

const post = (path: string, body: string | Buffer, type = "application/json", headers: Record<string, string> = {}) =>
	fetch(`${server.url}${path}`, {
		method: "POST",
		headers: { "content-type": type, ...headers },
		body: typeof body === "string" ? body : new Uint8Array(body),
	});

describe("request bodies", () => {
	it("a body over the limit gets 413, declared or streamed, and never reaches a handler", async () => {
		const big = Buffer.alloc(MAX_BODY_BYTES + 1, "a");
		expect((await post("/probe", big)).status).toBe(413);
		const stream = new ReadableStream({
			start(c) {
				for (let i = 0; i < 3; i++) c.enqueue(new Uint8Array(MAX_BODY_BYTES / 2));
				c.close();
			},
		});
		const chunked = await fetch(`${server.url}/probe`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: stream,
			duplex: "half",
		} as RequestInit);
		expect(chunked.status).toBe(413);
		expect((await post("/slack/events", big, "application/x-www-form-urlencoded")).status).toBe(413);
		expect(probeCalls).toBe(0);
	});

	it.each([
		["/probe", "application/json", "{not json"],
		["/probe", "application/json", "[1,2]"],
		["/probe", "text/plain", "{}"],
		["/discord/interactions", "application/json", '{"type":1'],
		["/discord/interactions", "application/x-www-form-urlencoded", "type=1"],
		["/slack/events", "application/x-www-form-urlencoded", "command=%2Ffit&text=%E0%A4%A"],
		["/slack/events", "application/x-www-form-urlencoded", "payload=%7Bbroken"],
		["/slack/events", "application/x-www-form-urlencoded", "hello=world"],
		["/slack/events", "application/json", "nope"],
		["/slack/events", "application/xml", "<a/>"],
	])("%s with %s %j gets 400", async (path, type, body) => {
		const before = probeCalls;
		const res = await post(path, body, type);
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: string }).error).toMatch(/body|form|JSON|payload|command/);
		expect(probeCalls).toBe(before);
	});

	it("a well-formed body does reach the handler", async () => {
		expect((await post("/probe", "{}")).status).toBe(200);
		expect(probeCalls).toBe(1);
	});
});

/** Opens a raw connection, writes `text`, and resolves with the ms until the server closed it. */
function closedAfter(text: string, giveUpMs = 5000): Promise<number> {
	return new Promise((resolve, reject) => {
		const { port } = new URL(server.url);
		const started = Date.now();
		const socket = connect(Number(port), "127.0.0.1", () => {
			if (text) socket.write(text);
		});
		socket.on("data", () => {});
		socket.on("error", () => {});
		socket.on("close", () => resolve(Date.now() - started));
		setTimeout(() => {
			socket.destroy();
			reject(new Error("server kept the connection open"));
		}, giveUpMs);
	});
}

describe("slow and idle connections", () => {
	it("headers that never finish are cut", async () => {
		expect(await closedAfter("POST /probe HTTP/1.1\r\nHost: x\r\nX-Slow: ")).toBeLessThan(3000);
	});
	it("a body that never finishes is cut", async () => {
		expect(
			await closedAfter("POST /probe HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"),
		).toBeLessThan(3000);
	});
	it("an idle connection is cut", async () => {
		expect(await closedAfter("")).toBeLessThan(3000);
	});
	it("the server still answers afterwards", async () => {
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	});
});

describe("signatures", () => {
	const slash = () => slashBody({ command: "/fit", text: "deepseek-r1 on 16x H100", response_url: "http://127.0.0.1:9/r" });

	it("fuzzed Slack signatures and timestamps all get 401", async () => {
		const now = Math.floor(Date.now() / 1000);
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					fc.record({ sig: fc.string(), ts: fc.constant(String(now)) }),
					fc.record({ sig: hex(64).map((h) => `v0=${h}`), ts: fc.constant(String(now)) }),
					// the right signature for a stale (or future) timestamp
					fc.integer({ min: 301, max: 10 ** 6 }).map((d) => {
						const ts = now + (d % 2 === 0 ? -d : d);
						return { sig: slackSignature(SLACK_SECRET, ts, slash()), ts: String(ts) };
					}),
					fc.record({ sig: fc.constant(slackSignature(SLACK_SECRET, now, slash())), ts: fc.string() }),
				),
				async ({ sig, ts }) => {
					const headers: Record<string, string> = {};
					if (/^[\x20-\x7e]*$/.test(sig)) headers["x-slack-signature"] = sig;
					if (/^[\x20-\x7e]*$/.test(ts)) headers["x-slack-request-timestamp"] = ts;
					const res = await post("/slack/events", slash(), "application/x-www-form-urlencoded", headers);
					expect(res.status).toBe(401);
				},
			),
			{ numRuns: 40 },
		);
	});

	it("a Slack body changed after signing gets 401, the genuine one an answer", async () => {
		expect(
			(await postSigned(`${server.url}/slack/events`, SLACK_SECRET, slash(), { tamper: (b) => b.replace("16x", "32x") })).status,
		).toBe(401);
		expect((await postSigned(`${server.url}/slack/events`, SLACK_SECRET, slash())).status).toBe(200);
	});

	it("fuzzed Discord signatures, missing headers and replays with another body all get 401", async () => {
		const signed = signInteraction(keys, commandInteraction("fit", { model: "deepseek-r1", hardware: "16x H100" }));
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					fc.record({ signature: hex(128), timestamp: fc.constant(signed.timestamp), body: fc.constant(signed.body) }),
					fc.record({
						signature: fc.constant(signed.signature),
						timestamp: fc.integer().map(String),
						body: fc.constant(signed.body),
					}),
					fc.record({
						signature: fc.constant(signed.signature),
						timestamp: fc.constant(signed.timestamp),
						body: fc.constant(signed.body.replace("16x", "8x")),
					}),
					fc.record({
						signature: fc.constant(undefined),
						timestamp: fc.constant(signed.timestamp),
						body: fc.constant(signed.body),
					}),
					fc.record({
						signature: fc.constant(signed.signature),
						timestamp: fc.constant(undefined),
						body: fc.constant(signed.body),
					}),
				),
				async (req) => {
					if (req.timestamp === signed.timestamp && req.body === signed.body && req.signature === signed.signature) return;
					expect((await postInteraction(server.url, req)).status).toBe(401);
				},
			),
			{ numRuns: 40 },
		);
		expect((await postInteraction(server.url, signed)).status).toBe(200);
	});
});

describe("faults", () => {
	it("a handler that throws gets a polite 500 and the server keeps serving", async () => {
		const res = await post("/throws", "{}");
		expect(res.status).toBe(500);
		expect(await res.json()).toEqual({ ok: false, error: "internal error" });
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	});

	it("a command that fails on a corrupt catalog still answers politely on Slack and Discord", async () => {
		const catalog = store.current() as unknown as { index: unknown };
		const index = catalog.index;
		catalog.index = undefined;
		try {
			const slackAnswer = await postSigned(
				`${server.url}/slack/events`,
				SLACK_SECRET,
				slashBody({ command: "/fit", text: "r1 on 8x h200", response_url: "http://127.0.0.1:9/r" }),
			);
			expect(slackAnswer.status).toBe(200);
			expect(JSON.stringify(slackAnswer.json)).not.toMatch(/TypeError|at .*\.js/);
			expect(slackAnswer.json.response_type).toBe("ephemeral");
			const discord = await postInteraction(
				server.url,
				signInteraction(keys, commandInteraction("fit", { model: "r1", hardware: "8x h200" })),
			);
			expect(discord.status).toBe(200);
			expect(JSON.stringify(discord.json)).not.toMatch(/TypeError|at .*\.js/);
		} finally {
			catalog.index = index;
		}
		const again = await postSigned(
			`${server.url}/slack/events`,
			SLACK_SECRET,
			slashBody({ command: "/fit", text: "r1 on 8x h200", response_url: "http://127.0.0.1:9/r" }),
		);
		expect(JSON.stringify(again.json)).toMatch(/DeepSeek-R1/);
	});

	it("no token or signing secret ever appears in the logs", () => {
		const all = logLines.join("\n");
		expect(logLines.length).toBeGreaterThan(0);
		for (const secret of [SLACK_SECRET, SLACK_TOKEN, DISCORD_TOKEN]) expect(all).not.toContain(secret);
		expect(all).toContain("[redacted]"); // the thrower's message carried the secret, and it was scrubbed
	});
});
