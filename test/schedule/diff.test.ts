// What counts as a price change: moves under the threshold are left out but stay in the baseline,
// so small steps in one direction are posted once they add up; new and withdrawn offers always count.
import { describe, expect, it } from "vitest";
import {
	advanceBaseline,
	diffPrices,
	isEmptyDiff,
	type Offer,
	offerKey,
	type PriceSnapshot,
} from "../../src/catalog/price-snapshot.js";

const offer = (gpu: string, provider: string, usd: number): Offer => ({
	gpu,
	provider,
	kind: "on-demand",
	region: "us-east-1",
	instance: "",
	usd,
});
const snapshot = (at: string, ...offers: Offer[]): PriceSnapshot => ({
	takenAt: at,
	catalogVersion: at,
	offers: Object.fromEntries(offers.map((o) => [offerKey(o), o])),
});
const threshold = { minPct: 2, minUsd: 0.05 };

describe("price diff", () => {
	it("needs both the percentage and the dollar amount", () => {
		const before = snapshot("t0", offer("h100-sxm", "a", 2.0), offer("l4", "b", 0.5), offer("b200", "c", 6.0));
		// +2.5% but $0.05 → posted; +8% but $0.04 → left out; +0.8% and $0.05 → left out.
		const after = snapshot("t1", offer("h100-sxm", "a", 2.05), offer("l4", "b", 0.54), offer("b200", "c", 6.05));
		const diff = diffPrices(before, after, threshold);
		expect(diff.changed.map((c) => [c.after.gpu, c.before.usd, c.after.usd])).toEqual([["h100-sxm", 2.0, 2.05]]);
		expect(diff.changed[0]!.pct).toBeCloseTo(((2.05 - 2.0) / 2.0) * 100, 9);
		expect(diff.ignored.map((c) => c.after.gpu).sort()).toEqual(["b200", "l4"]);
	});

	it("lists new and withdrawn offers whatever their price", () => {
		const before = snapshot("t0", offer("h100-sxm", "a", 2.0), offer("h200-sxm", "b", 3.0));
		const after = snapshot("t1", offer("h100-sxm", "a", 2.0), offer("b200", "c", 5.0));
		const diff = diffPrices(before, after, threshold);
		expect(diff.added.map((o) => o.gpu)).toEqual(["b200"]);
		expect(diff.withdrawn.map((o) => o.gpu)).toEqual(["h200-sxm"]);
		expect(diff.changed).toEqual([]);
	});

	it("keeps small moves in the baseline until they add up", () => {
		let baseline = snapshot("t0", offer("h100-sxm", "a", 2.0));
		const steps = [2.02, 2.04, 2.06];
		const posted: number[] = [];
		for (const [i, usd] of steps.entries()) {
			const now = snapshot(`t${i + 1}`, offer("h100-sxm", "a", usd));
			const diff = diffPrices(baseline, now, threshold);
			if (isEmptyDiff(diff)) continue;
			posted.push(usd);
			baseline = advanceBaseline(baseline, now, diff);
		}
		// 2.02 (+1%) and 2.04 (+2%, $0.04) are left out; 2.06 (+3%, $0.06) is posted.
		expect(posted).toEqual([2.06]);
		expect(Object.values(baseline.offers)[0]!.usd).toBe(2.06);
	});
});
