// A tiny HTTP server on 127.0.0.1 for the price-post stand-ins, with scripted failures: the next
// requests can be answered with a status of the test's choosing (429 with Retry-After, 404...).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Failure {
	status: number;
	headers?: Record<string, string>;
	body: unknown;
}

export interface Recorded {
	path: string;
	headers: IncomingMessage["headers"];
	body: string;
}

export interface StandInServer {
	url: string;
	/** Every request, failed ones included. */
	requests: Recorded[];
	/** The next requests get these answers, in order, before the normal one resumes. */
	failNext: (...failures: Failure[]) => void;
	close: () => Promise<void>;
}

export async function startStandIn(handle: (req: Recorded, res: ServerResponse) => void): Promise<StandInServer> {
	const requests: Recorded[] = [];
	const failures: Failure[] = [];
	const server = createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const recorded = { path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
		requests.push(recorded);
		const failure = failures.shift();
		if (failure) {
			res.writeHead(failure.status, { "content-type": "application/json", ...failure.headers });
			res.end(JSON.stringify(failure.body));
			return;
		}
		handle(recorded, res);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		failNext: (...f) => failures.push(...f),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { "content-type": "application/json" });
	res.end(JSON.stringify(body));
}
