// Rendered answers, kept by everything that shapes them: the catalog version, the command, the request
// text, the locale and the transport's own options. A busy channel asks the same few questions again and
// again, and an answer depends on nothing else (the commands read only the catalog and the text), so a
// repeated question skips parsing, sizing, suggestions and rendering (with the embed builders' checks).
// A new catalog version empties the cache: an answer of an old catalog is never served, and its memory goes.
import NodeCache from "node-cache";

/** Entries per cache (one per platform); a rendered card is a few kilobytes, so this stays within a few MB. */
const ANSWER_CACHE_MAX_KEYS = 500;
/** Unused answers leave after ten minutes, so a burst of one-off requests does not stay in memory. */
const TTL_S = 600;

export class AnswerCache<T> {
	readonly #cache = new NodeCache({
		stdTTL: TTL_S,
		checkperiod: TTL_S / 5,
		// Answers are shared, never changed: cloning them on every hit would cost more than the rendering.
		useClones: false,
		maxKeys: ANSWER_CACHE_MAX_KEYS,
	});
	#version: string | null = null;

	/**
	 * The answer kept for `parts` under the catalog `version`, else `compute()`'s, kept for next time.
	 * `compute` must not throw for a cacheable answer: what it throws is passed on and nothing is kept.
	 */
	get(version: string, parts: readonly string[], compute: () => T): T {
		if (version !== this.#version) {
			this.#cache.flushAll();
			this.#version = version;
		}
		// JSON keeps the parts apart whatever they contain, so no request can take another's answer.
		const key = JSON.stringify(parts);
		const kept = this.#cache.get<T>(key);
		if (kept !== undefined) return kept;
		const value = compute();
		// Full: start over rather than refuse new answers (node-cache does not evict); the next ones refill it.
		if (this.#cache.getStats().keys >= ANSWER_CACHE_MAX_KEYS) this.#cache.flushAll();
		this.#cache.set(key, value);
		return value;
	}

	close(): void {
		this.#cache.close();
	}
}
