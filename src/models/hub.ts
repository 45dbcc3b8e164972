// The Hugging Face hub client: reads exactly what the contract allows of one model revision (the
// API's sha, siblings, safetensors.parameters and gated; config.json; hf_quant_config.json and
// model.safetensors.index.json only where siblings lists them) and caches it in memory by
// repo@revision and on disk by repo and sha, so repeated chat requests never wait on the hub.
import { join } from "node:path";
import { readDiskEntry, writeDiskEntry } from "./hub-disk.js";
import { apiFailure, fileFailure, type HubRequest, hubGet } from "./hub-http.js";
import { fail, indexLayers, parseObject, readApiAnswer, SHA, totalSize } from "./hub-read.js";
import type { HubClientOptions, HubFailure, HubModelFiles, HubReason, HubResult } from "./hub-types.js";

export type { HubClientOptions, HubErrorCode, HubFailure, HubModelFiles, HubReason, HubResult } from "./hub-types.js";

/** org/name as the hub allows it; a segment cannot start with "." (so no "..": the id becomes a cache path). */
const REPO_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}(?:\/[A-Za-z0-9][A-Za-z0-9._-]{0,95})?$/;
const QUANT_CONFIG = "hf_quant_config.json";
const INDEX = "model.safetensors.index.json";
const MEMORY_ENTRIES = 256;

interface HubHealth {
	endpoint: string;
	ok: boolean | null;
	checkedAt: string | null;
	error: string | null;
}

export class HubClient {
	private readonly endpoint: string;
	private readonly token: string | undefined;
	private readonly cacheDir: string | null;
	private readonly timeoutMs: number;
	private readonly memoryTtlMs: number;
	private readonly memory = new Map<string, { files: HubModelFiles; expires: number }>();
	/** Requests for the same repo@revision arriving together share one fetch. */
	private readonly inFlight = new Map<string, Promise<HubResult>>();
	/** The last answer from the hub itself, for /healthz: whether it answered, and when. */
	private last: { ok: boolean; at: string; error: string | null } | null = null;

	constructor(o: HubClientOptions) {
		this.endpoint = o.endpoint.replace(/\/+$/, "");
		this.token = o.token || undefined;
		this.cacheDir = o.cacheDir ?? null;
		this.timeoutMs = o.timeoutMs ?? 5000;
		this.memoryTtlMs = o.memoryTtlMs ?? 10 * 60_000;
	}

	async fetchModel(repo: string, revision = "main"): Promise<HubResult> {
		if (!REPO_ID.test(repo)) return fail("unknown_model", { why: "not-repo-id", repo });
		const key = `${repo}@${revision}`;
		const hit = this.memory.get(key);
		if (hit && hit.expires > Date.now()) return { ok: true, files: hit.files, from: "memory" };
		if (hit) this.memory.delete(key);
		const pending = this.inFlight.get(key);
		if (pending) return pending;
		const fetching = this.load(repo, revision)
			.then((result): HubResult => {
				if (result.ok) {
					this.last = { ok: true, at: new Date().toISOString(), error: null };
					this.remember(key, result.files);
					return result;
				}
				// Failures are never remembered: the next request asks the hub again.
				const failed = this.redact(result);
				const reached = failed.code !== "hub_unreachable";
				this.last = { ok: reached, at: new Date().toISOString(), error: reached ? null : failed.message };
				return failed;
			})
			.finally(() => this.inFlight.delete(key));
		this.inFlight.set(key, fetching);
		return fetching;
	}

	/** For /healthz: the endpoint and the last time the hub answered or failed to (null: not asked yet). */
	health(): HubHealth {
		return {
			endpoint: this.endpoint,
			ok: this.last?.ok ?? null,
			checkedAt: this.last?.at ?? null,
			error: this.last?.error ?? null,
		};
	}

	private remember(key: string, files: HubModelFiles): void {
		this.memory.delete(key);
		this.memory.set(key, { files, expires: Date.now() + this.memoryTtlMs });
		// Map keeps insertion order: the first key is the one stored longest ago.
		if (this.memory.size > MEMORY_ENTRIES) this.memory.delete(this.memory.keys().next().value as string);
	}

	private async load(repo: string, revision: string): Promise<HubResult> {
		if (this.cacheDir && SHA.test(revision)) {
			const files = await readDiskEntry(this.cacheDir, repo, revision, revision, this.endpoint);
			if (files) return { ok: true, files, from: "disk" };
		}
		const req: HubRequest = {
			endpoint: this.endpoint,
			token: this.token,
			signal: AbortSignal.timeout(this.timeoutMs),
			timeoutMs: this.timeoutMs,
		};
		const revisionPath = revision === "main" ? "" : `/revision/${encodeURIComponent(revision)}`;
		const api = await hubGet(req, `/api/models/${repo}${revisionPath}`);
		if ("ok" in api) return api;
		const apiFailed = apiFailure(req, api, repo, revision);
		if (apiFailed) return apiFailed;
		const meta = readApiAnswer(api.text);
		if (!meta) return fail("hub_unreachable", { why: "unusable-answer", endpoint: this.endpoint, repo });
		const canonical = meta.id !== null && REPO_ID.test(meta.id) ? meta.id : repo;

		if (this.cacheDir) {
			const files = await readDiskEntry(this.cacheDir, repo, meta.sha, revision, this.endpoint);
			if (files) return { ok: true, files, from: "disk" };
		}
		if (meta.siblings.length > 0 && !meta.siblings.includes("config.json")) {
			return fail("bad_config", { why: "no-file", repo: canonical, file: "config.json", sha: meta.sha });
		}
		const names = ["config.json", QUANT_CONFIG, INDEX].filter((n) => n === "config.json" || meta.siblings.includes(n));
		const answers = await Promise.all(names.map((n) => hubGet(req, `/${canonical}/resolve/${meta.sha}/${n}`)));
		const texts = new Map<string, string>();
		for (const [i, answer] of answers.entries()) {
			const name = names[i]!;
			if ("ok" in answer) return answer;
			const failed = fileFailure(req, answer, canonical, meta.sha, name);
			if (failed) return failed;
			texts.set(name, answer.text);
		}
		const config = parseObject(texts.get("config.json")!, canonical, "config.json");
		if ("ok" in config) return config;
		const quantText = texts.get(QUANT_CONFIG) ?? null;
		const quantConfig = quantText === null ? null : parseObject(quantText, canonical, QUANT_CONFIG);
		if (quantConfig && "ok" in quantConfig) return quantConfig;
		const indexText = texts.get(INDEX);
		const index = indexText === undefined ? null : parseObject(indexText, canonical, INDEX);
		if (index && "ok" in index) return index;

		const files: HubModelFiles = {
			repo: canonical,
			revision,
			sha: meta.sha,
			config: config.value,
			quantConfig: quantConfig?.value ?? null,
			indexTotalBytes: index ? totalSize(index.value) : null,
			indexLayers: index ? indexLayers(index.value) : null,
			parameters: meta.parameters,
			siblings: meta.siblings,
			gated: meta.gated,
			lastModified: meta.lastModified,
			fetchedAt: new Date().toISOString(),
			url: `${this.endpoint}/${canonical}`,
		};
		if (this.cacheDir)
			await writeDiskEntry(this.cacheDir, repo, files, { configText: texts.get("config.json")!, quantConfigText: quantText });
		return { ok: true, files, from: "network" };
	}

	/** No failure ever shows the token, even if a hub or proxy echoes it back: each of its facts is redacted. */
	private redact(failure: HubFailure): HubFailure {
		const token = this.token;
		if (!token) return failure;
		const facts = Object.entries(failure.reason).map(([k, v]) => [
			k,
			typeof v === "string" ? v.replaceAll(token, "<HF_TOKEN>") : v,
		]);
		return fail(failure.code, Object.fromEntries(facts) as HubReason);
	}
}

/** The client the server and CLI use: HF_ENDPOINT (default the public hub), HF_TOKEN, cache under the state dir. */
export function hubClientFromEnv(env: NodeJS.ProcessEnv, stateDir: string | null): HubClient {
	return new HubClient({
		endpoint: env.HF_ENDPOINT?.trim() || "https://huggingface.co",
		token: env.HF_TOKEN?.trim() || undefined,
		cacheDir: stateDir ? join(stateDir, "hub") : null,
	});
}
