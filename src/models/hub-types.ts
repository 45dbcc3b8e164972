// The hub client's public shapes, apart so that its helpers can share them without an import cycle.

/** What gpufit reads of one model revision on the Hugging Face hub, and nothing more. */
export interface HubModelFiles {
	/** As the hub spells it (the API's `id`), e.g. "Qwen/Qwen3.5-397B-A17B". */
	repo: string;
	/** What was asked ("main" by default). */
	revision: string;
	sha: string;
	config: Record<string, unknown>;
	/** hf_quant_config.json, when the repository has one. */
	quantConfig: Record<string, unknown> | null;
	/** model.safetensors.index.json's metadata.total_size, when the repository has an index. */
	indexTotalBytes: number | null;
	/** What the index's weight_map names: the highest `layers.N` and whether any tensor is an MTP / next-n one. */
	indexLayers: IndexLayers | null;
	/** The API's safetensors.parameters: parameter count per dtype, e.g. { BF16: n, F8_E4M3: m }. */
	parameters: Record<string, number> | null;
	siblings: string[];
	gated: boolean;
	lastModified: string | null;
	/** When these files were read from the hub (ISO time); kept when served from a cache. */
	fetchedAt: string;
	/** `${endpoint}/${repo}`, the card's source. */
	url: string;
}

export interface IndexLayers {
	maxLayer: number | null;
	mtpNamed: boolean;
}

export type HubErrorCode = "unknown_model" | "gated_model" | "hub_unreachable" | "bad_config";

/**
 * Why a model could not be read from the hub, as facts (the hub's endpoint and HTTP status, the file, the network's
 * own detail): the hub reader's English says them (hub-reasons.ts), and the cards word them per locale.
 */
export type HubReason =
	| { why: "not-repo-id"; repo: string }
	| { why: "timeout"; seconds: number }
	| { why: "unreachable"; endpoint: string; detail: string }
	/** `file` null: the API's answer about the repository. */
	| { why: "status"; endpoint: string; status: number; repo: string; file: string | null }
	| { why: "unusable-answer"; endpoint: string; repo: string }
	/** `token`: none set, set and refused (401), set without access (403). */
	| { why: "gated"; repo: string; token: "none" | "refused" | "no-access" }
	| { why: "no-revision"; repo: string; revision: string }
	/** `token`: whether HF_TOKEN was sent (unauthenticated, the hub cannot tell a missing repo from a private one). */
	| { why: "no-repo"; repo: string; endpoint: string; token: boolean }
	| { why: "no-file"; repo: string; file: string; sha: string }
	/** `detail`: the JSON parser's own words. */
	| { why: "bad-json"; repo: string; file: string; detail: string }
	| { why: "not-object"; repo: string; file: string };

/** `message`: the reason in the hub reader's English, for logs, /healthz and the CLI. */
export type HubFailure = { ok: false; code: HubErrorCode; reason: HubReason; message: string };

export type HubResult = { ok: true; files: HubModelFiles; from: "network" | "memory" | "disk" } | HubFailure;

export interface HubClientOptions {
	/** Base URL, e.g. "https://huggingface.co" (HF_ENDPOINT). */
	endpoint: string;
	/** Sent as `Authorization: Bearer <token>` on every request (HF_TOKEN). */
	token?: string;
	/** Where fetched revisions are kept by sha; null or absent: memory only. */
	cacheDir?: string | null;
	/** Bound on the whole fetch of one model (default 5000). */
	timeoutMs?: number;
	/** How long a repo@revision is answered from memory without asking the hub (default 10 minutes). */
	memoryTtlMs?: number;
}
