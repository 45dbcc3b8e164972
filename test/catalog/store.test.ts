// CatalogStore: a reload swaps in a new version, keeps the same object for the same files, and
// refuses each kind of broken edit with its file, entry and field while the last good one serves.
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { openCatalogStore } from "../../src/catalog/open.js";
import type { ReloadOutcome } from "../../src/catalog/store.js";
import type { Gpu } from "../../src/catalog/types.js";
import { type TempCatalog, tempCatalog } from "./temp-catalog.js";

let t: TempCatalog;
afterEach(() => t?.cleanup());

describe("CatalogStore", () => {
	it("swaps in an edited catalog, and keeps the same object when nothing changed", async () => {
		t = tempCatalog();
		const store = openCatalogStore(t.dir);
		const first = store.current();
		const same = await store.reload();
		expect(same).toMatchObject({ ok: true, changed: false });
		expect(store.current()).toBe(first);

		t.editPrices("cloud-aws.yaml", (entries) => {
			const e = entries[0]!;
			e.usd = Math.round((e.usd + 1) * 100) / 100;
		});
		const seen: ReloadOutcome[] = [];
		store.onReload((o) => seen.push(o));
		const next = await store.reload();
		expect(next).toMatchObject({ ok: true, changed: true, previousVersion: first.version });
		expect(store.current().version).not.toBe(first.version);
		expect(seen).toHaveLength(1);
		expect(store.reloadError()).toBeNull();
	});

	const refused: [string, (t: TempCatalog) => void, { file: string; entry?: string; field: string; message?: RegExp }][] = [
		[
			"bad YAML",
			(t) => t.write("prices/cloud-aws.yaml", `${t.read("prices/cloud-aws.yaml")}\n- gpu: [unclosed\n`),
			{ file: "prices/cloud-aws.yaml", field: "-", message: /bad YAML/ },
		],
		[
			"a failing schema (negative price)",
			(t) =>
				t.editPrices("cloud-aws.yaml", (entries) => {
					entries[0]!.usd = -1;
				}),
			{ file: "prices/cloud-aws.yaml", field: "usd" },
		],
		[
			"a price without a source",
			(t) =>
				t.editPrices("cloud-lambda.yaml", (entries) => {
					delete (entries[0] as Partial<(typeof entries)[0]>).source;
				}),
			{ file: "prices/cloud-lambda.yaml", field: "source" },
		],
		[
			"a duplicate alias",
			(t) => {
				const gpus = parse(t.read("gpus/nvidia-datacenter.yaml")) as Gpu[];
				gpus.find((g) => g.id === "h200-sxm")!.aliases.push("H100");
				t.write("gpus/nvidia-datacenter.yaml", stringify(gpus));
			},
			{ file: "gpus/nvidia-datacenter.yaml", entry: "h200-sxm", field: "aliases.", message: /already used by h100-sxm/ },
		],
	];

	it.each(refused)("refuses %s: keeps the last good catalog and names file, entry and field", async (_, breakIt, expected) => {
		t = tempCatalog();
		const store = openCatalogStore(t.dir);
		const good = store.current();
		breakIt(t);
		const outcome = await store.reload();
		expect(outcome.ok).toBe(false);
		expect(store.current()).toBe(good);
		const error = store.reloadError();
		expect(error).not.toBeNull();
		expect(error!.file).toBe(expected.file);
		expect(error!.field.startsWith(expected.field)).toBe(true);
		if (expected.entry) expect(error!.entry).toBe(expected.entry);
		if (expected.message) expect(error!.message).toMatch(expected.message);
		expect(error!.entry.length).toBeGreaterThan(0);
	});
});
