// The price post chart tests' set-up: a server with a baseline, the catalog edited (the next run posts the edits),
// and the chart a post of those edits should carry, drawn apart from the server.
import { expect } from "vitest";
import { gpuSpokenName } from "../../src/prices/names.js";
import { type Chart, createChartRenderer, priceChartRequest } from "../../src/render/charts/index.js";
import type { RunningServer } from "../../src/transports/server.js";
import { waitFor } from "../catalog/temp-catalog.js";
import type { Recorded } from "../support/price-post-http.js";
import { type Edits, makeEdits } from "./edits.js";
import type { Harness } from "./harness.js";

export const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute));

export const isEdit = (r: Recorded) => r.method === "PATCH";
export const isUploadAsk = (r: Recorded) => r.path === "/api/files.getUploadURLExternal";

/** A server of `h` with a baseline, then the catalog edited: the next run posts the edits. */
export async function changedServer(h: Harness): Promise<{ server: RunningServer; edits: Edits }> {
	const server = await h.start();
	expect(await server.background.pricePosts!.trigger(at(0))).toMatchObject({ status: "baseline" });
	const version = server.store.current().version;
	const edits = makeEdits(h.t);
	await waitFor("the edited catalog", () => server.store.current().version !== version);
	return { server, edits };
}

/** The chart of `gpu` from the catalog's dated entries (no feed ran), drawn apart from the server; its prices. */
export async function expectedChart(server: RunningServer, gpu: string): Promise<{ chart: Chart; prices: number[] }> {
	const catalog = server.store.base();
	const request = priceChartRequest(
		{ id: gpu, name: gpuSpokenName(catalog, gpu) },
		{ offers: [], catalogPrices: catalog.prices },
	);
	if (request?.kind !== "price-history") throw new Error(`${gpu}: no prices to draw`);
	const chart = await createChartRenderer({ log: () => {} }).chart(request);
	if (chart === null) throw new Error(`${gpu}: the expected chart could not be drawn`);
	return { chart, prices: request.input.points.map((p) => p.usdPerGpuHour) };
}
