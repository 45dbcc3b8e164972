// One GET against the hub, and what its status means for a model request. The hub answers a repo
// that does not exist (or is private) with 401 when unauthenticated and 404 when authenticated, both
// marked `X-Error-Code: RepoNotFound`; a gated repo's API answer is 200 and its files 401/403.
import { fail } from "./hub-read.js";
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
			return fail("hub_unreachable", { why: "timeout", seconds: Number((req.timeoutMs / 1000).toFixed(2)) });
		}
		return fail("hub_unreachable", { why: "unreachable", endpoint: req.endpoint, detail: networkDetail(error) });
	}
}

/** undici says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND...) is in its cause. */
function networkDetail(error: unknown): string {
	const cause = error instanceof Error ? error.cause : undefined;
	if (cause instanceof Error && cause.message) return cause.message;
	return error instanceof Error ? error.message : String(error);
}

function repoNotFound(answer: HubAnswer): boolean {
	return answer.errorCode === "RepoNotFound" || /repo(sitory)? not found/i.test(answer.text.slice(0, 500));
}

function gated(repo: string, status: number, hasToken: boolean): HubFailure {
	return fail("gated_model", { why: "gated", repo, token: !hasToken ? "none" : status === 401 ? "refused" : "no-access" });
}

function otherStatus(req: HubRequest, answer: HubAnswer, repo: string, file: string | null): HubFailure {
	return fail("hub_unreachable", { why: "status", endpoint: req.endpoint, status: answer.status, repo, file });
}

/** The failure an API answer (`/api/models/...`) stands for, or null when it is a success. */
export function apiFailure(req: HubRequest, answer: HubAnswer, repo: string, revision: string): HubFailure | null {
	const { status } = answer;
	if (status >= 200 && status < 300) return null;
	if (status === 404 && answer.errorCode === "RevisionNotFound") {
		return fail("unknown_model", { why: "no-revision", repo, revision });
	}
	if (status === 404 || ((status === 401 || status === 403) && repoNotFound(answer))) {
		// Unauthenticated, the hub cannot tell a missing repo from a private one.
		return fail("unknown_model", { why: "no-repo", repo, endpoint: req.endpoint, token: Boolean(req.token) });
	}
	if (status === 401 || status === 403) return gated(repo, status, Boolean(req.token));
	return otherStatus(req, answer, repo, null);
}

/** The failure a file answer (`/{repo}/resolve/{sha}/{file}`) stands for, or null when it is a success. */
export function fileFailure(req: HubRequest, answer: HubAnswer, repo: string, sha: string, file: string): HubFailure | null {
	const { status } = answer;
	if (status >= 200 && status < 300) return null;
	if (status === 404) return fail("bad_config", { why: "no-file", repo, file, sha });
	if (status === 401 || status === 403) return gated(repo, status, Boolean(req.token));
	return otherStatus(req, answer, repo, file);
}
