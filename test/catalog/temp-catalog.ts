// A temporary copy of the repository's catalog that a test may edit (the real one is never
// touched), with price edits made on the parsed YAML so tests pick entries by meaning, not by text.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import type { Price } from "../../src/catalog/types.js";
import { CATALOG_DIR } from "../support/catalog.js";

export interface TempCatalog {
	/** The temporary directory that holds catalog/ (room beside it for state and git). */
	root: string;
	dir: string;
	read: (file: string) => string;
	write: (file: string, text: string) => void;
	/** Every price entry of a file under prices/, editable in place; written back when `edit` returns. */
	editPrices: (file: string, edit: (entries: Price[]) => void) => void;
	cleanup: () => void;
}

export function tempCatalog(): TempCatalog {
	const root = mkdtempSync(join(tmpdir(), "gpufit-catalog-"));
	const dir = join(root, "catalog");
	cpSync(CATALOG_DIR, dir, { recursive: true });
	const path = (file: string) => join(dir, file);
	return {
		root,
		dir,
		read: (file) => readFileSync(path(file), "utf8"),
		write: (file, text) => writeFileSync(path(file), text),
		editPrices: (file, edit) => {
			const entries = parse(readFileSync(path(`prices/${file}`), "utf8")) as Price[];
			edit(entries);
			writeFileSync(path(`prices/${file}`), stringify(entries));
		},
		cleanup: () => rmSync(root, { recursive: true, force: true }),
	};
}

/** Polls until `check` returns a value (not undefined/false), or fails after timeoutMs. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 5000): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

export interface LocatedPrice {
	file: string;
	index: number;
	entry: Price;
}

/** Every price entry of the temporary catalog, with the file (under prices/) and index it sits at. */
export function priceEntries(t: TempCatalog): LocatedPrice[] {
	return readdirSync(join(t.dir, "prices"))
		.filter((f) => f.endsWith(".yaml"))
		.sort()
		.flatMap((file) => (parse(t.read(`prices/${file}`)) as Price[]).map((entry, index) => ({ file, index, entry })));
}

/** The cheapest on-demand entry for a GPU (what a fit's hourly cost is built from). */
export function cheapestOnDemandEntry(t: TempCatalog, gpu: string): LocatedPrice {
	const all = priceEntries(t).filter((p) => p.entry.gpu === gpu && p.entry.kind === "on-demand");
	const best = all.reduce((a, b) => (b.entry.usd < a.entry.usd ? b : a));
	return best;
}
