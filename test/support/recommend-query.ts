// A /recommend query as the command builds it from a request with nothing but the model: the defaults (vLLM,
// ranked by rent, 1 user, the default context), with the fields a test sets changed.
import type { Catalog } from "../../src/catalog/types.js";
import type { RecommendQuery } from "../../src/core/recommend.js";

/** The query for model `id` of `catalog` (throws on an id the catalog does not have). */
export function recommendQuery(catalog: Catalog, id: string, change: Partial<RecommendQuery> = {}): RecommendQuery {
	const model = catalog.models.find((m) => m.id === id);
	if (!model) throw new Error(`no model ${id} in the catalog`);
	return {
		model,
		precision: null,
		context: null,
		users: 1,
		engine: "vllm",
		engineExplicit: false,
		kv: null,
		util: null,
		ranking: "rent",
		budget: null,
		vendor: null,
		pcieOnly: false,
		oneNode: false,
		...change,
	};
}
