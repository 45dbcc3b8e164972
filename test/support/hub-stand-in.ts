// A local stand-in of the Hugging Face hub: a real HTTP server on 127.0.0.1 with the hub's URL layout
// and answer shapes, serving repos from an in-memory table. Like the real hub, a repo that does not
// exist is 401 + `X-Error-Code: RepoNotFound` without a token and 404 with one, and a gated repo's
// API answer is 200 while its files are 401 (no token) or 403 (a token without access).
import { readFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StandInRepo {
	sha: string;
	/** File name → content, served under /{repo}/resolve/{main|sha}/{name}. */
	files: Record<string, string>;
	/** What the API lists as siblings; default: the names in `files`. */
	siblings?: string[];
	/** The API's safetensors.parameters. */
	parameters?: Record<string, number>;
	gated?: false | "auto" | "manual";
	/** The token that has accepted a gated repo's licence. */
	grantedToken?: string;
	/** Every request for this repo is answered with this status (no hub error code). */
	status?: 401 | 403 | 404 | 500;
	/** Every request for this repo is left unanswered. */
	hang?: boolean;
	lastModified?: string;
}

export interface RecordedRequest {
	method: string;
	url: string;
	authorization: string | undefined;
}

export interface HubStandIn {
	url: string;
	/** The table served; tests may change it between requests. */
	repos: Record<string, StandInRepo>;
	requests: RecordedRequest[];
	close: () => Promise<void>;
}

export async function startHubStandIn(repos: Record<string, StandInRepo>): Promise<HubStandIn> {
	const requests: RecordedRequest[] = [];
	const server = createServer((req, res) => {
		const url = req.url ?? "/";
		requests.push({ method: req.method ?? "GET", url, authorization: req.headers.authorization });
		const route = routeOf(new URL(url, "http://stand-in").pathname);
		if (!route || req.method !== "GET") return send(res, 404, { error: "Not Found" });
		const repo = repos[route.repo];
		if (!repo) {
			// The real hub will not say whether a repo exists to an anonymous caller.
			return send(res, req.headers.authorization ? 404 : 401, { error: "Repository not found" }, "RepoNotFound");
		}
		if (repo.hang) return;
		if (repo.status) return send(res, repo.status, { error: `stand-in status ${repo.status}` });
		if (route.revision !== "main" && route.revision !== repo.sha) {
			return send(res, 404, { error: "Invalid rev id" }, "RevisionNotFound");
		}
		if (route.kind === "api") return send(res, 200, apiAnswer(route.repo, repo));
		if (repo.gated && req.headers.authorization !== `Bearer ${repo.grantedToken}`) {
			const status = req.headers.authorization ? 403 : 401;
			return send(res, status, { error: `Access to model ${route.repo} is restricted.` }, "GatedRepo");
		}
		const text = repo.files[route.file];
		if (text === undefined) return send(res, 404, { error: "Entry not found" }, "EntryNotFound");
		res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "x-repo-commit": repo.sha });
		res.end(text);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		repos,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				// Hanging requests would otherwise keep close() waiting forever.
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

type Route = { kind: "api"; repo: string; revision: string } | { kind: "file"; repo: string; revision: string; file: string };

function routeOf(path: string): Route | null {
	const parts = path.split("/").slice(1).map(decodeURIComponent);
	if (parts[0] === "api" && parts[1] === "models") {
		const [, , org, name, word, revision, ...rest] = parts;
		if (!org || !name) return null;
		if (word === undefined) return { kind: "api", repo: `${org}/${name}`, revision: "main" };
		if (word === "revision" && revision && rest.length === 0) return { kind: "api", repo: `${org}/${name}`, revision };
		return null;
	}
	const [org, name, word, revision, ...file] = parts;
	if (!org || !name || word !== "resolve" || !revision || file.length === 0) return null;
	return { kind: "file", repo: `${org}/${name}`, revision, file: file.join("/") };
}

/** The fields of the real /api/models answer that matter, with a few of the others for realism. */
function apiAnswer(id: string, repo: StandInRepo): unknown {
	const parameters = repo.parameters;
	return {
		_id: "0123456789abcdef01234567",
		id,
		modelId: id,
		author: id.split("/")[0],
		sha: repo.sha,
		lastModified: repo.lastModified ?? "2026-01-15T10:00:00.000Z",
		private: false,
		disabled: false,
		gated: repo.gated ?? false,
		tags: ["transformers", "safetensors"],
		library_name: "transformers",
		siblings: (repo.siblings ?? Object.keys(repo.files)).map((rfilename) => ({ rfilename })),
		...(parameters ? { safetensors: { parameters, total: Object.values(parameters).reduce((a, b) => a + b, 0) } } : {}),
	};
}

function send(res: ServerResponse, status: number, body: unknown, errorCode?: string): void {
	res.writeHead(status, { "content-type": "application/json", ...(errorCode ? { "x-error-code": errorCode } : {}) });
	res.end(JSON.stringify(body));
}

/** A real config as published on the hub, as text (some have bare Infinity): test/fixtures/configs/<org>--<name>_<kind>.json. */
export function hubFixture(repo: string, kind: "config" | "hf_quant_config" = "config"): string {
	const name = `${repo.replace("/", "--")}_${kind}.json`;
	return readFileSync(new URL(`../fixtures/configs/${name}`, import.meta.url), "utf8");
}
