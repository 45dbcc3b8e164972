// Lookup tables built once per loaded catalog: every id and alias, in compared form.
import { normalizeName } from "./names.js";
import type { Gpu, Model, System } from "./schema.js";

interface NamedEntry<T> {
	/** The name as written in the catalog (id or alias). */
	name: string;
	key: string;
	value: T;
}

export interface NameTable<T extends { id: string }> {
	byKey: Map<string, T>;
	entries: NamedEntry<T>[];
}

export interface CatalogIndexes {
	models: NameTable<Model>;
	gpus: NameTable<Gpu>;
	systems: NameTable<System>;
}

function table<T extends { id: string; aliases: string[]; name: string }>(items: readonly T[]): NameTable<T> {
	const byKey = new Map<string, T>();
	const entries: NamedEntry<T>[] = [];
	for (const item of items) {
		for (const name of [item.id, item.name, ...item.aliases]) {
			const key = normalizeName(name);
			if (byKey.has(key)) continue;
			byKey.set(key, item);
			entries.push({ name, key, value: item });
		}
	}
	return { byKey, entries };
}

export function buildIndexes(models: readonly Model[], gpus: readonly Gpu[], systems: readonly System[]): CatalogIndexes {
	return { models: table(models), gpus: table(gpus), systems: table(systems) };
}
