// The hub cache on disk: one file per repo and revision sha, `<cacheDir>/<org>--<name>/<sha>.json`.
// A sha names immutable files, so an entry never goes stale. The configs are kept as the hub served
// them (text), because JSON.stringify would turn a bare Infinity into null.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { HubModelFiles } from "./hub-types.js";
import { parseLenientJson } from "./json-lenient.js";

/** What a cached revision keeps: the files' facts, with the configs as text. */
type DiskEntry = { format: 1; configText: string; quantConfigText: string | null } & Pick<
	HubModelFiles,
	"repo" | "sha" | "indexTotalBytes" | "indexLayers" | "parameters" | "siblings" | "gated" | "lastModified" | "fetchedAt"
>;

interface FetchedTexts {
	configText: string;
	quantConfigText: string | null;
}

function entryPath(cacheDir: string, repo: string, sha: string): string {
	return join(cacheDir, repo.replaceAll("/", "--"), `${sha}.json`);
}

/** The files of `repo` at `sha` as a previous fetch left them, or null when absent or unreadable. */
export async function readDiskEntry(
	cacheDir: string,
	repo: string,
	sha: string,
	revision: string,
	endpoint: string,
): Promise<HubModelFiles | null> {
	try {
		const e = JSON.parse(await readFile(entryPath(cacheDir, repo, sha), "utf8")) as Partial<DiskEntry>;
		if (e.format !== 1 || e.sha !== sha || typeof e.repo !== "string" || typeof e.configText !== "string") return null;
		const config = parseLenientJson(e.configText) as Record<string, unknown>;
		const quantConfig =
			typeof e.quantConfigText === "string" ? (parseLenientJson(e.quantConfigText) as Record<string, unknown>) : null;
		return {
			repo: e.repo,
			revision,
			sha,
			config,
			quantConfig,
			indexTotalBytes: e.indexTotalBytes ?? null,
			indexLayers: e.indexLayers ?? null,
			parameters: e.parameters ?? null,
			siblings: Array.isArray(e.siblings) ? e.siblings : [],
			gated: e.gated === true,
			lastModified: e.lastModified ?? null,
			fetchedAt: e.fetchedAt ?? new Date(0).toISOString(),
			// From the endpoint in use now: a mirror serves the same sha under its own address.
			url: `${endpoint}/${e.repo}`,
		};
	} catch {
		// A missing or damaged entry is only a cache miss: the hub is asked again and the entry rewritten.
		return null;
	}
}

/** Writes the entry atomically (temp file + rename) so a reader never sees half of it; best effort. */
export async function writeDiskEntry(
	cacheDir: string,
	repoAsked: string,
	files: HubModelFiles,
	texts: FetchedTexts,
): Promise<void> {
	const entry: DiskEntry = {
		format: 1,
		repo: files.repo,
		sha: files.sha,
		configText: texts.configText,
		quantConfigText: texts.quantConfigText,
		indexTotalBytes: files.indexTotalBytes,
		indexLayers: files.indexLayers,
		parameters: files.parameters,
		siblings: files.siblings,
		gated: files.gated,
		lastModified: files.lastModified,
		fetchedAt: files.fetchedAt,
	};
	const path = entryPath(cacheDir, repoAsked, files.sha);
	const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
	try {
		await mkdir(dirname(path), { recursive: true });
		await writeFile(temp, JSON.stringify(entry));
		await rename(temp, path);
	} catch {
		// The answer is good without the cache; a full or read-only disk must not fail the request.
		await rm(temp, { force: true }).catch(() => {});
	}
}
