// Typed reads of a parsed config.json that record every key they could not interpret, so that the reader
// refuses with the exact keys instead of guessing. Keys are named by their path in the file
// ("text_config.num_hidden_layers", "layer_types[3]").

export type Json = unknown;
export type JsonObject = Record<string, Json>;

export const isObject = (v: Json): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** One key or value the reader could not interpret: `key` is the path, `shown` the text for the message. */
export interface Problem {
	key: string;
	shown: string;
}

const show = (v: Json): string => {
	if (v === undefined) return "missing";
	if (typeof v === "number" && !Number.isFinite(v)) return String(v);
	const text = JSON.stringify(v);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** A section of the config (the root, or its text_config) with the path its keys are named under. */
export class ConfigSource {
	readonly problems: Problem[];

	constructor(
		readonly obj: JsonObject,
		readonly prefix: string,
		problems: Problem[] = [],
	) {
		this.problems = problems;
	}

	/** A nested object under `key`, sharing this source's problem list; undefined when absent or null. */
	child(key: string): ConfigSource | undefined {
		const v = this.optional(key, isObject);
		return v && new ConfigSource(v, `${this.path(key)}.`, this.problems);
	}

	path(key: string): string {
		return `${this.prefix}${key}`;
	}

	has(key: string): boolean {
		return this.obj[key] !== undefined && this.obj[key] !== null;
	}

	raw(key: string): Json {
		return this.obj[key];
	}

	/** Records a key whose value the reader cannot interpret (or that is missing). */
	reject(key: string, value: Json = this.obj[key]): void {
		this.problems.push({ key: this.path(key), shown: show(value) });
	}

	/** A value at a path the caller builds (`layer_types[3]`). */
	rejectAt(path: string, value: Json): void {
		this.problems.push({ key: `${this.prefix}${path}`, shown: show(value) });
	}

	/** A positive integer; a missing or malformed value is recorded and NaN returned. */
	int(key: string): number {
		const v = this.obj[key];
		if (typeof v === "number" && Number.isInteger(v) && v > 0) return v;
		this.reject(key, v);
		return Number.NaN;
	}

	/** The value of `key` when present (null counts as absent) and of the kind `is` accepts; others are recorded. */
	private optional<T>(key: string, is: (v: Json) => v is T): T | undefined {
		const v = this.obj[key];
		if (v === undefined || v === null) return undefined;
		if (is(v)) return v;
		this.reject(key, v);
		return undefined;
	}

	/** A positive integer when present (null counts as absent), else undefined; malformed values are recorded. */
	optInt(key: string): number | undefined {
		return this.optional(key, (v): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0);
	}

	/** The first of `keys` that is present, as a positive integer; recorded under the first key when none is. */
	intOf(...keys: string[]): number {
		for (const k of keys) if (this.has(k)) return this.int(k);
		this.reject(keys.join(" | "), undefined);
		return Number.NaN;
	}

	optIntOf(...keys: string[]): number | undefined {
		for (const k of keys) if (this.has(k)) return this.optInt(k);
		return undefined;
	}

	/** A finite number when present, else undefined; non-numbers are recorded. */
	optNum(key: string): number | undefined {
		return this.optional(key, (v): v is number => typeof v === "number" && !Number.isNaN(v));
	}

	optStr(key: string): string | undefined {
		return this.optional(key, (v): v is string => typeof v === "string");
	}

	optBool(key: string): boolean | undefined {
		return this.optional(key, (v): v is boolean => typeof v === "boolean");
	}

	/** An array when present, else undefined; other values are recorded. */
	optList(key: string): Json[] | undefined {
		return this.optional(key, (v): v is Json[] => Array.isArray(v));
	}

	/**
	 * A token window: a positive integer, or none (null, absent, Infinity, or 0 as some configs write it).
	 * Anything else is recorded.
	 */
	window(key: string): number | null {
		const v = this.obj[key];
		if (v === undefined || v === null || v === Number.POSITIVE_INFINITY || v === 0) return null;
		if (typeof v === "number" && Number.isInteger(v) && v > 0) return v;
		this.reject(key, v);
		return null;
	}
}

/** The message naming every key the reader could not interpret. */
export function problemMessage(problems: readonly Problem[]): string {
	const parts = problems.map((p) => `${p.key}: ${p.shown}`);
	return `config.json has keys or values this reader cannot interpret: ${parts.join("; ")}`;
}
