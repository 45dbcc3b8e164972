// `gpufit catalog add <repo> [--out FILE]`: the catalog entry of a Hugging Face model, read through the same
// hub client and config reader as `fit`, appended to catalog/models/<org>.yaml (or FILE) for review and commit.
// The written file is validated with the rest of the catalog; an entry the catalog would refuse is taken back.
import { existsSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Document, isMap, isSeq } from "yaml";
import { formatCatalogError } from "../catalog/errors.js";
import { loadCatalog } from "../catalog/load.js";
import type { Model } from "../catalog/schema.js";
import type { Catalog } from "../catalog/types.js";
import { readConfig } from "./config-reader.js";
import type { HubClient } from "./hub.js";
import { catalogIdOf, modelFromHub } from "./hub-model.js";

/** The entry as YAML: one list item, each layer's mixer on one line as the hand-written entries have it. */
function entryYaml(model: Model): string {
	const doc = new Document([model]);
	const list = doc.contents;
	if (isSeq(list) && isMap(list.items[0])) {
		const layers = list.items[0].get("layers", true);
		if (isSeq(layers)) {
			for (const group of layers.items) {
				const mixer = isMap(group) ? group.get("mixer", true) : null;
				if (isMap(mixer)) mixer.flow = true;
			}
		}
	}
	return doc.toString({ lineWidth: 120 });
}

export async function runCatalogAdd(catalog: Catalog, catalogDir: string, args: string[], hub: HubClient): Promise<number> {
	const outAt = args.indexOf("--out");
	const out = outAt >= 0 ? args[outAt + 1] : undefined;
	const repoArg = args.find((a, i) => !a.startsWith("--") && (outAt < 0 || i !== outAt + 1));
	const m = /^(?:hf:)?([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*)(?:@([\w.\-/]+))?$/.exec(repoArg ?? "");
	if (!m) {
		console.error("usage: gpufit catalog add <org/name>[@revision] [--out FILE]");
		return 2;
	}
	const [repo, revision] = [m[1] as string, m[2] ?? "main"];
	const got = await hub.fetchModel(repo, revision);
	if (!got.ok) {
		console.error(`${got.code}: ${got.message}`);
		return 2;
	}
	const read = readConfig(got.files.config, got.files.quantConfig ?? undefined);
	if (!read.ok) {
		console.error(`${read.code}: ${read.message}`);
		return 2;
	}
	const model = { ...modelFromHub(got.files, read.facts, catalogIdOf(got.files.repo)), aliases: [got.files.repo] };
	const owner = catalog.models.find((x) => x.id === model.id || x.hfRepo.toLowerCase() === got.files.repo.toLowerCase());
	if (owner) {
		console.error(`The catalog already has ${got.files.repo}: entry "${owner.id}". Edit that entry instead.`);
		return 1;
	}
	const file = out ?? join(catalogDir, "models", `${(got.files.repo.split("/")[0] ?? "hub").toLowerCase()}.yaml`);
	const before = existsSync(file) ? readFileSync(file, "utf8") : null;
	const yaml = entryYaml(model);
	writeFileSync(file, before ? `${before.replace(/\n*$/, "\n")}\n${yaml}` : yaml);
	if (out === undefined) {
		const check = loadCatalog(catalogDir);
		if (!check.ok) {
			if (before === null) unlinkSync(file);
			else writeFileSync(file, before);
			for (const e of check.errors) console.error(formatCatalogError(e));
			console.error("The entry was not kept: the catalog refuses it (above).");
			return 1;
		}
	}
	process.stdout.write(yaml);
	console.error(`wrote ${model.id} to ${relative(process.cwd(), file) || file}`);
	return 0;
}
