// Issue 12: every datacenter GPU that is rented has a dated rental price. MI355X and H200 NVL were the last
// without one; their rows (catalog/prices/rental-2026.yaml) are the providers' list prices as the cited notes
// read them, and a fit card quotes the cheapest on-demand one with its own date.
import { describe, expect, it } from "vitest";
import { fitJson, repoCatalog } from "../support/catalog.js";

const rentals = (gpu: string) => repoCatalog().prices.filter((p) => p.gpu === gpu && p.kind !== "purchase");

describe("MI355X and H200 NVL rent at dated, sourced prices", () => {
	it("each row has its provider, its date and its source", () => {
		for (const gpu of ["mi355x", "h200-nvl"]) {
			const rows = rentals(gpu);
			expect(rows.length, gpu).toBeGreaterThan(0);
			for (const r of rows) {
				expect(r.asOf, `${gpu} ${r.provider}`).toMatch(/^2026-\d\d-\d\d$/);
				expect(r.source.length, `${gpu} ${r.provider}`).toBeGreaterThan(20);
			}
		}
	});

	it("a card quotes the cheapest on-demand price per GPU-hour, times the GPUs, with its date", () => {
		// Vultr: 20.72 USD for an 8x MI355X VM = 2.59 per GPU-hour (DigitalOcean's 2.97 is spot, not on-demand).
		const mi = fitJson("deepseek-v3 on 8x mi355x");
		expect(mi.cost.hourlyUsd).toBeCloseTo(8 * 2.59, 2);
		expect(mi.cost.hourlyAsOf).toBe("2026-09-26");
		// Massed Compute: 2.83 per H200 NVL GPU-hour (RunPod Secure lists 3.79).
		const nvl = fitJson("llama-3.3-70b on 1x h200-nvl");
		expect(nvl.cost.hourlyUsd).toBeCloseTo(2.83, 2);
		expect(nvl.cost.hourlyAsOf).toBe("2026-05-25");
	});
});
