import type { CatalogIndexes } from "./indexes.js";
import type { Gpu, Model, Price, System } from "./schema.js";
import type { SpeedEntry } from "./speed-schema.js";

export type { Gpu, Model, Price, System };

/** A validated catalog: what the sizing core reads. Immutable once built. */
export interface Catalog {
	/** Content hash (and git commit when known) that identifies this catalog. */
	version: string;
	loadedAt: string;
	gpus: readonly Gpu[];
	models: readonly Model[];
	systems: readonly System[];
	prices: readonly Price[];
	/** The speed model's constants (catalog/speed): profiles and speculative-decoding methods. */
	speed: readonly SpeedEntry[];
	/** Newest `asOf` among the prices: the date a price figure in an answer is good for. */
	pricesAsOf: string;
	/** Ids, names and aliases in compared form. */
	index: CatalogIndexes;
}
