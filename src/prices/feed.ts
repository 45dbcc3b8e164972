// One SkyPilot vms.csv over HTTP: a conditional GET (If-None-Match / If-Modified-Since from the last good answer,
// so an unchanged file costs a 304), bounded in time (headers and body together) and in size, from the base URL
// and, when that fails (429 as GitHub rate-limits, 5xx, no answer in time, a body cut short), from the mirror.
// A 404 from the base URL says the source publishes no file for that cloud (upstream has no v8 Azure file): the
// mirror, a copy of it that stands in only when it cannot answer, is not asked (a stale copy there would be
// read as current, and S3 answers a missing key with 403 where listing is denied).
import type { Validators } from "./history.js";

type SourceName = "primary" | "mirror";

interface FeedSources {
	primary: string;
	mirror: string | null;
}

export interface FeedRequest {
	/** SkyPilot's cloud directory: "aws", "lambda". */
	cloud: string;
	sources: FeedSources;
	/** What each source's last good answer carried. */
	validators: { primary: Validators | null; mirror: Validators | null };
	/** The most one request may take, body included. */
	timeoutMs: number;
	maxBytes?: number;
	/** Aborts the request (shutdown). */
	signal?: AbortSignal;
}

export interface SourceTry {
	source: SourceName;
	url: string;
	/** "200", "304", "HTTP 429", "timed out after 500 ms", ... */
	result: string;
	ms: number;
}

type FeedFetch =
	| { kind: "fetched"; source: SourceName; url: string; text: string; validators: Validators; tries: SourceTry[] }
	| { kind: "not-modified"; source: SourceName; tries: SourceTry[] }
	| { kind: "absent"; tries: SourceTry[] }
	| { kind: "failed"; error: string; tries: SourceTry[] };

/** aws/vms.csv is some 4 MB today; a body past this is not a price list. */
const MAX_FEED_BYTES = 64 * 1024 * 1024;

const vmsCsvUrl = (base: string, cloud: string) => `${base.replace(/\/+$/, "")}/v8/${encodeURIComponent(cloud)}/vms.csv`;

type Attempt =
	| { kind: "ok"; text: string; validators: Validators; result: string }
	| { kind: "not-modified"; result: string }
	| { kind: "absent"; result: string }
	| { kind: "failed"; result: string };

class BodyError extends Error {}

async function readBody(res: Response, maxBytes: number): Promise<string> {
	if (!res.body) return "";
	const reader = res.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			await reader.cancel().catch(() => {});
			throw new BodyError(`body larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`);
		}
		chunks.push(value);
	}
	const declared = Number(res.headers.get("content-length") ?? Number.NaN);
	// Content-Length counts the bytes on the wire; with a content encoding they are not the bytes read.
	if (Number.isFinite(declared) && !res.headers.get("content-encoding") && declared !== size) {
		throw new BodyError(`body cut short: ${size} of ${declared} bytes`);
	}
	return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

function describeError(e: unknown, timeoutMs: number, timedOut: boolean): string {
	if (timedOut) return `no complete answer within ${timeoutMs} ms`;
	if (e instanceof BodyError) return e.message;
	const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
	if (err?.name === "AbortError") return "aborted";
	const cause = err?.cause?.code ?? err?.cause?.message;
	const message = err?.message ?? String(e);
	// undici: "terminated" when the connection closes mid-body.
	if (message === "terminated") return `body cut short (connection closed${cause ? `: ${cause}` : ""})`;
	return cause ? `${message} (${cause})` : message;
}

async function attempt(url: string, validators: Validators | null, request: FeedRequest): Promise<Attempt> {
	const timer = new AbortController();
	let timedOut = false;
	const timeout = setTimeout(() => {
		timedOut = true;
		timer.abort();
	}, request.timeoutMs);
	const signal = request.signal ? AbortSignal.any([timer.signal, request.signal]) : timer.signal;
	const headers: Record<string, string> = { "user-agent": "gpufit price feed", accept: "text/csv, text/plain, */*" };
	if (validators?.etag) headers["if-none-match"] = validators.etag;
	if (validators?.lastModified) headers["if-modified-since"] = validators.lastModified;
	try {
		const res = await fetch(url, { headers, signal, redirect: "follow" });
		if (res.status === 304) {
			await res.body?.cancel().catch(() => {});
			return { kind: "not-modified", result: "304" };
		}
		if (res.status === 404) {
			await res.body?.cancel().catch(() => {});
			return { kind: "absent", result: "HTTP 404" };
		}
		if (!res.ok) {
			await res.body?.cancel().catch(() => {});
			return { kind: "failed", result: `HTTP ${res.status}${res.status === 429 ? " (rate limited)" : ""}` };
		}
		const text = await readBody(res, request.maxBytes ?? MAX_FEED_BYTES);
		return {
			kind: "ok",
			text,
			validators: { etag: res.headers.get("etag"), lastModified: res.headers.get("last-modified") },
			result: String(res.status),
		};
	} catch (e) {
		return { kind: "failed", result: describeError(e, request.timeoutMs, timedOut) };
	} finally {
		clearTimeout(timeout);
	}
}

/** The cloud's vms.csv: new, unchanged (304), absent (404 from the base URL) or failed (with every source's reason). */
export async function fetchVmsCsv(request: FeedRequest): Promise<FeedFetch> {
	const tries: SourceTry[] = [];
	const sources: [SourceName, string][] = [["primary", request.sources.primary]];
	if (request.sources.mirror) sources.push(["mirror", request.sources.mirror]);
	for (const [source, base] of sources) {
		if (request.signal?.aborted) break;
		const url = vmsCsvUrl(base, request.cloud);
		const started = Date.now();
		const a = await attempt(url, request.validators[source], request);
		tries.push({ source, url, result: a.result, ms: Date.now() - started });
		if (a.kind === "ok") return { kind: "fetched", source, url, text: a.text, validators: a.validators, tries };
		if (a.kind === "not-modified") return { kind: "not-modified", source, tries };
		if (a.kind === "absent" && source === "primary") return { kind: "absent", tries };
	}
	return { kind: "failed", error: tries.map((t) => `${t.source}: ${t.result}`).join("; ") || "aborted", tries };
}
