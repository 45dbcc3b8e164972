// A tiny HTTP server on 127.0.0.1 for the price-post stand-ins of Slack and Discord, with scripted faults: the
// next requests can be answered with a status of the test's choosing (429 with Retry-After, 500, 404...), hang,
// have their connection dropped, or be handled (the message is posted) and answered only after a delay (slow).
// A multipart body (a chart's upload) is read with the standard FormData reader (multipartOf).
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { answerWithFault, type Fault } from "./faults.js";

/** A fault, or `slowMs`: handled at once (the post is made) and answered that much later. */
export type Failure = Fault | { slowMs: number };

export interface Recorded {
	method: string;
	path: string;
	headers: IncomingMessage["headers"];
	body: string;
	/** The body's bytes (a multipart upload's file is not text). */
	raw: Buffer;
}

export interface Answer {
	status: number;
	body: unknown;
}

export interface StandInServer {
	url: string;
	/** Every request, failed ones included. */
	requests: Recorded[];
	/** The next requests that `when` accepts (default: every request) get these answers, in order. */
	failNext: (...failures: Failure[]) => void;
	/** As failNext, only for requests `when` accepts (a route: post, not the history a sender reads first). */
	failNextWhen: (when: (req: Recorded) => boolean, ...failures: Failure[]) => void;
	close: () => Promise<void>;
}

export async function startStandIn(handle: (req: Recorded) => Answer): Promise<StandInServer> {
	const requests: Recorded[] = [];
	const failures: { when: (req: Recorded) => boolean; failure: Failure }[] = [];
	const server = createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks);
		const recorded = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body: raw.toString("utf8"), raw };
		requests.push(recorded);
		const at = failures.findIndex((f) => f.when(recorded));
		const failure = at >= 0 ? failures.splice(at, 1)[0]!.failure : null;
		if (failure && !("slowMs" in failure)) return answerWithFault(failure, res);
		const answer = handle(recorded);
		const send = () => {
			if (res.destroyed) return;
			// A string is answered as text (Slack's upload URL answers "OK - <bytes>").
			const { body } = answer;
			res.writeHead(answer.status, { "content-type": typeof body === "string" ? "text/plain" : "application/json" });
			res.end(typeof body === "string" ? body : JSON.stringify(body));
		};
		if (failure) setTimeout(send, failure.slowMs);
		else send();
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	const always = () => true;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		failNext: (...f) => failures.push(...f.map((failure) => ({ when: always, failure }))),
		failNextWhen: (when, ...f) => failures.push(...f.map((failure) => ({ when, failure }))),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** A multipart body as the platforms read it: its text fields and its files' bytes, by field name. */
export async function multipartOf(
	req: Recorded,
): Promise<{ fields: Record<string, string>; files: Record<string, { name: string; bytes: Buffer }> }> {
	const form = await new Response(new Uint8Array(req.raw), {
		headers: { "content-type": String(req.headers["content-type"]) },
	}).formData();
	const fields: Record<string, string> = {};
	const files: Record<string, { name: string; bytes: Buffer }> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value === "string") fields[key] = value;
		else files[key] = { name: value.name, bytes: Buffer.from(await value.arrayBuffer()) };
	}
	return { fields, files };
}
