// Reads a catalog directory (catalog/<kind>/*.yaml), validates every entry and the links between
// entries, and either returns a Catalog or every error found, each with file, entry and field.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
import type { CatalogError } from "./errors.js";
import { buildIndexes } from "./indexes.js";
import { normalizeName } from "./names.js";
import { type CatalogKind, catalogKinds, type Gpu, type Model, type Price, type System } from "./schema.js";
import type { Catalog } from "./types.js";

export type LoadResult = { ok: true; catalog: Catalog } | { ok: false; errors: CatalogError[] };

interface RawFile {
	path: string;
	text: string;
}

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

function entryName(raw: unknown, index: number): string {
	if (raw && typeof raw === "object") {
		const r = raw as Record<string, unknown>;
		if (typeof r.id === "string") return r.id;
		if (typeof r.gpu === "string" && typeof r.provider === "string") {
			return `${r.gpu}@${r.provider}/${String(r.kind ?? "?")}/${String(r.region ?? "global")}`;
		}
	}
	return `#${index + 1}`;
}

function parseKind<K extends CatalogKind>(
	kind: K,
	file: RawFile,
	rel: string,
	errors: CatalogError[],
): z.infer<(typeof catalogKinds)[K]>[] {
	const doc = parseDocument(file.text, { prettyErrors: false });
	if (doc.errors.length > 0) {
		for (const e of doc.errors) {
			const line = e.linePos?.[0]?.line;
			errors.push({
				file: rel,
				entry: line ? `line ${line}` : "-",
				field: "-",
				message: `bad YAML: ${e.message.split("\n")[0]}`,
			});
		}
		return [];
	}
	const data = doc.toJS() as unknown;
	if (!Array.isArray(data)) {
		errors.push({ file: rel, entry: "-", field: "-", message: "expected a list of entries" });
		return [];
	}
	const schema = catalogKinds[kind];
	const out: z.infer<(typeof catalogKinds)[K]>[] = [];
	data.forEach((raw, i) => {
		const parsed = schema.safeParse(raw);
		if (parsed.success) {
			out.push(parsed.data as z.infer<(typeof catalogKinds)[K]>);
			return;
		}
		for (const issue of parsed.error.issues) {
			errors.push({
				file: rel,
				entry: entryName(raw, i),
				field: issue.path.length ? issue.path.join(".") : "-",
				message: issue.message,
			});
		}
	});
	return out;
}

interface Located<T> {
	value: T;
	file: string;
}

function checkLinks(
	gpus: Located<Gpu>[],
	models: Located<Model>[],
	systems: Located<System>[],
	prices: Located<Price>[],
	errors: CatalogError[],
): void {
	const names = new Map<string, string>();
	const claim = (name: string, owner: string, file: string, field: string) => {
		const key = normalizeName(name);
		const prior = names.get(key);
		if (prior && prior !== owner) {
			errors.push({ file, entry: owner, field, message: `"${name}" is already used by ${prior}` });
		} else names.set(key, owner);
	};
	for (const list of [gpus, models, systems] as Located<Gpu | Model | System>[][]) {
		for (const { value, file } of list) {
			if (names.get(normalizeName(value.id)) === value.id) {
				errors.push({ file, entry: value.id, field: "id", message: "duplicate id" });
				continue;
			}
			claim(value.id, value.id, file, "id");
		}
	}
	for (const list of [gpus, models, systems] as Located<Gpu | Model | System>[][]) {
		for (const { value, file } of list) {
			value.aliases.forEach((a, i) => {
				claim(a, value.id, file, `aliases.${i}`);
			});
		}
	}
	const gpuIds = new Set(gpus.map((g) => g.value.id));
	for (const { value, file } of systems) {
		if (!gpuIds.has(value.gpu)) errors.push({ file, entry: value.id, field: "gpu", message: `unknown GPU "${value.gpu}"` });
	}
	for (const { value, file } of prices) {
		if (!gpuIds.has(value.gpu)) {
			errors.push({ file, entry: `${value.gpu}@${value.provider}`, field: "gpu", message: `unknown GPU "${value.gpu}"` });
		}
	}
	for (const { value, file } of models) {
		const seen = new Set<string>();
		value.variants.forEach((v, i) => {
			if (seen.has(v.precision)) {
				errors.push({ file, entry: value.id, field: `variants.${i}.precision`, message: `second "${v.precision}" variant` });
			}
			seen.add(v.precision);
		});
		if (!seen.has(value.nativePrecision)) {
			errors.push({
				file,
				entry: value.id,
				field: "nativePrecision",
				message: `no variant with precision "${value.nativePrecision}"`,
			});
		}
		const layers = value.attention.layers.reduce((n, g) => n + g.count, 0);
		if (value.params.active > value.params.total) {
			errors.push({ file, entry: value.id, field: "params.active", message: "active parameters exceed the total" });
		}
		if (layers < 1) errors.push({ file, entry: value.id, field: "attention.layers", message: "no layers" });
	}
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

/** Loads and validates every file of a catalog directory; never throws for bad content. */
export function loadCatalog(dir: string, now: Date = new Date()): LoadResult {
	const errors: CatalogError[] = [];
	const hash = createHash("sha256");
	const read = <K extends CatalogKind>(kind: K): Located<z.infer<(typeof catalogKinds)[K]>>[] => {
		const files = listYaml(join(dir, kind));
		if (files.length === 0) {
			errors.push({ file: `${kind}/`, entry: "-", field: "-", message: `no ${kind} files (*.yaml) in ${dir}` });
		}
		return files.flatMap((path) => {
			const rel = relative(dir, path);
			let text: string;
			try {
				text = readFileSync(path, "utf8");
			} catch (e) {
				errors.push({ file: rel, entry: "-", field: "-", message: `unreadable: ${(e as Error).message}` });
				return [];
			}
			hash.update(rel).update("\0").update(text).update("\0");
			return parseKind(kind, { path, text }, rel, errors).map((value) => ({ value, file: rel }));
		});
	};
	const gpus = read("gpus");
	const models = read("models");
	const systems = read("systems");
	const prices = read("prices");
	checkLinks(gpus, models, systems, prices, errors);
	if (errors.length > 0) return { ok: false, errors };
	const priceList = prices.map((p) => p.value);
	const modelList = models.map((m) => m.value);
	const gpuList = gpus.map((g) => g.value);
	const systemList = systems.map((s) => s.value);
	const commit = gitCommit(dir);
	const content = hash.digest("hex").slice(0, 12);
	return {
		ok: true,
		catalog: {
			version: commit ? `${content}@${commit}` : content,
			loadedAt: now.toISOString(),
			gpus: gpuList,
			models: modelList,
			systems: systemList,
			prices: priceList,
			pricesAsOf:
				priceList
					.map((p) => p.asOf)
					.sort()
					.at(-1) ?? "unknown",
			index: buildIndexes(modelList, gpuList, systemList),
		},
	};
}
