// A harness and Redis servers a test starts, stopped after it whether it passed or not, so a failed assertion
// never leaves a server (or a stopped Redis) behind for the next test.
import { afterEach } from "vitest";
import { type RedisServer, startRedis } from "../support/price-post-redis.js";
import { type Harness, harness } from "./harness.js";

export interface StartedPerTest {
	harness: (extra?: Record<string, string>) => Promise<Harness>;
	redis: (port?: number) => Promise<RedisServer>;
}

/** Registers the cleanup (afterEach) and returns the starters whose results it stops. */
export function startedPerTest(): StartedPerTest {
	const harnesses: Harness[] = [];
	const redises: RedisServer[] = [];
	afterEach(async () => {
		for (const h of harnesses.splice(0)) await h.cleanup();
		for (const r of redises.splice(0)) await r.stop();
	});
	return {
		harness: async (extra) => {
			const h = await harness(extra);
			harnesses.push(h);
			return h;
		},
		redis: async (port) => {
			const r = await startRedis(port);
			redises.push(r);
			return r;
		},
	};
}
