// Each run is named by its own scheduled time (issue 15, failure 3): croner's date of the run, taken to the
// pattern's latest match at or before it. A timer that fires on the exact second used to take the slot before
// (previousRuns excludes its reference): with one replica that run found its name claimed and was skipped as
// "claimed by another replica". A per-second schedule must name every second once and never find its own slot claimed.
import { monitorEventLoopDelay } from "node:perf_hooks";
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

	it("a per-second schedule with one replica names each second once and never finds its own slot claimed (6 s)", async () => {
		// The old naming (previousRuns(1, new Date()) in the callback) found its own slot claimed within these 6.5 s in
		// 9 runs of 9, on an idle and on a loaded machine: a fire in the same millisecond as its second is common.
		const loop = monitorEventLoopDelay({ resolution: 20 });
		loop.enable();
		h = await harness({ PRICE_POST_CRON: "* * * * * *" });
		const server = await h.start();
		await new Promise((r) => setTimeout(r, 6_500));
		await server.close();
		loop.disable();
		const fired = h.logs
			.map((l) => JSON.parse(l) as { msg: string; scheduledAt?: string; status?: string })
			.filter((l) => l.msg === "price post run" || l.msg.startsWith("price post slot skipped"));
		const runs = fired.filter((r) => r.msg === "price post run");
		// A slot comes while a slow run (a loaded machine) still works: skipped, and says so. Never for another reason.
		expect(fired.filter((r) => r.msg !== "price post run").map((r) => r.msg)).toEqual(
			fired.filter((r) => r.msg !== "price post run").map(() => "price post slot skipped: the previous run is still working"),
		);
		expect(runs.filter((r) => r.status === "claimed-elsewhere")).toEqual([]);
		expect(runs.length).toBeGreaterThanOrEqual(2);
		expect(runs.map((r) => r.status)).toEqual(["baseline", ...runs.slice(1).map(() => "no-change")]);
		// Each fire, run or skipped, names its own whole second: none twice (the old naming repeated the one before).
		const seconds = fired.map((r) => Date.parse(r.scheduledAt!) / 1000);
		expect(seconds.every(Number.isInteger)).toBe(true);
		const steps = seconds.slice(1).map((s, i) => s - seconds[i]!);
		expect(steps.every((d) => d >= 1)).toBe(true);
		// One after another, none missing, unless the event loop stood still past a slot (croner then fires once, late).
		if (loop.max < 900e6) {
			expect(steps).toEqual(steps.map(() => 1));
			expect(seconds.length).toBeGreaterThanOrEqual(5);
		}
	}, 30_000);
});
