// Reading a catalog directory's files and assembling a Catalog from validated entries. Kept apart
// from validation (zod, YAML) so that loading a saved snapshot does not pay for those libraries.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { registerSpeedTable } from "../core/speed-profile.js";
import type { CatalogError } from "./errors.js";
import { buildIndexes } from "./indexes.js";
import type { CatalogKind, Gpu, Model, Price, System } from "./schema.js";
import type { SpeedEntry } from "./speed-schema.js";
import type { Catalog } from "./types.js";

function listYaml(dir: string): string[] {
	try {
		if (!statSync(dir).isDirectory()) return [];
	} catch {
		return [];
	}
	return readdirSync(dir)
		.filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
		.sort()
		.map((f) => join(dir, f));
}

function gitCommit(dir: string): string | null {
	// A checkout's HEAD names the catalog revision; read it without spawning git.
	for (let d = dir, i = 0; i < 6; i++, d = join(d, "..")) {
		try {
			const head = readFileSync(join(d, ".git", "HEAD"), "utf8").trim();
			if (!head.startsWith("ref: ")) return head.slice(0, 12);
			const ref = readFileSync(join(d, ".git", head.slice(5)), "utf8").trim();
			return ref.slice(0, 12);
		} catch {}
	}
	return null;
}

/** Why a file could not be read, without its absolute path (Node's messages name it). */
function unreadable(e: unknown): string {
	const code = (e as NodeJS.ErrnoException).code;
	if (code === "ENOENT") return "the file, or the target of its link, does not exist (ENOENT)";
	if (code === "EACCES" || code === "EPERM") return `permission denied (${code})`;
	if (code === "EISDIR") return "a folder, not a file (EISDIR)";
	return code ?? "read failed";
}

/** One catalog file as read from disk. */
export interface CatalogSource {
	kind: CatalogKind;
	/** Path relative to the catalog directory, as errors name it. */
	file: string;
	text: string;
}

const KINDS: CatalogKind[] = ["gpus", "models", "systems", "prices", "speed"];

/** Reads every YAML file of a catalog directory, with the content hash that versions it. */
export function readCatalogSources(dir: string): { sources: CatalogSource[]; errors: CatalogError[]; contentHash: string } {
	const errors: CatalogError[] = [];
	const sources: CatalogSource[] = [];
	const hash = createHash("sha256");
	for (const kind of KINDS) {
		const files = listYaml(join(dir, kind));
		// A catalog without speed entries estimates speed with the speed model's fallback constants.
		// Messages name paths relative to the catalog directory: they reach /healthz and the ops channels.
		if (files.length === 0 && kind !== "speed") {
			errors.push({
				file: `${kind}/`,
				entry: "-",
				field: "-",
				message: `no ${kind} files (*.yaml): the folder is missing or empty`,
			});
		}
		for (const path of files) {
			const file = relative(dir, path);
			try {
				const text = readFileSync(path, "utf8");
				hash.update(file).update("\0").update(text).update("\0");
				sources.push({ kind, file, text });
			} catch (e) {
				errors.push({ file, entry: "-", field: "-", message: `unreadable: ${unreadable(e)}` });
			}
		}
	}
	return { sources, errors, contentHash: hash.digest("hex").slice(0, 12) };
}

/** Assembles a catalog from validated entries: the version, the newest price date, the name indexes. */
export function assembleCatalog(
	parts: {
		gpus: readonly Gpu[];
		models: readonly Model[];
		systems: readonly System[];
		prices: readonly Price[];
		speed?: readonly SpeedEntry[];
	},
	version: string,
	now: Date,
): Catalog {
	// The speed model finds a sizing's constants through its GPU entry (core/speed-profile.ts).
	registerSpeedTable(parts.gpus, parts.speed ?? []);
	return {
		version,
		loadedAt: now.toISOString(),
		...parts,
		speed: parts.speed ?? [],
		pricesAsOf:
			parts.prices
				.map((p) => p.asOf)
				.sort()
				.at(-1) ?? "unknown",
		index: buildIndexes(parts.models, parts.gpus, parts.systems),
	};
}

export function catalogVersion(dir: string, contentHash: string): string {
	const commit = gitCommit(dir);
	return commit ? `${contentHash}@${commit}` : contentHash;
}
