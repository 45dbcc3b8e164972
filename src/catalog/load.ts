// Reads a catalog directory (catalog/<kind>/*.yaml), validates every entry and the links between
// entries, and either returns a Catalog or every error found, each with file, entry and field.
import { parseDocument } from "yaml";
import type { z } from "zod";
import type { CatalogError } from "./errors.js";
import { normalizeName } from "./names.js";
import { type CatalogKind, catalogKinds, type Gpu, type Model, type Price, type System } from "./schema.js";
import { assembleCatalog, type CatalogSource, catalogVersion, readCatalogSources } from "./sources.js";
import { checkSpeedTable } from "./speed-schema.js";
import type { Catalog } from "./types.js";

export type LoadResult = { ok: true; catalog: Catalog } | { ok: false; errors: CatalogError[] };

interface RawFile {
	path: string;
	text: string;
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
		if (value.params.active > value.params.total) {
			errors.push({ file, entry: value.id, field: "params.active", message: "active parameters exceed the total" });
		}
	}
}

type Parsed = { [K in CatalogKind]: Located<z.infer<(typeof catalogKinds)[K]>>[] };

function parseSource<K extends CatalogKind>(source: CatalogSource & { kind: K }, parsed: Parsed, errors: CatalogError[]): void {
	const entries = parseKind(source.kind, { path: source.file, text: source.text }, source.file, errors);
	(parsed[source.kind] as Located<z.infer<(typeof catalogKinds)[K]>>[]).push(
		...entries.map((value) => ({ value, file: source.file })),
	);
}

/** The validation as steps, one file each (the sources come grouped by kind: gpus, models, systems, prices). */
function* validation(dir: string, now: Date): Generator<void, LoadResult> {
	const read = readCatalogSources(dir);
	const errors = [...read.errors];
	const parsed: Parsed = { gpus: [], models: [], systems: [], prices: [], speed: [] };
	for (const source of read.sources) {
		parseSource(source, parsed, errors);
		yield;
	}
	const { gpus, models, systems, prices, speed } = parsed;
	checkLinks(gpus, models, systems, prices, errors);
	const speedProblems = checkSpeedTable(
		speed.map((x) => x.value),
		new Set(gpus.map((g) => g.value.id)),
	);
	for (const p of speedProblems) errors.push({ file: "speed/", entry: p.entry, field: "-", message: p.message });
	if (errors.length > 0) return { ok: false, errors };
	const values = <T>(list: Located<T>[]) => list.map((x) => x.value);
	return {
		ok: true,
		catalog: assembleCatalog(
			{ gpus: values(gpus), models: values(models), systems: values(systems), prices: values(prices), speed: values(speed) },
			catalogVersion(dir, read.contentHash),
			now,
		),
	};
}

/** Loads and validates every file of a catalog directory; never throws for bad content. */
export function loadCatalog(dir: string, now: Date = new Date()): LoadResult {
	const steps = validation(dir, now);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/**
 * loadCatalog for a running server: the event loop runs between files, so requests wait for at most
 * one file's validation (milliseconds) instead of the whole catalog's (a tenth of a second warm, over
 * half a second cold).
 */
export async function loadCatalogInSteps(dir: string, now: Date = new Date()): Promise<LoadResult> {
	const steps = validation(dir, now);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
		await new Promise((resolve) => setImmediate(resolve));
	}
}
