// A local stand-in for Slack: the Web API methods Bolt calls (auth.test at start-up,
// chat.postMessage, apps.connections.open for Socket Mode, and the external file upload:
// files.getUploadURLExternal, the bytes POSTed to /upload/<file id>, files.completeUploadExternal)
// under /api/, and response_url receivers under /respond/<id> that record what the bot posted. A response_url can be told to
// answer its next posts with faults (429 with Retry-After, 500, hang, drop). Real HTTP, no mocks.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { answerWithFault, type Fault, faultName } from "./faults.js";

/** One post to a response_url, answered or not. */
export interface ResponseAttempt {
	at: number;
	/** "ok", or the fault it was answered with ("429", "500", "hang", "drop"). */
	answer: string;
}

export interface ApiCall {
	method: string;
	params: Record<string, unknown>;
	authorization: string | undefined;
}

/** The bytes of one file POSTed to its upload URL (step 2 of the external upload). */
export interface UploadedFile {
	fileId: string;
	/** The request's content type (filesUploadV2 sends multipart/form-data). */
	contentType: string | undefined;
	raw: Buffer;
}

export interface SlackStandIn {
	/** For SLACK_API_URL (Bolt's slackApiUrl). */
	apiUrl: string;
	origin: string;
	calls: ApiCall[];
	/** A fresh response_url; what is posted to it is collected under `id`. */
	responseUrl: (id: string) => string;
	/** Resolves with the first `count` bodies posted to the response_url `id`. */
	responses: (id: string, count?: number, timeoutMs?: number) => Promise<Record<string, unknown>[]>;
	/** The next posts to the response_url `id` get these faults, in order, before it records posts again. */
	faultNext: (id: string, ...faults: Fault[]) => void;
	/** Every post to the response_url `id`, the faulted ones included. */
	attempts: (id: string) => ResponseAttempt[];
	/** Files POSTed to upload URLs, in order. */
	uploads: UploadedFile[];
	/** The next files.getUploadURLExternal calls answer ok: false with this error (e.g. "not_in_channel"). */
	failNextUploads: (error: string, count?: number) => void;
	/** Answer for apps.connections.open (Socket Mode): the WebSocket URL to hand out. */
	setSocketUrl: (url: string) => void;
	close: () => Promise<void>;
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function parseParams(body: string, contentType: string | undefined): Record<string, unknown> {
	if (body === "") return {};
	if (contentType?.includes("application/json")) return JSON.parse(body) as Record<string, unknown>;
	return Object.fromEntries(new URLSearchParams(body));
}

export async function startSlackStandIn(): Promise<SlackStandIn> {
	const calls: ApiCall[] = [];
	const posted = new Map<string, Record<string, unknown>[]>();
	const faults = new Map<string, Fault[]>();
	const attempts = new Map<string, ResponseAttempt[]>();
	const waiters: (() => void)[] = [];
	const uploads: UploadedFile[] = [];
	const uploadFailures: string[] = [];
	let fileIds = 0;
	let socketUrl = "";
	const server = createServer(async (req, res) => {
		const raw = await readRaw(req);
		const body = raw.toString("utf8");
		const path = (req.url ?? "/").split("?")[0] ?? "/";
		const reply = (status: number, json: unknown) => {
			res.writeHead(status, { "content-type": "application/json" });
			res.end(JSON.stringify(json));
		};
		if (path.startsWith("/respond/")) {
			const id = decodeURIComponent(path.slice("/respond/".length));
			const fault = faults.get(id)?.shift();
			attempts.set(id, [...(attempts.get(id) ?? []), { at: Date.now(), answer: fault ? faultName(fault) : "ok" }]);
			for (const wake of waiters.splice(0)) wake();
			if (fault) return answerWithFault(fault, res);
			posted.set(id, [...(posted.get(id) ?? []), JSON.parse(body) as Record<string, unknown>]);
			for (const wake of waiters.splice(0)) wake();
			return reply(200, { ok: true });
		}
		if (path.startsWith("/upload/")) {
			uploads.push({ fileId: path.slice("/upload/".length), contentType: req.headers["content-type"], raw });
			for (const wake of waiters.splice(0)) wake();
			res.writeHead(200, { "content-type": "text/plain" });
			return res.end(`OK - ${raw.byteLength}`);
		}
		if (path.startsWith("/api/")) {
			const method = path.slice("/api/".length);
			calls.push({ method, params: parseParams(body, req.headers["content-type"]), authorization: req.headers.authorization });
			switch (method) {
				case "auth.test":
					// A token with "revoked" in it is refused, as Slack refuses a revoked or mistyped token.
					if (`${req.headers.authorization ?? ""} ${String(calls.at(-1)?.params.token ?? "")}`.includes("revoked"))
						return reply(200, { ok: false, error: "invalid_auth" });
					return reply(200, {
						ok: true,
						url: "https://gpufit-test.slack.com/",
						team: "gpufit",
						user: "gpufit",
						team_id: "T0TEST",
						user_id: "U0BOT",
						bot_id: "B0BOT",
					});
				case "chat.postMessage":
					return reply(200, { ok: true, channel: "C0TEST", ts: `${Date.now() / 1000}` });
				case "apps.connections.open":
					return reply(200, { ok: true, url: socketUrl });
				case "files.getUploadURLExternal": {
					const error = uploadFailures.shift();
					if (error) return reply(200, { ok: false, error });
					const fileId = `F0${++fileIds}`;
					return reply(200, { ok: true, file_id: fileId, upload_url: `${origin}/upload/${fileId}` });
				}
				case "files.completeUploadExternal": {
					const files = JSON.parse(String(calls.at(-1)?.params.files ?? "[]")) as { id: string; title?: string }[];
					return reply(200, { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? "" })) });
				}
				default:
					return reply(200, { ok: false, error: "unknown_method" });
			}
		}
		reply(404, { ok: false, error: "not_found" });
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		apiUrl: `${origin}/api/`,
		origin,
		calls,
		responseUrl: (id) => `${origin}/respond/${encodeURIComponent(id)}`,
		responses: (id, count = 1, timeoutMs = 5000) =>
			new Promise((resolve, reject) => {
				const timer = setTimeout(
					() => reject(new Error(`response_url ${id}: ${posted.get(id)?.length ?? 0} of ${count} posts`)),
					timeoutMs,
				);
				const check = () => {
					const got = posted.get(id) ?? [];
					if (got.length >= count) {
						clearTimeout(timer);
						resolve(got.slice(0, count));
					} else waiters.push(check);
				};
				check();
			}),
		faultNext: (id, ...f) => faults.set(id, [...(faults.get(id) ?? []), ...f]),
		uploads,
		failNextUploads: (error, count = 1) => uploadFailures.push(...Array.from({ length: count }, () => error)),
		attempts: (id) => attempts.get(id) ?? [],
		setSocketUrl: (url) => {
			socketUrl = url;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
