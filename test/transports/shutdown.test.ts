// Graceful shutdown (issue 15, failure 5), on the program as it ships: `node bin/gpufit.js serve` and
// `npm start`, each its own process. SIGTERM arrives while requests are in flight: a signed Slack command whose
// body is still being uploaded, a "Run this" click whose response_url post meets a 429 with Retry-After, and a
// deferred Discord command whose edit meets a slow 500. The listener stops accepting at once, every one of
// them is answered (the retries included), the process exits 0 within SHUTDOWN_GRACE_MS, and under npm start
// no process of the tree is left behind (npm ran node through sh, which did not pass the signal on).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../catalog/temp-catalog.js";
import { type DiscordApiStandIn, startDiscordApi } from "../support/discord-api.js";
import { discordEnv } from "../support/discord-env.js";
import { commandInteraction, postInteraction, type SigningKeys, signInteraction, signingKeys } from "../support/discord-sign.js";
import { rateLimited, serverError } from "../support/faults.js";
import { FIXTURE_CATALOG_DIR } from "../support/fixture-catalog.js";
import { type SlackStandIn, startSlackStandIn } from "../support/slack-api.js";
import { cardText } from "../support/slack-blocks.js";
import { buttonBody, postSigned, slackSignature, slashBody } from "../support/slack-sign.js";
import { listening, type Spawned } from "../support/spawned-server.js";

const root = new URL("../..", import.meta.url).pathname;
const SECRET = "shutdown-signing-secret-0001";
const GRACE_MS = 8_000;

let slack: SlackStandIn;
let discord: DiscordApiStandIn;
let keys: SigningKeys;
const children: ChildProcess[] = [];

beforeAll(async () => {
	slack = await startSlackStandIn();
	discord = await startDiscordApi();
	keys = signingKeys();
});

afterAll(async () => {
	for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
	await slack.close();
	await discord.close();
});

/** Starts the server as `node bin/gpufit.js serve` or `npm start`; resolves once it logs where it listens. */
function serve(how: "node" | "npm"): Promise<Spawned> {
	const env = {
		PATH: process.env.PATH ?? "",
		HOME: process.env.HOME ?? root,
		PORT: "0",
		HOST: "127.0.0.1",
		CATALOG_DIR: FIXTURE_CATALOG_DIR,
		CATALOG_WATCH: "off",
		GPUFIT_RATE_LIMIT: "off",
		SHUTDOWN_GRACE_MS: String(GRACE_MS),
		SLACK_SIGNING_SECRET: SECRET,
		SLACK_BOT_TOKEN: "xoxb-shutdown-test",
		SLACK_API_URL: slack.apiUrl,
		...discordEnv(keys, discord.apiUrl, "discord-shutdown-test"),
		DISCORD_DEFER_AFTER_MS: "0",
	};
	const child =
		how === "node"
			? spawn(process.execPath, [join(root, "bin/gpufit.js"), "serve"], { env, stdio: ["ignore", "pipe", "pipe"] })
			: spawn("npm", ["start", "--silent"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
	children.push(child);
	return listening(child);
}

/** A signed slash command whose body arrives in two parts; `finish` sends the rest. */
function slowUpload(url: string, id: string) {
	const body = slashBody({ command: "/fit", text: "deepseek-r1 on 16x H100", response_url: slack.responseUrl(id) });
	const ts = Math.floor(Date.now() / 1000);
	let finish = () => {};
	const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
		const req = request(
			`${url}/slack/events`,
			{
				method: "POST",
				headers: {
					"content-type": "application/x-www-form-urlencoded",
					"content-length": Buffer.byteLength(body),
					"x-slack-request-timestamp": String(ts),
					"x-slack-signature": slackSignature(SECRET, ts, body),
				},
			},
			(res) => {
				let text = "";
				res.on("data", (c: Buffer) => {
					text += c.toString("utf8");
				});
				res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
			},
		);
		req.on("error", reject);
		const half = Math.floor(body.length / 2);
		req.write(body.slice(0, half));
		finish = () => req.end(body.slice(half));
	});
	return { answer, finish: () => finish() };
}

/** The pids of a process and all its descendants (Linux ps). */
function processTree(pid: number): number[] {
	const rows = execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" })
		.trim()
		.split("\n")
		.map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
	const tree = [pid];
	for (let i = 0; i < tree.length; i++) for (const [p, parent] of rows) if (parent === tree[i]) tree.push(p);
	return tree;
}

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

/**
 * A "Run this" click answered through response_url, whose first post Slack refuses with a 429 (Retry-After 1 s);
 * resolves, with the click's HTTP answer, once that first post was tried.
 */
async function rateLimitedClick(url: string, clickId: string) {
	slack.faultNext(clickId, rateLimited(1));
	const click = buttonBody({
		actionId: "gpufit_run_0",
		value: "fit llama-3.1-8b on 1x H100",
		responseUrl: slack.responseUrl(clickId),
		ephemeral: true,
	});
	const answer = await postSigned(`${url}/slack/events`, SECRET, click);
	await waitFor("the click's first response_url post", () => slack.attempts(clickId).length === 1, 10_000);
	return answer;
}

/** Puts three kinds of work in flight, sends SIGTERM, and checks that each is answered and the exit is clean. */
async function signalDuringWork(served: Spawned, tag: string) {
	const lines = () => served.log();
	// 1. A request still uploading its body.
	const upload = slowUpload(served.url, `${tag}-upload`);
	// 2. A click answered through response_url, whose first post is rate limited.
	const clickId = `${tag}-click`;
	expect((await rateLimitedClick(served.url, clickId)).status).toBe(200);
	// 3. A deferred Discord answer whose first edit gets a slow 500.
	discord.failNextEdits(serverError(500, 400));
	const payload = commandInteraction("fit", { model: "deepseek-r1", hardware: "16x H100" });
	expect((await postInteraction(served.url, signInteraction(keys, payload))).json).toEqual({ type: 5 });
	await waitFor("the first edit", () => discord.requests.some((q) => q.path.includes(payload.token)), 10_000);

	const signalledAt = Date.now();
	served.child.kill("SIGTERM");
	// The listener stops accepting at once.
	await waitFor("the shutdown line", () => lines().includes("shutting down"), 5_000);
	await expect(fetch(`${served.url}/healthz`)).rejects.toThrow();
	upload.finish();

	const uploaded = await upload.answer;
	expect(uploaded.status).toBe(200);
	expect(cardText(JSON.parse(uploaded.text))).toContain("DeepSeek-R1");
	const [card] = await slack.responses(clickId, 1, GRACE_MS);
	expect(cardText(card as never)).toContain("Llama");
	expect(slack.attempts(clickId).map((a) => a.answer)).toEqual(["429", "ok"]);
	const edit = await discord.waitFor((q) => q.path.includes(payload.token) && q.answer === "ok", GRACE_MS);
	expect(edit.method).toBe("PATCH");

	const exit = await served.exited;
	expect(exit).toMatchObject({ code: 0, signal: null });
	expect(exit.at - signalledAt).toBeLessThan(GRACE_MS);
	expect(lines()).toContain("stopped; everything in flight finished");
}

describe("SIGTERM with requests and follow-ups in flight", () => {
	it("node bin/gpufit.js serve: stops accepting, answers all of them, exits 0", async () => {
		await signalDuringWork(await serve("node"), "node");
	});

	it.runIf(process.platform === "linux")("npm start: the same, and no process of the tree is left", async () => {
		const served = await serve("npm");
		const tree = processTree(served.child.pid as number);
		// npm and the server (directly, or through a shell): the server must be among them.
		expect(tree.length).toBeGreaterThanOrEqual(2);
		await signalDuringWork(served, "npm");
		await waitFor(`every process of the tree gone (${tree.join(", ")})`, () => tree.every((pid) => !alive(pid)), 3_000);
	});

	it("a second signal during the shutdown does not cut it short (Ctrl-C under npm start reaches node twice)", async () => {
		const served = await serve("node");
		const clickId = "twice-click";
		await rateLimitedClick(served.url, clickId);
		served.child.kill("SIGINT");
		await waitFor("the shutdown line", () => served.log().includes("shutting down"), 5_000);
		served.child.kill("SIGINT");
		await slack.responses(clickId, 1, GRACE_MS);
		expect(await served.exited).toMatchObject({ code: 0, signal: null });
	});
});
