// A stand-in for SkyPilot's hosted catalog (and its mirror) on 127.0.0.1: serves `<base>/v8/<cloud>/vms.csv` from
// files the test may change, with an ETag and Last-Modified per content, 304 for a matching If-None-Match, and
// scripted misbehaviour per cloud for the next requests: a status (429, 500, 404), a slow body, a body cut
// short (Content-Length says more than is sent), or a CSV cut mid-row with an honest Content-Length.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export const SKYPILOT_FIXTURES = new URL("../fixtures/skypilot/v8", import.meta.url).pathname;

/** The fixture files, by cloud: real column layouts, with the traps. */
export function fixtureCsvs(): Record<string, string> {
	const out: Record<string, string> = {};
	for (const cloud of readdirSync(SKYPILOT_FIXTURES))
		out[cloud] = readFileSync(join(SKYPILOT_FIXTURES, cloud, "vms.csv"), "utf8");
	return out;
}

export type Misbehaviour =
	| { status: number; retryAfter?: number }
	/** Headers at once, half the body, then the rest after `ms`. */
	| { slowMs: number }
	/** Content-Length of the whole file, half of it sent, then the connection closed. */
	| { cutConnection: true }
	/** Half the file (ending mid-row) sent as if it were all of it. */
	| { cutCsv: true };

export interface FeedRequest {
	cloud: string;
	ifNoneMatch: string | null;
	ifModifiedSince: string | null;
	answered: string;
}

export interface SkypilotStandIn {
	/** The base URL to put in PRICE_SOURCE_SKYPILOT_URL (or _MIRROR_URL). */
	base: string;
	files: Record<string, string>;
	requests: FeedRequest[];
	/** The next requests for `cloud` get these answers, in order. */
	misbehave: (cloud: string, ...next: Misbehaviour[]) => void;
	/** Changes one line of a cloud's file (the first containing `find`). */
	edit: (cloud: string, find: string, replace: (line: string) => string) => void;
	close: () => Promise<void>;
}

/** The ETag the stand-in sends for a file's text. */
export const etagOfFile = (text: string) => `"${createHash("sha256").update(text).digest("hex").slice(0, 16)}"`;

export async function startSkypilotStandIn(files: Record<string, string> = fixtureCsvs()): Promise<SkypilotStandIn> {
	const requests: FeedRequest[] = [];
	const queue = new Map<string, Misbehaviour[]>();
	const modified = new Map<string, string>();
	const stamp = (text: string) => {
		const etag = etagOfFile(text);
		if (!modified.has(etag)) modified.set(etag, new Date(Date.UTC(2027, 0, 1) + modified.size * 60_000).toUTCString());
		return { etag, lastModified: modified.get(etag) as string };
	};
	const timers = new Set<NodeJS.Timeout>();
	const server = createServer((req, res: ServerResponse) => {
		const m = (req.url ?? "").match(/^\/catalogs\/v8\/([^/]+)\/vms\.csv$/);
		const cloud = m ? decodeURIComponent(m[1] as string) : "";
		const record = (answered: string) =>
			requests.push({
				cloud,
				ifNoneMatch: (req.headers["if-none-match"] as string | undefined) ?? null,
				ifModifiedSince: (req.headers["if-modified-since"] as string | undefined) ?? null,
				answered,
			});
		const text = files[cloud];
		if (!m || text === undefined) {
			record("404");
			res.writeHead(404, { "content-type": "text/plain" });
			res.end("404: Not Found");
			return;
		}
		const next = queue.get(cloud)?.shift();
		if (next && "status" in next) {
			record(String(next.status));
			res.writeHead(next.status, {
				"content-type": "text/plain",
				...(next.retryAfter !== undefined ? { "retry-after": String(next.retryAfter) } : {}),
			});
			res.end(`${next.status}`);
			return;
		}
		const { etag, lastModified } = stamp(text);
		if (!next && req.headers["if-none-match"] === etag) {
			record("304");
			res.writeHead(304, { etag, "last-modified": lastModified });
			res.end();
			return;
		}
		const body = Buffer.from(text, "utf8");
		const half = body.subarray(0, Math.floor(body.length / 2));
		const headers = { "content-type": "text/plain; charset=utf-8", etag, "last-modified": lastModified };
		if (next && "cutCsv" in next) {
			record("200 cut csv");
			res.writeHead(200, { ...headers, etag: etagOfFile(half.toString()), "content-length": half.length });
			res.end(half);
			return;
		}
		res.writeHead(200, { ...headers, "content-length": body.length });
		if (next && "cutConnection" in next) {
			record("200 cut connection");
			res.write(half, () => res.destroy());
			return;
		}
		if (next && "slowMs" in next) {
			record(`200 slow ${next.slowMs} ms`);
			res.write(half);
			const t = setTimeout(() => {
				timers.delete(t);
				if (!res.destroyed) res.end(body.subarray(half.length));
			}, next.slowMs);
			timers.add(t);
			return;
		}
		record("200");
		res.end(body);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return {
		base: `http://127.0.0.1:${port}/catalogs`,
		files,
		requests,
		misbehave: (cloud, ...next) => queue.set(cloud, [...(queue.get(cloud) ?? []), ...next]),
		edit: (cloud, find, replace) => {
			const lines = (files[cloud] ?? "").split("\n");
			const i = lines.findIndex((l) => l.includes(find));
			if (i < 0) throw new Error(`${cloud}: no line with ${find}`);
			lines[i] = replace(lines[i] as string);
			files[cloud] = lines.join("\n");
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const t of timers) clearTimeout(t);
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** A CSV line with its `column`-th value (0-based) replaced. */
export function setColumn(line: string, column: number, value: string): string {
	// The fixtures quote only GpuInfo and Vast's Region: split outside quotes.
	const cells: string[] = [];
	let cell = "";
	let quoted = false;
	for (const c of line) {
		if (c === '"') quoted = !quoted;
		if (c === "," && !quoted) {
			cells.push(cell);
			cell = "";
		} else cell += c;
	}
	cells.push(cell);
	cells[column] = value;
	return cells.join(",");
}
