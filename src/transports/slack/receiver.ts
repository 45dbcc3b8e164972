// Bolt's receiver for the shared listener: the server has read and bounded the body (body.ts); this checks
// Slack's signature on it (Bolt's own verifySlackRequest: bad, or older than five minutes, gets 401), answers
// Slack's SSL check and URL verification, and hands the request to the Bolt app. Unlike Bolt's HTTPReceiver,
// which answers a request no listener acknowledged with a 404 after three seconds, it knows when the app is done
// with a request: a signed request that nothing handled (a button from an older card, a shortcut or a modal
// gpufit does not have, a payload type Bolt does not know) is answered at once, with a helpful private note.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import { verifySlackRequest } from "@slack/bolt";
import type { Logger } from "../../log.js";
import type { BufferedRequest } from "../body.js";

/** Slack waits three seconds; a listener that has not acknowledged by then is answered for (it should never happen). */
const UNACKED_MS = 2_900;

type Body = Record<string, unknown>;

/** How a request no listener took is answered: the acknowledgement's body, and anything else to do. */
export type UnhandledAnswer = (body: Body) => { ack: unknown; afterAck?: () => void };

export interface RouteReceiverOptions {
	signingSecret: string;
	log: Logger;
	/** Properties every listener finds in its context (the request's arrival time). */
	properties: (req: BufferedRequest) => Record<string, unknown>;
	unhandled: UnhandledAnswer;
}

function contentType(req: IncomingMessage): string {
	return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

function header(req: IncomingMessage, name: string): string {
	const v = req.headers[name];
	return (Array.isArray(v) ? v[0] : v) ?? "";
}

function parseBody(text: string, type: string): Body {
	if (type === "application/x-www-form-urlencoded") {
		const form = new URLSearchParams(text);
		const payload = form.get("payload");
		if (payload !== null) return JSON.parse(payload) as Body;
		return Object.fromEntries(form);
	}
	return JSON.parse(text) as Body;
}

function respond(res: ServerResponse, status: number, body?: unknown): void {
	if (res.headersSent) return;
	if (body === undefined || body === "") {
		res.writeHead(status);
		res.end();
	} else if (typeof body === "string") {
		res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
		res.end(body);
	} else {
		const text = JSON.stringify(body);
		res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
		res.end(text);
	}
}

export class RouteReceiver implements Receiver {
	#app: App | null = null;

	constructor(private readonly options: RouteReceiverOptions) {}

	init(app: App): void {
		this.#app = app;
	}

	/** Nothing to start: the server's listener is shared. */
	async start(): Promise<void> {}

	async stop(): Promise<void> {}

	async handle(req: BufferedRequest, res: ServerResponse): Promise<void> {
		const { log } = this.options;
		const text = (req.rawBody ?? Buffer.alloc(0)).toString("utf8");
		const type = contentType(req);
		// Slack's SSL check is not signed, and carries nothing to act on.
		if (type === "application/x-www-form-urlencoded" && new URLSearchParams(text).get("ssl_check") === "1")
			return respond(res, 200);
		try {
			verifySlackRequest({
				signingSecret: this.options.signingSecret,
				body: text,
				headers: {
					"x-slack-signature": header(req, "x-slack-signature"),
					"x-slack-request-timestamp": Number(header(req, "x-slack-request-timestamp")),
				},
			});
		} catch (e) {
			log.warn("slack request refused", { error: e instanceof Error ? e.message : String(e) });
			return respond(res, 401);
		}
		let body: Body;
		try {
			body = parseBody(text, type);
		} catch {
			return respond(res, 400, { ok: false, error: "malformed body" });
		}
		if (body.type === "url_verification") return respond(res, 200, { challenge: body.challenge });

		let acked = false;
		const ack = async (response?: unknown) => {
			if (acked) throw new Error("the request was already acknowledged");
			acked = true;
			clearTimeout(timer);
			respond(res, 200, response);
		};
		const timer = setTimeout(() => {
			if (acked) return;
			log.warn("slack request not acknowledged in time; acknowledged empty");
			void ack().catch(() => {});
		}, UNACKED_MS);
		const retryNum = Number(header(req, "x-slack-retry-num"));
		const event: ReceiverEvent = {
			body,
			ack,
			retryNum: Number.isFinite(retryNum) && header(req, "x-slack-retry-num") !== "" ? retryNum : undefined,
			retryReason: header(req, "x-slack-retry-reason") || undefined,
			customProperties: this.options.properties(req),
		};
		try {
			if (!this.#app) throw new Error("the receiver has no app");
			await this.#app.processEvent(event);
		} catch (e) {
			log.error("slack request failed", { error: e instanceof Error ? e.message : String(e) });
			if (!acked) {
				acked = true;
				clearTimeout(timer);
				respond(res, 500);
			}
			return;
		}
		if (acked) return;
		// Bolt is done and nobody acknowledged: no listener takes this request. Say so now, not in three seconds.
		clearTimeout(timer);
		const answer = this.options.unhandled(body);
		log.info("slack request no listener handles, answered with a note", {
			type: typeof body.type === "string" ? body.type : body.command ? "slash_command" : "unknown",
		});
		await ack(answer.ack);
		answer.afterAck?.();
	}
}
