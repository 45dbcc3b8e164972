// The catalog edits the price-post tests make, and what the post must then say, worked out here.
import type { Price } from "../../src/catalog/types.js";
import { cheapestOnDemandEntry, type LocatedPrice, priceEntries, type TempCatalog } from "../catalog/temp-catalog.js";

export interface Edits {
	/** The cheapest on-demand H200, 20% cheaper: in the post, and in the headline fit's cost. */
	cut: { entry: LocatedPrice; oldUsd: number; newUsd: number; pct: number };
	/** The cheapest on-demand B200, 1% dearer: under the threshold, left out. */
	nudge: { entry: LocatedPrice; oldUsd: number; newUsd: number };
	added: Price;
	withdrawn: LocatedPrice;
}

const round = (v: number, digits: number) => Number(v.toFixed(digits));

export function makeEdits(t: TempCatalog): Edits {
	const cutEntry = cheapestOnDemandEntry(t, "h200-sxm");
	const cutNew = round(cutEntry.entry.usd * 0.8, 2);
	const nudgeEntry = cheapestOnDemandEntry(t, "b200");
	const nudgeNew = round(nudgeEntry.entry.usd * 1.01, 4);
	// A spot offer that no other entry shares gpu, provider and region with: removing it withdraws it.
	const all = priceEntries(t);
	const sameOffer = (a: Price, b: Price) =>
		a.gpu === b.gpu && a.provider === b.provider && a.kind === b.kind && (a.region ?? "global") === (b.region ?? "global");
	const withdrawn = all.find(
		(p) => p.entry.kind === "spot" && p.entry.gpu !== "h200-sxm" && all.filter((q) => sameOffer(q.entry, p.entry)).length === 1,
	);
	if (!withdrawn) throw new Error("no unique spot offer to withdraw in the catalog");
	const added: Price = {
		gpu: "h100-sxm",
		provider: "testcloud",
		kind: "on-demand",
		usd: 9.87,
		region: "test-1",
		source: "price-post test fixture",
		asOf: "2026-01-01",
	};
	const edits: Edits = {
		cut: {
			entry: cutEntry,
			oldUsd: cutEntry.entry.usd,
			newUsd: cutNew,
			pct: ((cutNew - cutEntry.entry.usd) / cutEntry.entry.usd) * 100,
		},
		nudge: { entry: nudgeEntry, oldUsd: nudgeEntry.entry.usd, newUsd: nudgeNew },
		added,
		withdrawn,
	};
	const byFile = new Map<string, ((entries: Price[]) => void)[]>();
	const at = (file: string, edit: (entries: Price[]) => void) => byFile.set(file, [...(byFile.get(file) ?? []), edit]);
	at(cutEntry.file, (e) => {
		e[cutEntry.index]!.usd = cutNew;
	});
	at(nudgeEntry.file, (e) => {
		e[nudgeEntry.index]!.usd = nudgeNew;
	});
	at(withdrawn.file, (e) => {
		e[withdrawn.index] = null as unknown as Price; // removed after the other edits, so indexes hold
	});
	at("cloud-lambda.yaml", (e) => {
		e.push(added);
	});
	for (const [file, changes] of byFile) {
		t.editPrices(file, (entries) => {
			for (const change of changes) change(entries);
			const kept = entries.filter((e) => e !== null);
			entries.splice(0, entries.length, ...kept);
		});
	}
	return edits;
}

export const money = (usd: number) => `$${usd.toFixed(2)}/h`;
export const cents = (usd: number) => Math.round(usd * 100) / 100;
