// The token bucket that bounds charts a second: `rate` at once after a quiet spell, then one per 1/rate s.
import { expect, it } from "vitest";
import { tokenBucket } from "../../src/render/charts/token-bucket.js";

it("gives `rate` tokens at once, then refills rate per second, never above rate", () => {
	let now = 0;
	const take = tokenBucket(4, () => now);
	expect([take(), take(), take(), take(), take()]).toEqual([true, true, true, true, false]);
	// 4 a second: one token every 250 ms.
	now = 240;
	expect(take()).toBe(false);
	now = 260;
	expect(take()).toBe(true);
	expect(take()).toBe(false);
	// A long quiet spell fills it to 4, not more.
	now = 60_000;
	expect(Array.from({ length: 6 }, () => take())).toEqual([true, true, true, true, false, false]);
});

it("never runs dry with an infinite rate", () => {
	const take = tokenBucket(Number.POSITIVE_INFINITY);
	expect(Array.from({ length: 100 }, () => take()).every(Boolean)).toBe(true);
});
