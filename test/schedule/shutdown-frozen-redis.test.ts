// A shutdown is bounded even when a price post run is stuck on a Redis that stopped answering (SIGSTOP): the
// program as it ships (node bin/gpufit.js serve; `npm run build` first) with SHUTDOWN_GRACE_MS=0 gets SIGTERM while
// a run waits on the frozen Redis, cuts the store's connection after the scheduler's short bound, logs what it could
// not release, and exits 0.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../catalog/temp-catalog.js";
import { type RedisServer, redisServerMissing, startRedis } from "../support/price-post-redis.js";
import { listening } from "../support/spawned-server.js";
import { type Harness, harness } from "./harness.js";

const root = new URL("../..", import.meta.url).pathname;

/** Without grace the scheduled work still gets 1 s (server.ts); the rest covers the 0.5 s exit timer and a loaded machine. */
const BOUND_MS = 1000;
const MARGIN_MS = 2500;

let h: Harness | null = null;
let redis: RedisServer | null = null;
let child: ChildProcess | null = null;
afterEach(async () => {
	if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
	child = null;
	redis?.resume();
	await redis?.stop();
	redis = null;
	await h?.cleanup();
	h = null;
});

describe.skipIf(redisServerMissing !== null)("a shutdown with a run stuck on a frozen Redis", () => {
	it("SIGTERM with SHUTDOWN_GRACE_MS=0: exits 0 within the bound, logging what it could not release", async () => {
		redis = await startRedis();
		h = await harness();
		const env = {
			PATH: process.env.PATH ?? "",
			HOME: process.env.HOME ?? root,
			...h.env,
			PORT: "0",
			HOST: "127.0.0.1",
			REDIS_URL: redis.url,
			PRICE_POST_CRON: "* * * * * *",
			// The watchdog never steps in: the run is still in flight when the signal comes.
			PRICE_POST_WATCHDOG_MS: "600000",
			SHUTDOWN_GRACE_MS: "0",
		};
		child = spawn(process.execPath, [join(root, "bin/gpufit.js"), "serve"], { env, stdio: ["ignore", "pipe", "pipe"] });
		const served = await listening(child);
		await waitFor("a baseline from the schedule", () => served.log().includes("baseline recorded"), 15_000);
		redis.pause();
		// A run is stuck on the frozen Redis once a later slot finds it still working.
		const before = served.log().length;
		await waitFor(
			"a slot skipped for the stuck run",
			() => served.log().slice(before).includes("the previous run is still working"),
			10_000,
		);
		const signalled = Date.now();
		child.kill("SIGTERM");
		const exit = await Promise.race([served.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000))]);
		expect(exit, `still running 20 s after SIGTERM:\n${served.log()}`).not.toBeNull();
		expect(exit?.code).toBe(0);
		expect(exit!.at - signalled).toBeLessThanOrEqual(BOUND_MS + MARGIN_MS);
		const lines = served
			.log()
			.split("\n")
			.filter((l) => l.startsWith("{"))
			.map((l) => JSON.parse(l) as { msg: string; store?: string; unreleased?: string });
		const cut = lines.find((l) => l.msg.startsWith("background cut"));
		expect(cut?.store).toBe("redis");
		expect(cut?.unreleased).toMatch(/leases and claims/);
	}, 60_000);
});
