// The running server picks up catalog edits without a restart: the next fit shows the new cost and
// /healthz the new version; a broken edit leaves answers unchanged with the error on /healthz; and
// requests fired while the catalog reloads all succeed, each seeing one whole catalog.
import { afterEach, describe, expect, it } from "vitest";
import { runFit } from "../../commands/fit.js";
import { openCatalogStore } from "../../src/catalog/open.js";
import type { RunningServer } from "../../src/transports/server.js";
import { answered } from "../support/answered.js";
import { serveOnLoopback } from "../support/loopback-server.js";
import { cheapestOnDemandEntry, type TempCatalog, tempCatalog, waitFor } from "./temp-catalog.js";

const REQUEST = "deepseek-r1 on 8x H200";

let t: TempCatalog | null = null;
let server: RunningServer | null = null;
afterEach(async () => {
	await server?.close();
	server = null;
	t?.cleanup();
	t = null;
});

async function serve(t: TempCatalog, extra: Record<string, string> = {}): Promise<RunningServer> {
	const env = { CATALOG_DIR: t.dir, CATALOG_RELOAD_DEBOUNCE_MS: "20", GPUFIT_RATE_LIMIT: "off", ...extra };
	return serveOnLoopback(env, openCatalogStore(t.dir));
}

async function health(s: RunningServer) {
	const res = await fetch(`${s.url}/healthz`);
	expect(res.status).toBe(200);
	return (await res.json()) as {
		ok: boolean;
		catalog: { version: string; loadedAt: string };
		reloadError: { file: string; entry: string; field: string; message: string } | null;
	};
}

const hourly = (s: RunningServer) => answered(runFit(s.store.current(), REQUEST)).cost.hourlyUsd ?? 0;
const cents = (usd: number) => Math.round(usd * 100) / 100;

describe("catalog reload in the running server", () => {
	it("an edited price shows in the next fit and in /healthz's version", async () => {
		t = tempCatalog();
		server = await serve(t);
		const before = await health(server);
		const cheapest = cheapestOnDemandEntry(t, "h200-sxm");
		expect(hourly(server)).toBe(cents(cheapest.entry.usd * 8));

		const newUsd = Math.round(cheapest.entry.usd * 0.5 * 100) / 100; // still the cheapest H200
		t.editPrices(cheapest.file, (entries) => {
			entries[cheapest.index]!.usd = newUsd;
		});
		const after = await waitFor("the new version on /healthz", async () => {
			const h = await health(server!);
			return h.catalog.version !== before.catalog.version ? h : null;
		});
		expect(after.reloadError).toBeNull();
		expect(hourly(server)).toBe(cents(newUsd * 8));
	});

	it("a broken edit keeps the answers and shows file, entry and field on /healthz until fixed", async () => {
		t = tempCatalog();
		server = await serve(t);
		const before = await health(server);
		const answer = hourly(server);
		const good = t.read("prices/cloud-aws.yaml");
		t.editPrices("cloud-aws.yaml", (entries) => {
			entries[0]!.usd = -1;
		});
		const broken = await waitFor("the error on /healthz", async () => {
			const h = await health(server!);
			return h.reloadError ? h : null;
		});
		expect(broken.catalog.version).toBe(before.catalog.version);
		expect(broken.reloadError).toMatchObject({ file: "prices/cloud-aws.yaml", field: "usd" });
		expect(broken.reloadError!.entry).toMatch(/@aws\//);
		expect(hourly(server)).toBe(answer);

		t.write("prices/cloud-aws.yaml", good);
		const fixed = await waitFor("the error to clear", async () => {
			const h = await health(server!);
			return h.reloadError === null ? h : null;
		});
		expect(fixed.catalog.version).toBe(before.catalog.version); // the same files: the same version
	});

	it("requests fired during reloads all succeed, each seeing the old or the new catalog", async () => {
		t = tempCatalog();
		server = await serve(t, { CATALOG_RELOAD_DEBOUNCE_MS: "1" });
		const cheapest = cheapestOnDemandEntry(t, "h200-sxm");
		const prices = [cheapest.entry.usd, Math.round(cheapest.entry.usd * 0.5 * 100) / 100];
		const allowed = prices.map((usd) => cents(usd * 8));
		const versions = new Set<string>();
		const costs: number[] = [];
		let editing = true;
		const edits = (async () => {
			for (let i = 0; i < 12; i++) {
				t!.editPrices(cheapest.file, (entries) => {
					entries[cheapest.index]!.usd = prices[(i + 1) % 2]!;
				});
				await new Promise((r) => setTimeout(r, 15));
			}
			editing = false;
		})();
		const requests: Promise<void>[] = [];
		while (editing) {
			requests.push(
				health(server).then((h) => {
					versions.add(h.catalog.version);
				}),
			);
			costs.push(hourly(server));
			await new Promise((r) => setImmediate(r));
		}
		await edits;
		await Promise.all(requests);
		expect(requests.length).toBeGreaterThan(20);
		for (const c of costs) expect(allowed).toContain(c);
		expect(versions.size).toBeGreaterThan(1); // reloads did happen while requests ran
	});
});
