// One GET against the hub, and what its status means for a model request. The hub answers a repo
// that does not exist (or is private) with 401 when unauthenticated and 404 when authenticated, both
// marked `X-Error-Code: RepoNotFound`; a gated repo's API answer is 200 and its files 401/403.
import type { HubFailure } from "./hub-types.js";

export interface HubRequest {
	endpoint: string;
	token: string | undefined;
	/** Shared by every request of one model fetch, so the time limit bounds them all together. */
	signal: AbortSignal;
	timeoutMs: number;
}

interface HubAnswer {
	status: number;
	/** The hub's `X-Error-Code` header (RepoNotFound, RevisionNotFound, GatedRepo, EntryNotFound...). */
	errorCode: string | null;
	text: string;
}

export async function hubGet(req: HubRequest, path: string): Promise<HubAnswer | HubFailure> {
	const headers: Record<string, string> = { accept: "application/json" };
	if (req.token) headers.authorization = `Bearer ${req.token}`;
	try {
		const res = await fetch(`${req.endpoint}${path}`, { headers, signal: req.signal });
		// The body is read under the same signal: a hub that sends headers and then stalls still times out.
		const text = await res.text();
		return { status: res.status, errorCode: res.headers.get("x-error-code"), text };
	} catch (error) {
		if (req.signal.aborted) {
			return unreachable(`The Hugging Face hub did not answer within ${Number((req.timeoutMs / 1000).toFixed(2))} s`);
		}
		return unreachable(`The Hugging Face hub (${req.endpoint}) could not be reached: ${networkDetail(error)}`);
	}
}

/** undici says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND...) is in its cause. */
function networkDetail(error: unknown): string {
	const cause = error instanceof Error ? error.cause : undefined;
	if (cause instanceof Error && cause.message) return cause.message;
	return error instanceof Error ? error.message : String(error);
}

function unreachable(message: string): HubFailure {
	return { ok: false, code: "hub_unreachable", message };
}

function repoNotFound(answer: HubAnswer): boolean {
	return answer.errorCode === "RepoNotFound" || /repo(sitory)? not found/i.test(answer.text.slice(0, 500));
}

function gated(repo: string, status: number, hasToken: boolean): HubFailure {
	let message = `"${repo}" is gated: accept its licence on the hub and set HF_TOKEN`;
	if (hasToken && status === 401) message = `"${repo}" is gated and the hub refused HF_TOKEN: check that the token is valid`;
	else if (hasToken) message = `"${repo}" is gated: accept its licence on the hub with the account HF_TOKEN belongs to`;
	return { ok: false, code: "gated_model", message };
}

function otherStatus(req: HubRequest, answer: HubAnswer, what: string): HubFailure {
	return unreachable(`The Hugging Face hub (${req.endpoint}) answered ${answer.status} for ${what}`);
}

/** The failure an API answer (`/api/models/...`) stands for, or null when it is a success. */
export function apiFailure(req: HubRequest, answer: HubAnswer, repo: string, revision: string): HubFailure | null {
	const { status } = answer;
	if (status >= 200 && status < 300) return null;
	if (status === 404 && answer.errorCode === "RevisionNotFound") {
		return { ok: false, code: "unknown_model", message: `No revision "${revision}" of "${repo}" on the Hugging Face hub` };
	}
	if (status === 404 || ((status === 401 || status === 403) && repoNotFound(answer))) {
		// Unauthenticated, the hub cannot tell a missing repo from a private one.
		const hint = req.token ? "" : " (if it is private, set HF_TOKEN)";
		return { ok: false, code: "unknown_model", message: `No model "${repo}" on the Hugging Face hub (${req.endpoint})${hint}` };
	}
	if (status === 401 || status === 403) return gated(repo, status, Boolean(req.token));
	return otherStatus(req, answer, `"${repo}"`);
}

/** The failure a file answer (`/{repo}/resolve/{sha}/{file}`) stands for, or null when it is a success. */
export function fileFailure(req: HubRequest, answer: HubAnswer, repo: string, sha: string, file: string): HubFailure | null {
	const { status } = answer;
	if (status >= 200 && status < 300) return null;
	if (status === 404) return { ok: false, code: "bad_config", message: `"${repo}" has no ${file} at revision ${sha}` };
	if (status === 401 || status === 403) return gated(repo, status, Boolean(req.token));
	return otherStatus(req, answer, `${file} of "${repo}"`);
}
