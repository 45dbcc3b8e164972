// /recommend: the cheapest configurations that fit a model. parse -> resolve the model -> search -> reply.
import type { Catalog } from "../src/catalog/types.js";
import { emptyReply, type Reply } from "../src/chat/reply.js";
import { releaseNote } from "../src/core/describe.js";
import { ENGINES } from "../src/core/engines.js";
import { FORMATS } from "../src/core/formats.js";
import { formatUsd, layoutJson, layoutLabel, setupLabel } from "../src/core/labels.js";
import { type Candidate, type Recommendation, type RecommendQuery, recommend } from "../src/core/recommend.js";
import { SPEED_ASSUMPTIONS } from "../src/core/speed.js";
import { formatCostPerMillion, formatRate, formatSeconds } from "../src/core/speed-text.js";
import { formatGiB, formatTokens } from "../src/core/units.js";
import { parseRecommend, RECOMMEND_GRAMMAR } from "../src/parse/recommend-grammar.js";
import { findModel, unknownModel } from "../src/parse/resolve.js";
import { footerForPrices, footerText } from "./footer.js";
import type { HelpJson, RecommendJson, RecommendOptionJson } from "./json.js";
import { runOf } from "./request-text.js";
import { type CommandResult, errorResult } from "./result.js";

/** One option of the contract's `recommend --json` (fields after `request` are extras). */
export function optionJson(c: Candidate): RecommendOptionJson {
	const s = c.sizing;
	return {
		gpu: s.request.gpu.id,
		count: s.request.count,
		nodes: s.request.nodes,
		precision: s.precision.weights,
		verdict: s.verdict,
		marginBytes: s.memory.marginBytes,
		hourlyUsd: s.cost.hourlyUsd,
		provider: s.cost.hourlyProvider,
		purchaseUsd: s.cost.purchaseUsd,
		costTier: s.cost.tier,
		request: c.request,
		name: s.request.gpu.name,
		gpusPerNode: s.request.gpusPerNode,
		kvCache: s.precision.kvCache,
		engine: s.engine,
		layout: layoutJson(s.layout),
		powerKw: s.cost.powerKw,
		maxUsersAtContext: s.limits.maxUsersAtContext,
		maxContext: s.limits.maxContext,
		upcast: c.upcast,
		speed: c.speed,
	};
}

export function recommendJson(q: RecommendQuery, r: Recommendation): RecommendJson {
	return {
		ok: true,
		model: { id: q.model.id, name: q.model.name },
		context: r.context,
		users: r.users,
		ranking: r.ranking,
		engine: q.engine,
		options: r.options.map(optionJson),
		closest: r.closest.map(optionJson),
		notes: r.notes,
	};
}

const dash = "-";

function row(c: Candidate, i: number): string[] {
	const s = c.sizing;
	const e = c.speed;
	return [
		String(i + 1),
		setupLabel(s.request),
		`${FORMATS[s.precision.weights].label}, ${s.precision.kvCache.toUpperCase()} KV, ${layoutLabel(s.layout)}`,
		formatGiB(s.memory.marginBytes),
		`${s.limits.maxUsersAtContext} × ${formatTokens(s.context)}`,
		s.cost.hourlyUsd !== null ? formatUsd(s.cost.hourlyUsd, true) : dash,
		s.cost.purchaseUsd !== null ? formatUsd(s.cost.purchaseUsd) : dash,
		s.cost.tier,
		`${s.cost.powerKw} kW`,
		e ? formatRate(e.decodeTokensPerSecondPerUser) : dash,
		e ? formatSeconds(e.ttftSeconds) : dash,
		e?.usdPerMillionOutputTokens != null ? formatCostPerMillion(e.usdPerMillionOutputTokens) : dash,
	];
}

/** The price the ranking uses, in words, with its date. */
function price(q: RecommendQuery, c: Candidate): string {
	const { hourlyUsd, hourlyProvider, purchaseUsd, hourlyAsOf, purchaseAsOf } = c.sizing.cost;
	if (q.ranking === "rent")
		return hourlyUsd !== null ? `${formatUsd(hourlyUsd, true)} at ${hourlyProvider} (${hourlyAsOf})` : "no rental price";
	return purchaseUsd !== null ? `~${formatUsd(purchaseUsd)} to buy (${purchaseAsOf})` : "no purchase price";
}

function headline(q: RecommendQuery, r: Recommendation): string {
	const load = `${r.users} user${r.users > 1 ? "s" : ""} at ${formatTokens(r.context)} context`;
	const best = r.options[0];
	if (!best) return `Nothing qualifies for ${load}${r.closest.length ? "; the closest setups are below" : ""}.`;
	const s = best.sizing;
	return `${r.options.length} setup${r.options.length > 1 ? "s" : ""} fit ${load}; cheapest: ${setupLabel(s.request)}, ${FORMATS[s.precision.weights].label}, ${price(q, best)}.`;
}

export function recommendReply(q: RecommendQuery, r: Recommendation, footer: string): Reply {
	const reply = emptyReply("recommend", `Cheapest setups for ${q.model.name}`, headline(q, r));
	reply.verdict = r.options.length > 0 ? "fits" : "no-fit";
	reply.fields = [
		{
			label: "Sized for",
			value: `${r.users} user${r.users > 1 ? "s" : ""} × ${formatTokens(r.context)} · ${ENGINES[q.engine].label}`,
		},
		{
			label: "Ranked by",
			value: q.ranking === "rent" ? "rent of the whole setup per hour" : "purchase price of the whole setup",
		},
	];
	const shown = r.options.length > 0 ? r.options : r.closest;
	reply.table = {
		columns: [
			"#",
			"setup",
			"runs as",
			"margin",
			"users × ctx",
			"rent",
			"buy",
			"tier",
			"power",
			"decode/user",
			"TTFT 4K",
			"$/M out",
		],
		rows: shown.map(row),
	};
	reply.notes = [...r.notes, `Speeds are estimates: ${SPEED_ASSUMPTIONS.join("; ")}.`];
	reply.suggestions = shown.map((c) => ({
		text: `${setupLabel(c.sizing.request)}: ${c.sizing.verdict}, ${price(q, c)}`,
		run: runOf("fit", c.request),
	}));
	reply.footer = footer;
	return reply;
}

const EXAMPLES = [
	"deepseek-r1 ctx 32k users 10",
	"deepseek-r1 buy budget $400k",
	"llama-3.3-70b users 20 budget $10/h",
	"qwen3-235b-a22b vendor amd one-node",
	"gpt-oss-120b pcie",
];

/** `/recommend` with nothing, or "help": the grammar and examples. */
export function recommendHelp(footer: string): CommandResult<HelpJson> {
	const reply = emptyReply("help", "gpufit recommend: the cheapest setups that fit", `Usage: ${RECOMMEND_GRAMMAR}`);
	reply.fields = [
		{ label: "Default", value: "32K context (or the model's, if shorter), 1 user, vLLM, ranked by rent per hour" },
		{ label: "Budget", value: "budget $30/h caps the rent; budget $400k caps the purchase (and ranks by it)" },
	];
	reply.suggestions = EXAMPLES.map((e) => ({ text: e, run: runOf("recommend", e) }));
	reply.footer = footer;
	return { json: { ok: true, grammar: RECOMMEND_GRAMMAR, examples: EXAMPLES }, reply, exitCode: 0 };
}

export function runRecommend(catalog: Catalog, text: string): CommandResult<RecommendJson> {
	const footer = footerText(catalog);
	const parsed = parseRecommend(text);
	if (!parsed.ok) return errorResult("recommend", parsed.error, footer);
	const p = parsed.value;
	const found = findModel(catalog, p.model);
	if (!found) return errorResult("recommend", unknownModel(catalog, p.model), footer);
	const q: RecommendQuery = {
		model: found.model,
		precision: p.precision ?? found.precision ?? null,
		context: p.context ?? null,
		users: p.users ?? 1,
		engine: p.engine ?? "vllm",
		engineExplicit: p.engine !== undefined,
		kv: p.kv ?? null,
		util: p.util ?? null,
		// A total budget is a purchase budget: rank by what buying costs.
		ranking: p.ranking ?? (p.budget?.per === "total" ? "buy" : "rent"),
		budget: p.budget ?? null,
		vendor: p.vendor ?? null,
		pcieOnly: p.pcieOnly,
		oneNode: p.oneNode,
	};
	const computed = recommend(catalog, q);
	const release =
		found.release &&
		releaseNote(
			p.model,
			found.model.name,
			found.release.others.map((m) => m.name),
		);
	const r = release ? { ...computed, notes: [release, ...computed.notes] } : computed;
	// "prices as of" the prices of the setups shown.
	const shown = (r.options.length > 0 ? r.options : r.closest).map((c) => c.sizing.cost);
	const card = footerForPrices(
		catalog,
		shown.flatMap((c) => [c.hourlyAsOf, c.purchaseAsOf]),
	);
	return { json: recommendJson(q, r), reply: recommendReply(q, r, card), exitCode: 0 };
}
