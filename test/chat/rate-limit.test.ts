// The platform-neutral limiter: per platform and user, per sliding minute, on a clock the test turns.
import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/chat/rate-limit.js";

function clock(start = 1_000_000) {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("RateLimiter", () => {
	it("lets N a minute through, refuses the next with the seconds until a slot frees", () => {
		const c = clock();
		const limiter = new RateLimiter(3, c.now);
		for (let i = 0; i < 3; i++) {
			expect(limiter.take("slack", "U1")).toEqual({ allowed: true });
			c.advance(10_000);
		}
		// First request at t0, now t0 + 30 s: the first slot frees at t0 + 60 s.
		expect(limiter.take("slack", "U1")).toEqual({ allowed: false, perMinute: 3, retryAfterS: 30 });
		c.advance(30_000);
		expect(limiter.take("slack", "U1")).toEqual({ allowed: true });
	});

	it("does not count refused requests, so hammering does not extend the wait", () => {
		const c = clock();
		const limiter = new RateLimiter(1, c.now);
		limiter.take("slack", "U1");
		for (let i = 0; i < 50; i++) limiter.take("slack", "U1");
		c.advance(60_001);
		expect(limiter.take("slack", "U1").allowed).toBe(true);
	});

	it("keeps users and platforms apart", () => {
		const limiter = new RateLimiter(1, clock().now);
		expect(limiter.take("slack", "U1").allowed).toBe(true);
		expect(limiter.take("slack", "U1").allowed).toBe(false);
		expect(limiter.take("slack", "U2").allowed).toBe(true);
		expect(limiter.take("discord", "U1").allowed).toBe(true);
	});

	it("has no limit when off", () => {
		const limiter = new RateLimiter(null, clock().now);
		for (let i = 0; i < 1000; i++) expect(limiter.take("slack", "U1").allowed).toBe(true);
	});

	it("forgets idle users", () => {
		const c = clock();
		const limiter = new RateLimiter(1, c.now);
		for (let i = 0; i < 3000; i++) limiter.take("slack", `U${i}`);
		c.advance(61_000);
		for (let i = 0; i < 1000; i++) limiter.take("slack", "U-late");
		// Every early user may ask again, and the sweep did not break anyone's count.
		expect(limiter.take("slack", "U0").allowed).toBe(true);
		expect(limiter.take("slack", "U-late").allowed).toBe(false);
	});
});
