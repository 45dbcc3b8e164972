// Every POST body is read here, once, before any platform sees it: bounded in size, and checked
// to be the form or JSON the platform sends. The buffer is left on the request as `rawBody`, the
// convention Bolt's receiver reads instead of the stream.
import type { IncomingMessage } from "node:http";

/** Slash commands and interactions are a few kilobytes; 64 KiB leaves room and stops abuse. */
export const MAX_BODY_BYTES = 64 * 1024;

/** What a route accepts: Slack posts forms (JSON for URL verification), Discord posts JSON. */
export type BodyFormat = "slack" | "json";

export type BodyRead = { ok: true; body: Buffer } | { ok: false; status: 400 | 413; error: string };

export type BufferedRequest = IncomingMessage & { rawBody?: Buffer };

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyRead> {
	const declared = Number(req.headers["content-length"] ?? Number.NaN);
	if (declared > limit) return { ok: false, status: 413, error: `body larger than ${limit} bytes` };
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > limit) return { ok: false, status: 413, error: `body larger than ${limit} bytes` };
		chunks.push(chunk as Buffer);
	}
	return { ok: true, body: Buffer.concat(chunks) };
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
