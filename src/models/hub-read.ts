// Reading the hub's answers: the API fields the contract allows, and the JSON files of a revision.
import { hubReasonText } from "./hub-reasons.js";
import type { HubFailure, HubReason, IndexLayers } from "./hub-types.js";
import { parseLenientJson } from "./json-lenient.js";

/** A git revision sha, as the API's `sha` and as a revision that names one. */
export const SHA = /^[0-9a-f]{40}$/;

export function fail(code: HubFailure["code"], reason: HubReason): HubFailure {
	return { ok: false, code, reason, message: hubReasonText(reason) };
}

interface ApiAnswer {
	id: string | null;
	sha: string;
	siblings: string[];
	parameters: Record<string, number> | null;
	gated: boolean;
	lastModified: string | null;
}

/** The API fields the contract allows; null when the answer is not JSON or has no revision sha. */
export function readApiAnswer(text: string): ApiAnswer | null {
	let body: unknown;
	try {
		body = parseLenientJson(text);
	} catch {
		return null;
	}
	if (!isObject(body) || typeof body.sha !== "string" || !SHA.test(body.sha)) return null;
	const siblings = Array.isArray(body.siblings)
		? body.siblings.flatMap((s: unknown) => (isObject(s) && typeof s.rfilename === "string" ? [s.rfilename] : []))
		: [];
	const counts = isObject(body.safetensors) && isObject(body.safetensors.parameters) ? body.safetensors.parameters : null;
	const parameters = counts
		? Object.fromEntries(
				Object.entries(counts).filter((e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1])),
			)
		: null;
	return {
		id: typeof body.id === "string" ? body.id : null,
		sha: body.sha,
		siblings,
		parameters,
		// The hub says false, "auto" or "manual".
		gated: body.gated === true || (typeof body.gated === "string" && body.gated !== "" && body.gated !== "false"),
		lastModified: typeof body.lastModified === "string" ? body.lastModified : null,
	};
}

export function parseObject(text: string, repo: string, file: string): { value: Record<string, unknown> } | HubFailure {
	let value: unknown;
	try {
		value = parseLenientJson(text);
	} catch (error) {
		return fail("bad_config", { why: "bad-json", repo, file, detail: (error as Error).message });
	}
	return isObject(value) ? { value } : fail("bad_config", { why: "not-object", repo, file });
}

/** The tensor names' layer numbers and MTP names, to tell whether the files hold the MTP layers. */
export function indexLayers(index: Record<string, unknown>): IndexLayers | null {
	if (!isObject(index.weight_map)) return null;
	let maxLayer: number | null = null;
	let mtpNamed = false;
	for (const name of Object.keys(index.weight_map)) {
		const m = /(?:^|\.)layers\.(\d+)\./.exec(name);
		if (m) maxLayer = Math.max(maxLayer ?? 0, Number(m[1]));
		if (/(?:^|\.)(mtp|nextn)/i.test(name)) mtpNamed = true;
	}
	return { maxLayer, mtpNamed };
}

export function totalSize(index: Record<string, unknown>): number | null {
	const size = isObject(index.metadata) ? index.metadata.total_size : undefined;
	return typeof size === "number" && Number.isFinite(size) && size > 0 ? size : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === "object" && v !== null && !Array.isArray(v);
}
