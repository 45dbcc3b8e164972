// GET /charts/<key>.png: the charts Slack cards link to when PUBLIC_URL is set. Only the PNG of a chart a card
// named (remembered by the renderer) is served, under a key that is the hash of its facts, so it never changes
// and may be kept forever; any other path under /charts/ (another name, a traversal, another method) is 404.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChartRenderer } from "../render/charts/index.js";

export const CHARTS_PREFIX = "/charts/";

const CHART_PATH = /^\/charts\/([0-9a-f]{32})\.png$/;

/** A year, and never revalidated: the key changes whenever the picture would. */
export const CHART_CACHE_CONTROL = "public, max-age=31536000, immutable";

function notFound(res: ServerResponse): void {
	const text = JSON.stringify({ ok: false, error: "not found" });
	res.writeHead(404, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
	res.end(text);
}

/** Answers a request whose path starts with CHARTS_PREFIX; `renderer` null (no PUBLIC_URL): nothing is served. */
export async function serveChart(
	req: IncomingMessage,
	res: ServerResponse,
	path: string,
	renderer: ChartRenderer | null,
): Promise<void> {
	const key = CHART_PATH.exec(path)?.[1];
	if (renderer === null || key === undefined || (req.method !== "GET" && req.method !== "HEAD")) return notFound(res);
	const png = await renderer.pngByKey(key);
	if (png === undefined) return notFound(res);
	res.writeHead(200, {
		"content-type": "image/png",
		"content-length": png.byteLength,
		"cache-control": CHART_CACHE_CONTROL,
		"x-content-type-options": "nosniff",
	});
	res.end(png);
}
