// Each run is named by its own scheduled time (issue 15, failure 3): croner's date of the run, taken to the
// pattern's latest match at or before it. A timer that fires on the exact second used to take the slot before
// (previousRuns excludes its reference): with one replica that run found its name claimed and was skipped as
// "claimed by another replica". A per-second schedule run for 15 s must name every second once and skip none.
import { Cron } from "croner";
import { afterEach, describe, expect, it } from "vitest";
import { scheduledSlot } from "../../src/schedule/price-schedule.js";
import { type Harness, harness } from "./harness.js";

let h: Harness | null = null;
afterEach(async () => {
	await h?.cleanup();
	h = null;
});

const iso = (d: Date) => d.toISOString();

describe("the slot a run is named by", () => {
	it("is the match at or before the moment croner fired, on the exact second too", () => {
		const everySecond = new Cron("* * * * * *", { paused: true });
		const hourly = new Cron("0 * * * *", { paused: true, timezone: "UTC" });
		// India is 5 h 30 min ahead of UTC: 09:00 there is 03:30Z.
		const nineInIndia = new Cron("0 9 * * *", { paused: true, timezone: "Asia/Kolkata" });
		expect(iso(scheduledSlot(everySecond, new Date("2026-01-05T09:00:00.000Z")))).toBe("2026-01-05T09:00:00.000Z");
		expect(iso(scheduledSlot(everySecond, new Date("2026-01-05T09:00:00.999Z")))).toBe("2026-01-05T09:00:00.000Z");
		expect(iso(scheduledSlot(hourly, new Date("2026-01-05T10:00:00.000Z")))).toBe("2026-01-05T10:00:00.000Z");
		expect(iso(scheduledSlot(hourly, new Date("2026-01-05T10:00:00.350Z")))).toBe("2026-01-05T10:00:00.000Z");
		expect(iso(scheduledSlot(nineInIndia, new Date("2026-01-05T03:30:00.000Z")))).toBe("2026-01-05T03:30:00.000Z");
		// What the old naming did on the exact second: the slot before.
		expect(iso(hourly.previousRuns(1, new Date("2026-01-05T10:00:00.000Z"))[0]!)).toBe("2026-01-05T09:00:00.000Z");
	});

	it("a per-second schedule with one replica runs every second once and skips none (15 s)", async () => {
		h = await harness({ PRICE_POST_CRON: "* * * * * *" });
		const server = await h.start();
		await new Promise((r) => setTimeout(r, 15_500));
		await server.close();
		const runs = h.logs
			.map((l) => JSON.parse(l) as { msg: string; scheduledAt?: string; status?: string })
			.filter((l) => l.msg === "price post run" || l.msg.startsWith("price post slot skipped"));
		expect(runs.filter((r) => r.msg !== "price post run")).toEqual([]);
		expect(runs.filter((r) => r.status === "claimed-elsewhere")).toEqual([]);
		const seconds = runs.map((r) => Date.parse(r.scheduledAt!) / 1000);
		expect(seconds.length).toBeGreaterThanOrEqual(14);
		// Whole seconds, one after another: 1 s apart, none twice, none missing.
		expect(seconds.every(Number.isInteger)).toBe(true);
		expect(seconds.slice(1).map((s, i) => s - seconds[i]!)).toEqual(seconds.slice(1).map(() => 1));
		expect(runs.map((r) => r.status)).toEqual(["baseline", ...seconds.slice(1).map(() => "no-change")]);
	}, 30_000);
});
