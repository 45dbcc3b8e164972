// Faults a local stand-in of Slack or Discord can answer a request with, as the real APIs sometimes do: a status
// (429 with Retry-After, 500, 503...), possibly late; an answer that never comes (hang); a connection dropped
// without an answer (drop).
import type { ServerResponse } from "node:http";

export type Fault =
	| { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number }
	| { hang: true }
	| { drop: true };

export const rateLimited = (retryAfterS: number, body: unknown = { ok: false, error: "ratelimited" }): Fault => ({
	status: 429,
	headers: { "retry-after": String(retryAfterS) },
	body,
});
export const serverError = (status = 500, delayMs = 0): Fault => ({
	status,
	body: { ok: false, error: "internal_error" },
	delayMs,
});
export const hang: Fault = { hang: true };
export const drop: Fault = { drop: true };

/** A short name for the log of attempts: "429", "500", "hang", "drop". */
export const faultName = (f: Fault): string => ("hang" in f ? "hang" : "drop" in f ? "drop" : String(f.status));

/** Answers `res` with the fault. */
export function answerWithFault(fault: Fault, res: ServerResponse): void {
	if ("hang" in fault) return; // the stand-in's close() ends the connection
	if ("drop" in fault) {
		res.socket?.destroy();
		return;
	}
	const send = () => {
		if (res.destroyed) return;
		res.writeHead(fault.status, { "content-type": "application/json", ...fault.headers });
		res.end(JSON.stringify(fault.body ?? {}));
	};
	if (fault.delayMs) setTimeout(send, fault.delayMs);
	else send();
}
