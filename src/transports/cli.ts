import { formatCatalogError } from "../catalog/errors.js";
import { loadCatalog } from "../catalog/load.js";

export async function main(argv: string[]): Promise<number> {
	const [command, sub, dir] = argv;
	if (command === "catalog" && sub === "check") {
		const result = loadCatalog(dir ?? "catalog");
		if (result.ok) {
			const c = result.catalog;
			console.log(`catalog ${c.version}: ${c.gpus.length} GPUs, ${c.models.length} models, ${c.systems.length} systems, ${c.prices.length} prices: OK`);
			return 0;
		}
		for (const e of result.errors) console.error(formatCatalogError(e));
		console.error(`${result.errors.length} error(s)`);
		return 1;
	}
	console.error("usage: gpufit catalog check [dir]");
	return 2;
}
