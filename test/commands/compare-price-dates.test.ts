// /compare dates each setup's prices in its own column (rent and buy), in the text, Block Kit and Discord
// renderings, and its footer's "prices as of" spans the dates of the prices on the card, not the catalog's newest.
// The fixture catalog's H100 and H200 prices are redated here so that the two setups are priced on known, different
// days.
import { describe, expect, it } from "vitest";
import { runCompare } from "../../commands/compare.js";
import type { Catalog } from "../../src/catalog/types.js";
import { renderBlockKit } from "../../src/render/blockkit.js";
import { embedOf } from "../../src/render/embed.js";
import { renderText } from "../../src/render/text.js";
import { fixtureCatalog } from "../support/fixture-catalog.js";

const H200_DATE = "2026-03-01";
const H100_DATE = "2027-01-05";
/** Newer than either: a footer that said the catalog's newest date would say this. */
const NEWEST = "2027-02-01";

const base = fixtureCatalog();
/** Rentals, cards and whole servers (the buy price of a setup of full servers is the system's) alike. */
const redate = <T extends { gpu: string; asOf: string }>(x: T): T =>
	x.gpu === "h200-sxm" ? { ...x, asOf: H200_DATE } : x.gpu === "h100-sxm" ? { ...x, asOf: H100_DATE } : x;
const catalog: Catalog = { ...base, pricesAsOf: NEWEST, prices: base.prices.map(redate), systems: base.systems.map(redate) };

describe("/compare: every setup's prices carry their own date", () => {
	const result = runCompare(catalog, "deepseek-r1 on 8x H200 vs 16x H100 ctx 32k");
	const reply = result.reply;
	const row = (label: string) => reply.table?.rows.find((r) => r[0] === label) ?? [];

	it("the rent and buy cells of each column say the date of that setup's price", () => {
		expect(result.exitCode).toBe(0);
		expect(reply.table?.columns.slice(1)).toEqual([expect.stringMatching(/H200/), expect.stringMatching(/H100/)]);
		for (const label of ["rent", "buy"]) {
			const [, h200, h100] = row(label);
			expect(h200).toMatch(new RegExp(`^\\$[\\d,.]+(/h)? \\(${H200_DATE}\\)$`));
			expect(h100).toMatch(new RegExp(`^\\$[\\d,.]+(/h)? \\(${H100_DATE}\\)$`));
		}
	});

	it("the footer's prices are those on the card: from the older setup's date to the newer's", () => {
		expect(reply.footer).toContain(`prices as of ${H200_DATE} to ${H100_DATE}`);
		expect(reply.footer).not.toContain(NEWEST);
	});

	it("one setup alone priced: the footer names its date only", () => {
		// 16x H100 against a setup with no price at all in the catalog.
		const unpriced = {
			...catalog,
			prices: catalog.prices.filter((p) => p.gpu !== "h200-sxm"),
			systems: catalog.systems.filter((s) => s.gpu !== "h200-sxm"),
		};
		const r = runCompare(unpriced, "deepseek-r1 on 8x H200 vs 16x H100 ctx 32k").reply;
		for (const label of ["rent", "buy"]) expect(r.table?.rows.find((x) => x[0] === label)?.[1]).toBe("-");
		expect(r.footer).toContain(`prices as of ${H100_DATE} ·`);
	});

	it("text: the rent line shows each date under its setup, in column order", () => {
		const text = renderText(reply);
		const rent = text.split("\n").find((l) => l.startsWith("rent")) ?? "";
		expect(rent.indexOf(H200_DATE)).toBeGreaterThan(0);
		expect(rent.indexOf(H100_DATE)).toBeGreaterThan(rent.indexOf(H200_DATE));
		expect(text).toContain(`prices as of ${H200_DATE} to ${H100_DATE}`);
	});

	it("Block Kit and the Discord embed show both dates and the footer's span", () => {
		const slack = JSON.stringify(renderBlockKit(reply, { locale: "en" }));
		const discord = JSON.stringify(embedOf(reply, "en"));
		for (const card of [slack, discord]) {
			expect(card).toContain(`(${H200_DATE})`);
			expect(card).toContain(`(${H100_DATE})`);
			expect(card).toContain(`prices as of ${H200_DATE} to ${H100_DATE}`);
		}
	});
});
