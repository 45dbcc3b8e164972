// A tiny HTTP server on 127.0.0.1 for the price-post stand-ins of Slack and Discord, with scripted faults: the
// next requests can be answered with a status of the test's choosing (429 with Retry-After, 500, 404...), hang,
// have their connection dropped, or be handled (the message is posted) and answered only after a delay (slow).
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
		const recorded = {
			method: req.method ?? "GET",
			path: req.url ?? "/",
			headers: req.headers,
			body: Buffer.concat(chunks).toString("utf8"),
		};
		requests.push(recorded);
		const at = failures.findIndex((f) => f.when(recorded));
		const failure = at >= 0 ? failures.splice(at, 1)[0]!.failure : null;
		if (failure && !("slowMs" in failure)) return answerWithFault(failure, res);
		const answer = handle(recorded);
		const send = () => {
			if (res.destroyed) return;
			res.writeHead(answer.status, { "content-type": "application/json" });
			res.end(JSON.stringify(answer.body));
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
