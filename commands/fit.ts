// /fit: does this model fit on this hardware? parse -> resolve -> size -> suggest -> reply.
import type { Catalog } from "../src/catalog/types.js";
import { hardwareText } from "../src/core/describe.js";
import { ENGINES } from "../src/core/engines.js";
import { FORMATS } from "../src/core/formats.js";
import { size } from "../src/core/size.js";
import { type Suggestion, suggest } from "../src/core/suggest.js";
import type { Sizing } from "../src/core/types.js";
import { formatGiB, formatTokens } from "../src/core/units.js";
import { parseFit } from "../src/parse/grammar.js";
import { resolveFit } from "../src/parse/resolve.js";
import { footerText } from "./footer.js";
import { emptyReply, type Reply } from "./reply.js";
import { type CommandResult, errorResult } from "./result.js";

/** The contract's `fit --json` object. */
export function fitJson(s: Sizing, suggestions: Suggestion[]): Record<string, unknown> {
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
		precision: { weights: s.precision.weights, kvCache: s.precision.kvCache, requested: s.precision.requested },
		layout: s.layout,
		context: s.context,
		users: s.users,
		memory: s.memory,
		perGpu: s.perGpu,
		limits: s.limits,
		cost: s.cost,
		notes: s.notes,
		suggestions: suggestions.map((x) => `${x.text} (${x.request})`),
		suggestedRequests: suggestions.map((x) => x.request),
	};
}

function headline(s: Sizing): string {
	const at = `${formatTokens(s.context)} context`;
	switch (s.verdict) {
		case "fits":
			return `Fits: ${s.users} user${s.users > 1 ? "s" : ""} at ${at}, room for ${s.limits.maxUsersAtContext} (margin ${formatGiB(s.memory.marginBytes)}).`;
		case "tight":
			return `Tight: the model loads, but ${s.users} user${s.users > 1 ? "s" : ""} at ${at} does not fit: ${s.limits.maxUsersAtContext} user${s.limits.maxUsersAtContext === 1 ? "" : "s"} at ${at}, or one user up to ${formatTokens(s.limits.maxContext)}.`;
		case "no-fit":
			return s.blocker !== null
				? `Does not fit: ${s.blocker}.`
				: `Does not fit: weights and engine needs exceed capacity by ${formatGiB(-(s.memory.capacityBytes - s.memory.weightsBytes - s.memory.overheadBytes))}.`;
	}
}

export function fitReply(s: Sizing, suggestions: Suggestion[], footer: string): Reply {
	const { model, gpu } = s.request;
	const reply = emptyReply("fit", `${model.name} on ${hardwareText(s.request).replace(gpu.id, gpu.name)}`, headline(s));
	reply.verdict = s.verdict;
	const m = s.memory;
	const cap = m.capacityBytes > 0 ? m.capacityBytes : 1;
	const runs = `${FORMATS[s.precision.weights].label} weights, ${s.precision.kvCache.toUpperCase()} KV`;
	const cost = s.cost;
	reply.fields = [
		{ label: "Margin", value: `${formatGiB(m.marginBytes)} of ${formatGiB(m.capacityBytes)} usable` },
		{
			label: "Capacity",
			value: `${s.limits.maxUsersAtContext} users × ${formatTokens(s.context)} · ${s.limits.maxKvTokens.toLocaleString("en-US")} KV tokens · 1 user up to ${formatTokens(s.limits.maxContext)}`,
		},
		{ label: "Runs as", value: `${runs} · ${ENGINES[s.engine].label} TP${s.layout.tp}×PP${s.layout.pp}` },
		{
			label: "Memory",
			value: `weights ${formatGiB(m.weightsBytes)} · overhead ${formatGiB(m.overheadBytes)} · KV ${formatGiB(m.kvBytes)} (${(m.kvBytesPerToken / 1024).toFixed(1)} KiB/token)`,
		},
		{
			label: "Hardware",
			value: `${s.request.count}× ${gpu.name} (${s.request.nodes} node${s.request.nodes > 1 ? "s" : ""} × ${s.request.gpusPerNode}) · ${formatGiB(gpu.memory.usableBytes)} usable per GPU (${gpu.memory.nominalGB} GB nominal)`,
		},
		{
			label: "Cost",
			value: [
				cost.tier,
				cost.hourlyUsd !== null ? `$${cost.hourlyUsd.toFixed(2)}/h (${cost.hourlyProvider})` : "no rental price",
				cost.purchaseUsd !== null ? `~$${Math.round(cost.purchaseUsd).toLocaleString("en-US")} to buy` : null,
				`${cost.powerKw} kW`,
			]
				.filter((x) => x !== null)
				.join(" · "),
		},
	];
	reply.bar = {
		weights: Math.min(1, m.weightsBytes / cap),
		overhead: Math.min(1, m.overheadBytes / cap),
		kv: Math.max(0, Math.min(1, m.kvBytes / cap)),
		overflow: m.marginBytes < 0,
	};
	reply.notes = s.notes;
	reply.suggestions = suggestions.map((x) => ({ text: x.text, request: x.request }));
	reply.footer = footer;
	return reply;
}

export function runFit(catalog: Catalog, text: string): CommandResult {
	const footer = footerText(catalog);
	const parsed = parseFit(text);
	if (!parsed.ok) return errorResult(parsed.error, footer);
	const resolved = resolveFit(catalog, parsed.value);
	if (!resolved.ok) {
		const { model, hardware } = parsed.value;
		const typed = resolved.error.code === "unknown_model" ? model : resolved.error.code === "unknown_gpu" ? hardware.gpu : null;
		const lower = text.toLowerCase();
		const retry = typed && lower.includes(typed) ? (id: string) => lower.replace(typed, id) : undefined;
		return errorResult(resolved.error, footer, retry);
	}
	const sizing = size(catalog, resolved.value);
	const suggestions = suggest(catalog, sizing);
	return { json: fitJson(sizing, suggestions), reply: fitReply(sizing, suggestions, footer), exitCode: 0 };
}
