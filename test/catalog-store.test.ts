// The catalog store started as a server starts it, from the validated snapshot: it answers at once, and a
// reload asked for before the validation was loaded loads it instead of failing.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CatalogStore } from "../src/catalog/store.js";
import { FIXTURE_CATALOG_DIR } from "./support/fixture-catalog.js";

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("CatalogStore.fromSnapshot", () => {
	it("reloads before anything loaded its validation, and picks up an edit", async () => {
		root = mkdtempSync(join(tmpdir(), "gpufit-store-"));
		const dir = join(root, "catalog");
		cpSync(FIXTURE_CATALOG_DIR, dir, { recursive: true });
		const cacheDir = join(root, "cache");
		// The first start validates and saves the snapshot; the second starts from it.
		await CatalogStore.fromSnapshot(dir, cacheDir);
		const store = await CatalogStore.fromSnapshot(dir, cacheDir);
		expect(store.hasValidator()).toBe(false);
		const first = store.current();
		expect(await store.reload()).toMatchObject({ ok: true, changed: false });
		expect(store.hasValidator()).toBe(true);
		expect(store.current()).toBe(first);

		const file = join(dir, "prices", "prices.yaml");
		writeFileSync(file, readFileSync(file, "utf8").replace("usd: 30000", "usd: 30001"));
		const next = await store.reload();
		expect(next).toMatchObject({ ok: true, changed: true, previousVersion: first.version });
		expect(store.current().version).not.toBe(first.version);
	});

	it("a broken edit keeps the last good catalog and says where", async () => {
		root = mkdtempSync(join(tmpdir(), "gpufit-store-"));
		const dir = join(root, "catalog");
		cpSync(FIXTURE_CATALOG_DIR, dir, { recursive: true });
		const store = await CatalogStore.fromSnapshot(dir, join(root, "cache"));
		const good = store.current();
		writeFileSync(join(dir, "prices", "prices.yaml"), "- gpu: [unclosed\n");
		const outcome = await store.reload();
		expect(outcome.ok).toBe(false);
		expect(store.current()).toBe(good);
		expect(store.reloadError()?.file).toBe("prices/prices.yaml");
	});
});
