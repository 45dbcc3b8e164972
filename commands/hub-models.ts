// Any model by its Hugging Face id: a model word "org/name" (optionally "hf:org/name", "@revision") that the
// catalog does not know is fetched from the hub, read through the same config reader as the catalog, and
// added to the catalog for this one answer. Catalog ids and aliases win over the hub.
import { buildIndexes } from "../src/catalog/indexes.js";
import type { Catalog } from "../src/catalog/types.js";
import type { HubFailure, HubModelFiles, HubResult } from "../src/models/hub.js";
import type { WeightFacts } from "../src/models/hub-model.js";
import { parseCompare } from "../src/parse/compare-grammar.js";
import type { RequestError } from "../src/parse/errors.js";
import { parseFit } from "../src/parse/grammar.js";
import { parseRecommend } from "../src/parse/recommend-grammar.js";
import { findModel, unknownModel } from "../src/parse/resolve.js";
import type { CommandName } from "./index.js";

/** What answers a repository lookup: the hub client, or a stand-in of it. */
export interface HubLookup {
	fetchModel(repo: string, revision?: string): Promise<HubResult>;
}

/** Where a hub model's figures came from (worded by reason-words.ts, in the asker's language). */
export type HubNote =
	| {
			code: "hub-read";
			repo: string;
			/** The revision's commit, as read. */
			sha: string;
			/** "2026-12-02 09:30", UTC. */
			fetched: string;
			weights: WeightFacts;
	  }
	| { code: "hub-context"; tokens: number; how: string };

export type Prepared = { ok: true; catalog: Catalog; notes: HubNote[] } | { ok: false; error: RequestError };

/** A repository id as people write it: "Org/Name", "hf:Org/Name", either with "@revision". */
const REPO = /^(?:hf:)?([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*)(?:@([\w.\-/]+))?$/;

interface HubRef {
	repo: string;
	revision: string;
	/** The model word as the parser read it (lower case), which the answer's catalog must resolve. */
	typed: string;
}

/** The model word of a fit, recommend or compare request, lower case as the grammar reads it. */
function modelWord(command: CommandName, text: string): string | null {
	const parsed =
		command === "fit"
			? parseFit(text)
			: command === "recommend"
				? parseRecommend(text)
				: command === "compare"
					? parseCompare(text)
					: null;
	return parsed?.ok ? parsed.value.model : null;
}

/** The hub repository a request names, with its case as typed (the parser lower-cases), or null. */
function hubRefOf(catalog: Catalog, command: CommandName, text: string): HubRef | null {
	const typed = modelWord(command, text);
	if (typed === null || !typed.includes("/") || findModel(catalog, typed)) return null;
	const raw = text.split(/\s+/).find((w) => w.toLowerCase() === typed);
	const m = REPO.exec(raw ?? "");
	if (!m) return null;
	return { repo: m[1] as string, revision: m[2] ?? "main", typed };
}

function hubError(catalog: Catalog, ref: HubRef, failure: HubFailure): RequestError {
	if (failure.code === "unknown_model") {
		const near = unknownModel(catalog, ref.repo.split("/").at(-1) ?? ref.repo).suggestions;
		return {
			code: "unknown_model",
			suggestions: near,
			help: [],
			problem: { code: "hub", failure: failure.code, repo: ref.repo, near, reason: failure.reason },
		};
	}
	return {
		code: failure.code,
		suggestions: [],
		help: [],
		problem: { code: "hub", failure: failure.code, repo: ref.repo, near: [], reason: failure.reason },
	};
}

/** Where the answer's figures came from: said on the card. */
function provenance(files: HubModelFiles, weights: WeightFacts): HubNote {
	const fetched = files.fetchedAt.slice(0, 16).replace("T", " ");
	return { code: "hub-read", repo: files.repo, sha: files.sha.slice(0, 12), fetched, weights };
}

/** The catalog a request is answered from: the same one, or with the hub model it names added. */
export function prepareCatalog(
	catalog: Catalog,
	command: CommandName,
	text: string,
	hub: HubLookup | null,
): Prepared | Promise<Prepared> {
	const ref = hub ? hubRefOf(catalog, command, text) : null;
	if (!hub || !ref) return { ok: true, catalog, notes: [] };
	return fetchInto(catalog, ref, hub);
}

async function fetchInto(catalog: Catalog, ref: HubRef, hub: HubLookup): Promise<Prepared> {
	// The config reader and the catalog's schema (with zod) are loaded with the first hub model asked for: a
	// server answering catalog models never needs them (docs/performance.md, start-up).
	const [got, { readConfig }, { hubModelId, hubWeightBytes, modelFromHub }] = await Promise.all([
		hub.fetchModel(ref.repo, ref.revision),
		import("../src/models/config-reader.js"),
		import("../src/models/hub-model.js"),
	]);
	if (!got.ok) return { ok: false, error: hubError(catalog, ref, got) };
	const read = readConfig(got.files.config, got.files.quantConfig ?? undefined);
	if (!read.ok) {
		return {
			ok: false,
			error: {
				code: "unsupported_architecture",
				suggestions: read.keys,
				help: [],
				problem: {
					code: "hub",
					failure: "unsupported_architecture",
					repo: ref.repo,
					near: [],
					reason: { why: "config-unread", keys: read.keys, report: read.message },
				},
			},
		};
	}
	const base = modelFromHub(got.files, read.facts, hubModelId(got.files));
	const model = { ...base, aliases: [ref.typed, got.files.repo] };
	const models = [...catalog.models, model];
	const notes = [provenance(got.files, hubWeightBytes(got.files))];
	if (read.facts.contextExtension) {
		const x = read.facts.contextExtension;
		notes.push({ code: "hub-context", tokens: x.tokens, how: x.how });
	}
	return {
		ok: true,
		catalog: {
			...catalog,
			version: `${catalog.version}+${got.files.repo}@${got.files.sha.slice(0, 12)}`,
			models,
			index: buildIndexes(models, catalog.gpus, catalog.systems),
		},
		notes,
	};
}
