// A local stand-in for Discord's REST API: records what the bot sends (command registration PUTs,
// edits of deferred responses) and answers like Discord does. The next edits can be answered with
// faults (429 with Retry-After, 500, hang, drop). Real HTTP, no mocks.
import { createServer, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { answerWithFault, type Fault, faultName } from "./faults.js";

export interface RecordedRequest {
	method: string;
	/** Path after the API base and version, decoded: "/applications/1/commands". */
	path: string;
	version: string;
	headers: IncomingHttpHeaders;
	/** Parsed when JSON; a multipart edit (an attached chart) is left as text: read `raw`. */
	body: unknown;
	raw: Buffer;
	at: number;
	/** "ok", or the fault it was answered with ("429", "500", "hang", "drop"). */
	answer: string;
}

export interface DiscordApiStandIn {
	/** For DISCORD_API_URL (discord.js REST's `api` option): the base without the version. */
	apiUrl: string;
	requests: RecordedRequest[];
	/** Resolves with the first recorded request that matches, waiting for it when needed. */
	waitFor: (match: (r: RecordedRequest) => boolean, timeoutMs?: number) => Promise<RecordedRequest>;
	/** The next edits of deferred responses (PATCH .../messages/@original) get these faults, in order. */
	failNextEdits: (...faults: Fault[]) => void;
	close: () => Promise<void>;
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function jsonOf(raw: Buffer, contentType: string | undefined): unknown {
	const text = raw.toString("utf8");
	if (text === "") return null;
	return contentType?.startsWith("multipart/") ? text : JSON.parse(text);
}

export async function startDiscordApi(): Promise<DiscordApiStandIn> {
	const requests: RecordedRequest[] = [];
	const waiters = new Set<() => void>();
	let nextId = 1000;
	const editFaults: Fault[] = [];
	const server = createServer(async (req, res) => {
		const raw = await readRaw(req);
		const body = jsonOf(raw, req.headers["content-type"]);
		const m = /^\/api\/v(\d+)(\/.*)$/.exec(decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/"));
		const reply = (status: number, json: unknown) => {
			res.writeHead(status, { "content-type": "application/json" });
			res.end(JSON.stringify(json));
		};
		if (!m) return reply(404, { message: "404: Not Found", code: 0 });
		const isEdit = req.method === "PATCH" && /^\/webhooks\/[^/]+\/[^/]+\/messages\/@original$/.test(m[2] as string);
		const fault = isEdit ? editFaults.shift() : undefined;
		const record: RecordedRequest = {
			method: req.method ?? "",
			version: m[1] as string,
			path: m[2] as string,
			headers: req.headers,
			body,
			raw,
			at: Date.now(),
			answer: fault ? faultName(fault) : "ok",
		};
		requests.push(record);
		for (const wake of waiters) wake();
		if (fault) return answerWithFault(fault, res);
		// Bulk overwrite answers with the commands as stored; a message edit with the message.
		if (req.method === "PUT" && /\/commands$/.test(record.path) && Array.isArray(body)) {
			return reply(
				200,
				body.map((c) => ({ ...c, id: String(nextId++) })),
			);
		}
		if (isEdit) {
			return reply(200, { id: String(nextId++), ...(typeof body === "object" ? body : {}) });
		}
		return reply(404, { message: "404: Not Found", code: 0 });
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	const waitFor = (match: (r: RecordedRequest) => boolean, timeoutMs = 5000) =>
		new Promise<RecordedRequest>((resolve, reject) => {
			const check = () => {
				const found = requests.find(match);
				if (!found) return false;
				waiters.delete(check);
				clearTimeout(timer);
				resolve(found);
				return true;
			};
			const timer = setTimeout(() => {
				waiters.delete(check);
				reject(new Error(`no matching request to the Discord stand-in within ${timeoutMs} ms`));
			}, timeoutMs);
			waiters.add(check);
			check();
		});
	return {
		apiUrl: `http://127.0.0.1:${port}/api`,
		requests,
		waitFor,
		failNextEdits: (...f) => editFaults.push(...f),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
