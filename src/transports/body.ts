// Every POST body is read here, once, before any platform sees it: bounded in size, and checked
// to be the form or JSON the platform sends. The buffer is left on the request as `rawBody`, the
// convention Bolt's receiver reads instead of the stream.
import type { IncomingMessage } from "node:http";

/** Slash commands and interactions are a few kilobytes; 64 KiB leaves room and stops abuse. */
export const MAX_BODY_BYTES = 64 * 1024;

/** What a route accepts: Slack posts forms (JSON for URL verification), Discord posts JSON. */
export type BodyFormat = "slack" | "json";

export type BodyRead = { ok: true; body: Buffer } | { ok: false; status: 400 | 413; error: string };

/** A request as the server hands it on: its body read (`rawBody`), and when it arrived (deadlines count from then). */
export type BufferedRequest = IncomingMessage & { rawBody?: Buffer; receivedAt?: number };

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyRead> {
	const tooLarge: BodyRead = { ok: false, status: 413, error: `body larger than ${limit} bytes` };
	const declared = Number(req.headers["content-length"] ?? Number.NaN);
	if (declared > limit) return Promise.resolve(tooLarge);
	// Stream events rather than an async iterator: this runs for every request, and the iterator's
	// machinery cost more than reading the few hundred bytes of a slash command.
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size <= limit) return void chunks.push(chunk);
			req.off("data", onData);
			req.pause(); // the caller answers 413 and closes the connection
			resolve(tooLarge);
		};
		req.on("data", onData);
		req.once("end", () => resolve({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks) }));
		req.once("error", reject);
		// Closed before its end (the client went away). Every request closes, so the error is made only then.
		req.once("close", () => {
			if (!req.complete) reject(new Error("request closed before its body ended"));
		});
	});
}

function strictForm(text: string): URLSearchParams | null {
	try {
		for (const part of text.split("&")) decodeURIComponent(part.replace(/\+/g, " "));
	} catch {
		return null;
	}
	return new URLSearchParams(text);
}

function isJsonObject(text: string): boolean {
	try {
		const v: unknown = JSON.parse(text);
		return typeof v === "object" && v !== null && !Array.isArray(v);
	} catch {
		return false;
	}
}

/** Why a body is not what the route accepts, or null when it is. */
export function bodyProblem(format: BodyFormat, contentType: string | undefined, body: Buffer): string | null {
	const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
	const text = body.toString("utf8");
	if (type === "application/json") return isJsonObject(text) ? null : "malformed JSON body";
	if (format === "json") return "expected a JSON body";
	if (type !== "application/x-www-form-urlencoded") return "expected a form or JSON body";
	const form = strictForm(text);
	if (!form) return "malformed form body";
	const payload = form.get("payload");
	if (payload !== null) return isJsonObject(payload) ? null : "malformed JSON in the payload field";
	if (!form.has("command") && !form.has("ssl_check")) return "a Slack form carries a command or a payload";
	return null;
}
