// /recommend: the cheapest configurations that fit a model. parse -> resolve the model -> search -> reply.
import type { Catalog } from "../src/catalog/types.js";
import { emptyReply, type Locale, type Reply, type Table, type Verdict } from "../src/chat/reply.js";
import { releaseNote } from "../src/core/describe.js";
import { ENGINES } from "../src/core/engines.js";
import { FORMATS } from "../src/core/formats.js";
import { formatUsd, layoutJson, layoutLabel } from "../src/core/labels.js";
import { type Candidate, type Ranking, type Recommendation, type RecommendQuery, recommend } from "../src/core/recommend.js";
import { rankCost } from "../src/core/recommend-rank.js";
import { SPEED_ASSUMPTIONS } from "../src/core/speed.js";
import { formatCostPerMillion, formatRate, formatSeconds } from "../src/core/speed-text.js";
import { formatTokens } from "../src/core/units.js";
import { parseRecommend, RECOMMEND_GRAMMAR } from "../src/parse/recommend-grammar.js";
import { findModel, unknownModel } from "../src/parse/resolve.js";
import { footerForPrices, footerText } from "./footer.js";
import { helpResult } from "./help-card.js";
import type { HelpJson, RecommendJson, RecommendOptionJson } from "./json.js";
import { marginCell } from "./margin-cell.js";
import { recommendNoteText, setupLabel, speedAssumptionText, speedJson } from "./reason-words.js";
import { runOf } from "./request-text.js";
import { type CommandResult, errorResult, retryWith } from "./result.js";
import { tierLegend } from "./tiers.js";

/** One option of the contract's `recommend --json` (fields after `request` are extras). */
function optionJson(c: Candidate): RecommendOptionJson {
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
		// The whole setup, as ranked: servers, or cards with the stated host.
		purchaseUsd: c.purchase?.usd ?? null,
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
		speed: speedJson(c.speed),
		hourlyAsOf: s.cost.hourlyAsOf,
		purchaseAsOf: s.cost.purchaseAsOf,
	};
}

function recommendJson(q: RecommendQuery, r: Recommendation): RecommendJson {
	return {
		ok: true,
		model: { id: q.model.id, name: q.model.name },
		context: r.context,
		users: r.users,
		ranking: r.ranking,
		engine: q.engine,
		options: r.options.map(optionJson),
		closest: r.closest.map(optionJson),
		notes: r.notes.map((n) => recommendNoteText(n)),
	};
}

const dash = "-";

/** The words of a /recommend card, per locale; figures are written the same way in every language. */
interface RecommendStrings {
	title: (model: string) => string;
	load: (users: number, context: string) => string;
	nothing: (load: string, closest: boolean) => string;
	fit: (n: number, load: string) => string;
	cheapest: (ranking: Ranking, setup: string, format: string, price: string) => string;
	unpriced: (ranking: Ranking, setup: string) => string;
	labels: { sizedFor: string; rankedBy: string; tiers: string };
	rankedBy: (ranking: Ranking, unpriced: number, shown: number) => string;
	columns: Record<
		"setup" | "runsAs" | "margin" | "usersCtx" | "rent" | "buy" | "tier" | "power" | "decode" | "ttft" | "perMillion",
		string
	>;
	/** `asOf`: the date of the price, said beside it. */
	rent: (usd: string, provider: string | null, asOf: string | null) => string;
	buy: (usd: string, host: boolean, asOf: string | null) => string;
	noPrice: (ranking: Ranking) => string;
	verdict: Record<Verdict, string>;
	estimates: (assumptions: string[]) => string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const EN: RecommendStrings = {
	title: (model) => `Cheapest setups for ${model}`,
	load: (users, context) => `${plural(users, "user")} at ${context} context`,
	nothing: (load, closest) => `Nothing qualifies for ${load}${closest ? "; the closest setups are below" : ""}.`,
	fit: (n, load) => `${plural(n, "setup")} fit ${load}`,
	cheapest: (ranking, setup, format, price) =>
		`cheapest to ${ranking === "rent" ? "rent" : "buy"}: ${setup}, ${format}, ${price}`,
	unpriced: (ranking, setup) =>
		`none has a ${ranking === "rent" ? "rental" : "purchase"} price in the catalog, so none is ranked by it: ${setup} needs the fewest GPUs`,
	labels: { sizedFor: "Sized for", rankedBy: "Ranked by", tiers: "Tiers" },
	rankedBy: (ranking, unpriced, shown) => {
		const what = ranking === "rent" ? "rental" : "purchase";
		if (unpriced === shown) return `not by price: the catalog has no ${what} price for these; fewest GPUs first`;
		const by =
			ranking === "rent"
				? "rent of the whole setup per hour (cheapest provider)"
				: "purchase of the whole setup: servers as priced, cards with a stated host (†)";
		return unpriced > 0 ? `${by}; ${plural(unpriced, "setup")} without a ${what} price after them, fewest GPUs first` : by;
	},
	columns: {
		setup: "setup",
		runsAs: "runs as",
		margin: "margin",
		usersCtx: "users × ctx",
		rent: "rent",
		buy: "buy",
		tier: "tier",
		power: "power",
		decode: "decode/user",
		ttft: "TTFT 4K",
		perMillion: "$/M out",
	},
	rent: (usd, provider, asOf) => `${provider ? `${usd} at ${provider}` : usd}${asOf ? ` (${asOf})` : ""}`,
	buy: (usd, host, asOf) => `~${usd} to buy${host ? " with its host" : ""}${asOf ? ` (${asOf})` : ""}`,
	noPrice: (ranking) => (ranking === "rent" ? "no rental price" : "no purchase price"),
	verdict: { fits: "fits", tight: "tight", "no-fit": "does not fit" },
	estimates: (a) => `Speeds are estimates: ${a.join("; ")}.`,
};

const ZH: RecommendStrings = {
	title: (model) => `${model} 最便宜的配置`,
	load: (users, context) => `${users} 个用户 × ${context} 上下文`,
	nothing: (load, closest) => `没有配置能满足 ${load}${closest ? "；下面是最接近的" : ""}。`,
	fit: (n, load) => `${n} 套配置能放下 ${load}`,
	cheapest: (ranking, setup, format, price) => `${ranking === "rent" ? "租用" : "购买"}最便宜：${setup}，${format}，${price}`,
	unpriced: (ranking, setup) => `目录里都没有${ranking === "rent" ? "租用" : "购买"}价格，不按价格排序：${setup} 用的卡最少`,
	labels: { sizedFor: "按此计算", rankedBy: "排序", tiers: "价位" },
	rankedBy: (ranking, unpriced, shown) => {
		const what = ranking === "rent" ? "租用" : "购买";
		if (unpriced === shown) return `不按价格：目录里没有这些配置的${what}价格；卡少的在前`;
		const by = ranking === "rent" ? "整套每小时租金（最便宜的供应商）" : "整套购买价：整机按报价，单卡加上注明的主机费用（†）";
		return unpriced > 0 ? `${by}；${unpriced} 套没有${what}价格的排在后面，卡少的在前` : by;
	},
	columns: {
		setup: "配置",
		runsAs: "运行方式",
		margin: "余量",
		usersCtx: "用户 × 上下文",
		rent: "租用",
		buy: "购买",
		tier: "价位",
		power: "功耗",
		decode: "每用户解码",
		ttft: "首 token（4K）",
		perMillion: "每百万输出",
	},
	rent: (usd, provider, asOf) => `${provider ? `${usd}（${provider}）` : usd}${asOf ? `（${asOf}）` : ""}`,
	buy: (usd, host, asOf) => `购买约 ${usd}${host ? "（含主机）" : ""}${asOf ? `（${asOf}）` : ""}`,
	noPrice: (ranking) => (ranking === "rent" ? "暂无租用价格" : "暂无购买价格"),
	verdict: { fits: "可以运行", tight: "勉强", "no-fit": "放不下" },
	estimates: (a) => `速度为估算：${a.join("；")}。`,
};

const recommendStrings = (locale: Locale): RecommendStrings => (locale === "zh" ? ZH : EN);

/** The whole setup's purchase as a cell: "$278,552", or "$15,396†" for cards with a stated host. */
const buyCell = (c: Candidate): string =>
	c.purchase === null ? dash : `${formatUsd(c.purchase.usd)}${c.purchase.basis === "cards+host" ? "†" : ""}`;

/** The columns, most telling first: narrow chat messages keep the first ones on a line and move the rest below. */
function table(q: RecommendQuery, shown: Candidate[], t: RecommendStrings, locale: Locale): Table {
	const c = t.columns;
	const rent: [string, (x: Candidate) => string] = [
		c.rent,
		(x) => (x.sizing.cost.hourlyUsd !== null ? formatUsd(x.sizing.cost.hourlyUsd, true) : dash),
	];
	const buy: [string, (x: Candidate) => string] = [c.buy, buyCell];
	const cells: [string, (x: Candidate) => string][] = [
		...(q.ranking === "rent" ? [rent, buy] : [buy, rent]),
		[c.usersCtx, (x) => `${x.sizing.limits.maxUsersAtContext} × ${formatTokens(x.sizing.context)}`],
		[c.decode, (x) => (x.speed ? formatRate(x.speed.decodeTokensPerSecondPerUser) : dash)],
		[c.margin, (x) => marginCell(x.sizing, locale)],
		[c.ttft, (x) => (x.speed ? formatSeconds(x.speed.ttftSeconds) : dash)],
		[
			c.perMillion,
			(x) => (x.speed?.usdPerMillionOutputTokens != null ? formatCostPerMillion(x.speed.usdPerMillionOutputTokens) : dash),
		],
		[c.tier, (x) => x.sizing.cost.tier],
		[
			c.runsAs,
			(x) =>
				`${FORMATS[x.sizing.precision.weights].label}, ${x.sizing.precision.kvCache.toUpperCase()} KV, ${layoutLabel(x.sizing.layout)}`,
		],
		[c.power, (x) => `${x.sizing.cost.powerKw} kW`],
	];
	return {
		columns: ["#", c.setup, ...cells.map(([name]) => name)],
		rows: shown.map((x, i) => [String(i + 1), setupLabel(x.sizing.request, locale), ...cells.map(([, cell]) => cell(x))]),
		keyColumns: 2,
	};
}

/** Whether the ranking has a price for a candidate. */
const priced = (q: RecommendQuery, c: Candidate): boolean => Number.isFinite(rankCost(c, q.ranking));

/** The price the ranking uses, in words, with its date. */
function price(q: RecommendQuery, c: Candidate, t: RecommendStrings): string {
	const { hourlyUsd, hourlyProvider, hourlyAsOf, purchaseAsOf } = c.sizing.cost;
	if (q.ranking === "rent")
		return hourlyUsd !== null ? t.rent(formatUsd(hourlyUsd, true), hourlyProvider, hourlyAsOf) : t.noPrice("rent");
	return c.purchase !== null
		? t.buy(formatUsd(c.purchase.usd), c.purchase.basis === "cards+host", purchaseAsOf)
		: t.noPrice("buy");
}

function headline(q: RecommendQuery, r: Recommendation, t: RecommendStrings, zh: boolean): string {
	const load = t.load(r.users, formatTokens(r.context));
	const best = r.options[0];
	if (!best) return t.nothing(load, r.closest.length > 0);
	const s = best.sizing;
	const label = setupLabel(s.request, zh ? "zh" : "en");
	const which = priced(q, best)
		? t.cheapest(q.ranking, label, FORMATS[s.precision.weights].label, price(q, best, t))
		: t.unpriced(q.ranking, label);
	return zh ? `${t.fit(r.options.length, load)}；${which}。` : `${t.fit(r.options.length, load)}; ${which}.`;
}

export function recommendReply(q: RecommendQuery, r: Recommendation, footer: string, locale: Locale = "en"): Reply {
	const t = recommendStrings(locale);
	const reply = emptyReply("recommend", t.title(q.model.name), headline(q, r, t, locale === "zh"));
	reply.verdict = r.options.length > 0 ? "fits" : "no-fit";
	const shown = r.options.length > 0 ? r.options : r.closest;
	const unpriced = shown.filter((c) => !priced(q, c)).length;
	reply.fields = [
		{
			label: t.labels.sizedFor,
			value: `${locale === "zh" ? `${r.users} 个用户` : plural(r.users, "user")} × ${formatTokens(r.context)} · ${ENGINES[q.engine].label}`,
		},
		{ label: t.labels.rankedBy, value: t.rankedBy(q.ranking, unpriced, shown.length) },
		{ label: t.labels.tiers, value: tierLegend(locale) },
	];
	reply.table = table(q, shown, t, locale);
	reply.notes = [
		...r.notes.map((n) => recommendNoteText(n, locale)),
		t.estimates(SPEED_ASSUMPTIONS.map((a) => speedAssumptionText(a, locale))),
	];
	reply.suggestions = shown.map((c) => ({
		text:
			locale === "zh"
				? `${setupLabel(c.sizing.request, locale)}：${t.verdict[c.sizing.verdict]}，${price(q, c, t)}`
				: `${setupLabel(c.sizing.request)}: ${t.verdict[c.sizing.verdict]}, ${price(q, c, t)}`,
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
export function recommendHelp(footer: string, locale: Locale = "en"): CommandResult<HelpJson> {
	const zh = locale === "zh";
	const words = {
		title: zh ? "gpufit recommend：能放下的最便宜配置" : "gpufit recommend: the cheapest setups that fit",
		usage: zh ? `用法：${RECOMMEND_GRAMMAR}` : `Usage: ${RECOMMEND_GRAMMAR}`,
		options: zh
			? "/recommend 填 model:（deepseek-r1）；precision:、context:（32k）、users:、engine:、price:（rent 或 buy）可选。"
			: "/recommend asks with model: (deepseek-r1); precision:, context: (32k), users:, engine: and price: (rent or buy) are optional.",
		fields: zh
			? [
					{ label: "默认", value: "32K 上下文（模型更短时用模型的）、1 个用户、vLLM、按每小时租金排序" },
					{ label: "预算", value: "budget $30/h 限制租金；budget $400k 限制购买价（并按购买价排序）" },
				]
			: [
					{ label: "Default", value: "32K context (or the model's, if shorter), 1 user, vLLM, ranked by rent per hour" },
					{ label: "Budget", value: "budget $30/h caps the rent; budget $400k caps the purchase (and ranks by it)" },
				],
	};
	return helpResult("recommend", { ok: true, grammar: RECOMMEND_GRAMMAR, examples: EXAMPLES }, words, footer);
}

export function runRecommend(catalog: Catalog, text: string, locale: Locale = "en"): CommandResult<RecommendJson> {
	const footer = footerText(catalog, locale);
	const parsed = parseRecommend(text);
	if (!parsed.ok) return errorResult("recommend", parsed.error, footer, locale);
	const p = parsed.value;
	const found = findModel(catalog, p.model);
	if (!found)
		return errorResult("recommend", unknownModel(catalog, p.model), footer, locale, retryWith("recommend", text, p.model));
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
		locale,
	);
	return { json: recommendJson(q, r), reply: recommendReply(q, r, card, locale), exitCode: 0 };
}
