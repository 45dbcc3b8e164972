// /gpus and /models: the catalog as a table, optionally filtered by a word.
import { normalizeName } from "../src/catalog/names.js";
import type { Catalog, Gpu, Model } from "../src/catalog/types.js";
import { emptyReply, type Reply, type Table } from "../src/chat/reply.js";
import { cacheLayouts } from "../src/core/cache.js";
import { FORMATS } from "../src/core/formats.js";
import { formatGiB, formatTokens } from "../src/core/units.js";
import { footerText } from "./footer.js";
import type { GpusJson, ModelsJson } from "./json.js";
import type { CommandResult } from "./result.js";

function matches(filter: string, ...names: string[]): boolean {
	const q = normalizeName(filter);
	return q === "" || names.some((n) => normalizeName(n).includes(q));
}

/** The list card: the entries that match the filter, out of how many the catalog holds, as a table. */
function listReply(catalog: Catalog, names: { title: string; noun: string }, filter: string, of: number, table: Table): Reply {
	const reply = emptyReply(
		"list",
		`${names.title}${filter ? ` matching "${filter}"` : ""}`,
		`${table.rows.length} of ${of} ${names.noun} in the catalog.`,
	);
	reply.table = table;
	reply.footer = footerText(catalog);
	return reply;
}

export function runGpus(catalog: Catalog, filter = ""): CommandResult<GpusJson> {
	const gpus = catalog.gpus.filter((g) => matches(filter, g.id, g.name, g.vendor, g.architecture, ...g.aliases));
	const reply = listReply(catalog, { title: "GPUs", noun: "GPUs" }, filter, catalog.gpus.length, {
		columns: ["id", "name", "usable", "nominal", "TB/s", "formats", "TDP"],
		rows: gpus.map((g) => [
			g.id,
			g.name,
			formatGiB(g.memory.usableBytes),
			`${g.memory.nominalGB} GB`,
			g.bandwidthTBps.toFixed(2),
			g.nativeFormats.join(" "),
			`${g.tdpW} W`,
		]),
	});
	return { json: { ok: true, gpus: gpus.map(gpuJson) }, reply, exitCode: 0 };
}

const gpuJson = (g: Gpu) => ({
	id: g.id,
	name: g.name,
	vendor: g.vendor,
	architecture: g.architecture,
	computeCapability: g.computeCapability,
	nominalGB: g.memory.nominalGB,
	usableBytes: g.memory.usableBytes,
	bandwidthTBps: g.bandwidthTBps,
	nativeFormats: g.nativeFormats,
	tdpW: g.tdpW,
	aliases: g.aliases,
});

export function runModels(catalog: Catalog, filter = ""): CommandResult<ModelsJson> {
	const models = catalog.models.filter((m) => matches(filter, m.id, m.name, m.family, ...m.aliases));
	const reply = listReply(catalog, { title: "Models", noun: "models" }, filter, catalog.models.length, {
		columns: ["id", "name", "params", "active", "attention", "context", "native"],
		rows: models.map((m) => [
			m.id,
			m.name,
			`${(m.params.total / 1e9).toFixed(1)}B`,
			`${(m.params.active / 1e9).toFixed(1)}B`,
			cacheLayouts(m).join("+").toUpperCase(),
			formatTokens(m.contextLength),
			FORMATS[m.nativePrecision].label,
		]),
	});
	return { json: { ok: true, models: models.map(modelJson) }, reply, exitCode: 0 };
}

const modelJson = (m: Model) => ({
	id: m.id,
	name: m.name,
	family: m.family,
	paramsTotal: m.params.total,
	paramsActive: m.params.active,
	attention: cacheLayouts(m)[0],
	cacheLayouts: cacheLayouts(m),
	contextLength: m.contextLength,
	nativePrecision: m.nativePrecision,
	variants: m.variants.map((v) => ({ precision: v.precision, repo: v.repo, bytes: v.bytes ?? null })),
	aliases: m.aliases,
});
