// /fit: does this model fit on this hardware? parse -> resolve -> size -> suggest -> reply.
import type { Catalog } from "../src/catalog/types.js";
import { emptyReply, type Locale, type Reply } from "../src/chat/reply.js";
import { countText } from "../src/core/describe.js";
import { ENGINES } from "../src/core/engines.js";
import { FORMATS } from "../src/core/formats.js";
import { formatUsd, layoutJson, layoutLabel } from "../src/core/labels.js";
import { size } from "../src/core/size.js";
import { estimateSpeed } from "../src/core/speed.js";
import { type Suggestion, suggest } from "../src/core/suggest.js";
import type { Sizing } from "../src/core/types.js";
import { formatGiB, grouped } from "../src/core/units.js";
import type { RequestError } from "../src/parse/errors.js";
import { type ParsedFit, parseFit } from "../src/parse/grammar.js";
import { fitCorrections, resolveFit, unknownModelAndGpu } from "../src/parse/resolve.js";
import { fitStrings } from "./fit-strings.js";
import { footerOf, footerText } from "./footer.js";
import type { FitJson } from "./json.js";
import { noteText, speedJson, speedLine, suggestionText } from "./reason-words.js";
import { parsedFitText, runOf } from "./request-text.js";
import { type CommandResult, errorResult } from "./result.js";
import { tierText } from "./tiers.js";

/** "vLLM 0.19": the engine and the release line its memory rules follow, where they follow one. */
function engineLabel(s: Sizing): string {
	const line = s.engineVersion?.slice(s.engine.length + 1);
	return line ? `${ENGINES[s.engine].label} ${line}` : ENGINES[s.engine].label;
}

/** The contract's `fit --json` object. */
export function fitJson(s: Sizing, suggestions: Suggestion[]): FitJson {
	const { model, gpu } = s.request;
	return {
		ok: true,
		verdict: s.verdict,
		model: { id: model.id, name: model.name, paramsTotal: model.params.total, paramsActive: model.params.active },
		hardware: {
			gpu: gpu.id,
			name: gpu.name,
			count: s.request.count,
			nodes: s.request.nodes,
			gpusPerNode: s.request.gpusPerNode,
			usableBytesPerGpu: gpu.memory.usableBytes,
		},
		engine: s.engine,
		engineVersion: s.engineVersion,
		precision: { weights: s.precision.weights, kvCache: s.precision.kvCache, requested: s.precision.requested },
		layout: layoutJson(s.layout),
		context: s.context,
		users: s.users,
		memory: s.memory,
		perGpu: s.perGpu,
		limits: s.limits,
		cost: s.cost,
		speed: speedJson(estimateSpeed(s)),
		notes: s.notes.map((n) => noteText(n)),
		suggestions: suggestions.map((x) => `${suggestionText(x)} (${x.request})`),
		suggestedRequests: suggestions.map((x) => x.request),
	};
}

/** " (2027-01-05)": the date a price on the card is good for. */
const dated = (asOf: string | null) => (asOf ? ` (${asOf})` : "");

export function fitReply(s: Sizing, suggestions: Suggestion[], footer: string, locale: Locale = "en"): Reply {
	const t = fitStrings(locale);
	const { model, gpu } = s.request;
	const reply = emptyReply("fit", `${model.name} on ${countText(s.request)} ${gpu.name}`, t.headline(s));
	reply.verdict = s.verdict;
	const m = s.memory;
	const cap = m.capacityBytes > 0 ? m.capacityBytes : 1;
	const cost = s.cost;
	const cny = locale === "zh" && cost.purchaseCny !== null ? grouped(cost.purchaseCny) : null;
	reply.fields = [
		{
			label: t.labels.margin,
			value: t.margin(s),
		},
		{ label: t.labels.capacity, value: t.capacity(s) },
		{
			label: t.labels.runsAs,
			value: `${FORMATS[s.precision.weights].label} ${t.words.weights}, ${s.precision.kvCache.toUpperCase()} KV · ${engineLabel(s)} ${layoutLabel(s.layout)}`,
		},
		{
			label: t.labels.memory,
			value: `${t.words.weights} ${formatGiB(m.weightsBytes)} · ${t.words.overhead} ${formatGiB(m.overheadBytes)} · KV ${formatGiB(m.kvBytes)} (${(m.kvBytesPerToken / 1024).toFixed(1)} KiB/token)`,
		},
		{
			label: t.labels.hardware,
			value: `${s.request.count}× ${gpu.name} (${t.nodes(s.request.nodes, s.request.gpusPerNode)}) · ${t.usablePerGpu(formatGiB(gpu.memory.usableBytes), gpu.memory.nominalGB)}`,
		},
		{
			label: t.labels.cost,
			value: [
				tierText(cost.tier, cost.hourlyUsd !== null, locale),
				// Each price with its own date: a rental fetched today beside a purchase price from last year.
				cost.hourlyUsd !== null && cost.hourlyProvider !== null
					? `${t.hourly(formatUsd(cost.hourlyUsd, true), cost.hourlyProvider)}${dated(cost.hourlyAsOf)}`
					: t.noRental,
				cost.purchaseUsd !== null ? `${t.purchase(formatUsd(cost.purchaseUsd), cny)}${dated(cost.purchaseAsOf)}` : null,
				`${cost.powerKw} kW`,
			]
				.filter((x) => x !== null)
				.join(" · "),
		},
		{ label: t.labels.speed, value: speedLine(estimateSpeed(s), locale) },
	];
	reply.bar = {
		weights: Math.min(1, m.weightsBytes / cap),
		overhead: Math.min(1, m.overheadBytes / cap),
		kv: Math.max(0, Math.min(1, m.kvBytes / cap)),
		overflow: m.marginBytes < 0,
	};
	reply.notes = s.notes.map((n) => noteText(n, locale));
	reply.suggestions = suggestions.map((x) => ({ text: suggestionText(x, locale), run: runOf("fit", x.request) }));
	reply.footer = footer;
	return reply;
}

/**
 * A request whose model or GPU (or both) the catalog does not know: the error, with the corrected requests
 * that resolve, both names corrected at once where both were wrong.
 */
function correctedFit(
	catalog: Catalog,
	parsed: ParsedFit,
	error: RequestError,
	footer: string,
	locale: Locale,
): CommandResult<FitJson> {
	const fixes = fitCorrections(catalog, parsed);
	if (fixes.models === null && fixes.gpus === null) return errorResult("fit", error, footer, locale);
	const models = fixes.models ?? [parsed.model];
	const gpus = fixes.gpus ?? [parsed.hardware.gpu];
	// Best with best first, then the next model, then the next GPU: the first request offered is the likeliest.
	const pairs: [string, string][] = [];
	for (let k = 0; k < Math.max(models.length, gpus.length) * 2; k++) {
		for (let i = 0; i <= k; i++) {
			const m = models[i];
			const g = gpus[k - i];
			if (m !== undefined && g !== undefined) pairs.push([m, g]);
		}
	}
	const requests: string[] = [];
	for (const [model, gpu] of pairs) {
		const text = parsedFitText({ ...parsed, model, hardware: { ...parsed.hardware, gpu } });
		const again = parseFit(text);
		if (!again.ok || !resolveFit(catalog, again.value).ok || requests.includes(text)) continue;
		requests.push(text);
		if (requests.length >= 3) break;
	}
	const both = fixes.models !== null && fixes.gpus !== null;
	const err = both
		? unknownModelAndGpu(parsed.model, parsed.hardware.gpu, requests, [...models, ...gpus])
		: error.code === "bad_request"
			? error
			: { ...error, suggestions: fixes.models ?? fixes.gpus ?? [] };
	const lines = requests.map((r) => ({ text: r, run: runOf("fit", r) }));
	return errorResult("fit", err, footer, locale, undefined, lines.length > 0 ? lines : undefined);
}

export function runFit(catalog: Catalog, text: string, locale: Locale = "en"): CommandResult<FitJson> {
	const footer = footerText(catalog, locale);
	const parsed = parseFit(text);
	if (!parsed.ok) return errorResult("fit", parsed.error, footer, locale);
	const resolved = resolveFit(catalog, parsed.value);
	if (!resolved.ok) return correctedFit(catalog, parsed.value, resolved.error, footer, locale);
	const sizing = size(catalog, resolved.value);
	const suggestions = suggest(catalog, sizing);
	// The footer's price date is the card's own prices' (an error card, with none, keeps the catalog's).
	const card = footerOf(catalog.version, sizing.cost.pricesAsOf, locale);
	return { json: fitJson(sizing, suggestions), reply: fitReply(sizing, suggestions, card, locale), exitCode: 0 };
}
