// Charts kept by chart key (chartKey: SHA-256 of the kind and input): the same facts get the same picture (the
// same Buffer, so an upload or a GET /charts/<key>.png serves bytes already made) without drawing it again. A chart
// that could not be drawn is kept too (as null), so a failing chart is tried and logged once per key, not on every
// repeat. Bounded by bytes (PNG + SVG), least recently used first out. No heavy imports: safe to load at start.
import type { Chart } from "./index.js";

/** About a hundred charts of 40-80 KB (PNG and SVG together). */
export const CHART_CACHE_MAX_BYTES = 8 * 1024 * 1024;

function sizeOf(image: Chart | null): number {
	return image === null ? 64 : image.png.byteLength + image.svg.length + image.alt.length + 64;
}

export class ChartCache {
	readonly #maxBytes: number;
	readonly #entries = new Map<string, Chart | null>();
	#bytes = 0;

	constructor(maxBytes = CHART_CACHE_MAX_BYTES) {
		this.#maxBytes = maxBytes;
	}

	/** The chart kept for `key` (null: it failed before), or undefined when none is kept. */
	get(key: string): Chart | null | undefined {
		if (!this.#entries.has(key)) return undefined;
		const image = this.#entries.get(key) as Chart | null;
		// Most recently used last: Map keeps insertion order.
		this.#entries.delete(key);
		this.#entries.set(key, image);
		return image;
	}

	set(key: string, image: Chart | null): void {
		const old = this.#entries.get(key);
		if (old !== undefined || this.#entries.has(key)) {
			this.#bytes -= sizeOf(old ?? null);
			this.#entries.delete(key);
		}
		const size = sizeOf(image);
		if (size > this.#maxBytes) return;
		this.#entries.set(key, image);
		this.#bytes += size;
		for (const [k, v] of this.#entries) {
			if (this.#bytes <= this.#maxBytes) break;
			this.#entries.delete(k);
			this.#bytes -= sizeOf(v);
		}
	}

	/** Forgets every chart (e.g. when the catalog changes, if keys do not carry its version). */
	clear(): void {
		this.#entries.clear();
		this.#bytes = 0;
	}

	get size(): number {
		return this.#entries.size;
	}

	get bytes(): number {
		return this.#bytes;
	}
}
