// Two server processes (`node bin/gpufit.js serve`, as shipped) on one redis-server, both on a per-second price
// schedule, the change posted to the Slack and Discord stand-ins (issue 15, failures 1 and 5). Slack takes the
// post at once but answers late: the replica sending it is killed with SIGKILL in the middle of the send (the
// post is out, its record says "in doubt"); the other replica takes the delivery over, finds the message by its
// metadata and does not post it again. Then SIGTERM in the middle of a send: the send finishes, the claims are
// given up, the process exits 0, and the other replica sends what was left. One post per channel each time.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../catalog/temp-catalog.js";
import type { Recorded } from "../support/price-post-http.js";
import { type RedisServer, redisServerMissing, startRedis } from "../support/price-post-redis.js";
import { makeEdits } from "./edits.js";
import { type Harness, harness } from "./harness.js";

if (redisServerMissing) console.warn(`test/schedule/replicas-kill.test.ts: ${redisServerMissing}`);

const BIN = new URL("../../bin/gpufit.js", import.meta.url).pathname;
const slackPost = (r: Recorded) => r.path === "/api/chat.postMessage";

interface Replica {
	child: ChildProcess;
	log: () => string;
	exited: Promise<number | null>;
}

let redis: RedisServer;
let h: Harness | null = null;
const children: ChildProcess[] = [];

beforeAll(async () => {
	if (!redisServerMissing) redis = await startRedis();
});
afterAll(async () => {
	await redis?.stop();
});
afterEach(async () => {
	for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
	await h?.cleanup();
	h = null;
});

function serve(h: Harness, name: string): Promise<Replica> {
	const env = {
		...h.env,
		PATH: process.env.PATH ?? "",
		HOME: process.env.HOME ?? "/tmp",
		PORT: "0",
		HOST: "127.0.0.1",
		REDIS_URL: redis.url,
		GPUFIT_STATE_DIR: join(h.t.root, `state-${name}`),
		PRICE_POST_CRON: "* * * * * *",
		PRICE_POST_TIMEOUT_MS: "5000",
		SHUTDOWN_GRACE_MS: "8000",
	};
	const child = spawn(process.execPath, [BIN, "serve"], { env, stdio: ["ignore", "pipe", "pipe"] });
	children.push(child);
	let output = "";
	const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${name} did not listen within 20 s:\n${output}`)), 20_000);
		const read = (chunk: Buffer) => {
			output += chunk.toString("utf8");
			if (output.includes('"msg":"listening"')) {
				clearTimeout(timer);
				resolve({ child, log: () => output, exited });
			}
		};
		child.stdout?.on("data", read);
		child.stderr?.on("data", read);
		void exited.then((code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
	});
}

const adminClient = (url: string) => createClient({ url });
type Admin = ReturnType<typeof adminClient>;

/** The pid holding the claim on a delivery (claims hold "host:pid"). */
async function sender(admin: Admin): Promise<number | null> {
	const keys = await admin.keys("gpufit:claim:delivery:*");
	for (const k of keys) {
		const owner = await admin.get(k);
		if (owner) return Number(owner.slice(owner.lastIndexOf(":") + 1));
	}
	return null;
}

/**
 * Two replicas from an empty Redis, a baseline, then the change: Slack takes the post and answers after `slowMs`.
 * Resolves while that answer is held back, with the replica sending it and the other one.
 */
async function midSend(h: Harness, admin: Admin, slowMs: number): Promise<{ sending: Replica; other: Replica }> {
	await admin.flushAll();
	const replicas = [await serve(h, "a"), await serve(h, "b")];
	await waitFor("a baseline", async () => (await admin.exists("gpufit:prices:snapshot")) === 1, 10_000);
	h.slack.failNextWhen(slackPost, { slowMs });
	makeEdits(h.t);
	await waitFor("the Slack post made, its answer held back", () => h.slack.messages.length === 1, 10_000);
	const pid = await waitFor("the sender's claim", () => sender(admin), 2000);
	const sending = replicas.find((r) => r.child.pid === pid)!;
	return { sending, other: replicas.find((r) => r !== sending)! };
}

/** Runs `test` with a connected admin client, closed after. */
async function withAdmin(test: (admin: Admin) => Promise<void>): Promise<void> {
	const admin = adminClient(redis.url);
	await admin.connect();
	try {
		await test(admin);
	} finally {
		await admin.close();
	}
}

describe.skipIf(redisServerMissing !== null)("two replicas on one Redis, killed or stopped mid-send", () => {
	it("SIGKILL during the Slack send: the survivor finds the post and does not send it again", async () => {
		h = await harness();
		await withAdmin(async (admin) => {
			const { sending: victim, other: survivor } = await midSend(h!, admin, 30_000);
			victim.child.kill("SIGKILL");
			await victim.exited;
			await waitFor("the Discord post", () => h!.discord.messages.length === 1, 10_000);
			await waitFor(
				"the survivor finding the Slack post",
				() => survivor.log().includes("price post had gone out already"),
				10_000,
			);
			await new Promise((r) => setTimeout(r, 1500)); // more slots on the survivor
			expect(h!.slack.messages).toHaveLength(1);
			expect(h!.discord.messages).toHaveLength(1);
			expect(await admin.sCard("gpufit:deliveries:pending")).toBe(0);
		});
	}, 60_000);

	it("SIGTERM during the Slack send: it finishes, gives its claims up, exits 0; the other sends the rest", async () => {
		h = await harness();
		await withAdmin(async (admin) => {
			const { sending: stopping } = await midSend(h!, admin, 2000);
			stopping.child.kill("SIGTERM");
			expect(await stopping.exited).toBe(0);
			// Its claims were given up on the way out, not left to expire.
			const owner = `:${stopping.child.pid}`;
			const held = [];
			for (const k of await admin.keys("gpufit:claim:*")) if ((await admin.get(k))?.endsWith(owner)) held.push(k);
			// (Claims on finished slots stay: they keep another replica from running the same time again.)
			expect(held.filter((k) => !k.startsWith("gpufit:claim:price-post@"))).toEqual([]);
			await waitFor("the Discord post", () => h!.discord.messages.length === 1, 10_000);
			await waitFor("nothing pending", async () => (await admin.sCard("gpufit:deliveries:pending")) === 0, 10_000);
			expect(h!.slack.messages).toHaveLength(1);
			expect(h!.discord.messages).toHaveLength(1);
		});
	}, 60_000);
});
