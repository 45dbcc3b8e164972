// /compare: one model on several setups, side by side, each sized exactly as /fit sizes it.
import type { Catalog } from "../src/catalog/types.js";
import { emptyReply, type Locale, type Reply, type SuggestionLine } from "../src/chat/reply.js";
import { requestText } from "../src/core/describe.js";
import { FORMATS } from "../src/core/formats.js";
import { formatUsd, layoutLabel } from "../src/core/labels.js";
import { size } from "../src/core/size.js";
import { estimateSpeed, SPEED_ASSUMPTIONS, type SpeedEstimate } from "../src/core/speed.js";
import { formatCostPerMillion, formatRate, formatSeconds } from "../src/core/speed-text.js";
import { suggest } from "../src/core/suggest.js";
import type { Sizing } from "../src/core/types.js";
import { formatTokens } from "../src/core/units.js";
import { COMPARE_EXAMPLE, COMPARE_GRAMMAR, parseCompare } from "../src/parse/compare-grammar.js";
import { resolveFit } from "../src/parse/resolve.js";
import { fitJson } from "./fit.js";
import { footerForPrices, footerText } from "./footer.js";
import { helpResult } from "./help-card.js";
import type { CompareJson, HelpJson } from "./json.js";
import { marginCell } from "./margin-cell.js";
import { noteText, reasonWords, setupLabel, speedAssumptionText, suggestionText } from "./reason-words.js";
import { runOf } from "./request-text.js";
import { type CommandResult, errorResult, retryWith } from "./result.js";

interface Setup {
	sizing: Sizing;
	speed: SpeedEstimate | null;
}

const dash = "-";
const dated = (price: string, asOf: string | null) => (asOf ? `${price} (${asOf})` : price);

/** The words of a /compare card, per locale; figures are written the same way in every language. */
interface CompareStrings {
	verdict: Record<Sizing["verdict"], string>;
	rows: Record<RowKey, string>;
	load: (users: number, context: string) => string;
	none: (setups: number, load: string) => string;
	some: (fits: number, setups: number, load: string) => string;
	cheapest: (setup: string) => string;
	fastest: (setup: string) => string;
	estimates: (assumptions: string[]) => string;
	default: string;
}

type RowKey =
	| "verdict"
	| "margin"
	| "usersCtx"
	| "runsAs"
	| "layout"
	| "rent"
	| "buy"
	| "power"
	| "decodeUser"
	| "decodeTotal"
	| "ttft"
	| "perMillion";

const EN: CompareStrings = {
	verdict: { fits: "Fits", tight: "Tight", "no-fit": "Does not fit" },
	rows: {
		verdict: "verdict",
		margin: "margin",
		usersCtx: "users × ctx",
		runsAs: "runs as",
		layout: "layout",
		rent: "rent",
		buy: "buy",
		power: "power",
		decodeUser: "decode/user",
		decodeTotal: "decode total",
		ttft: "TTFT 4K",
		perMillion: "$/M out",
	},
	load: (users, context) => `${users} user${users === 1 ? "" : "s"} at ${context}`,
	none: (n, load) => `None of the ${n} setups fits ${load}.`,
	some: (fits, n, load) => `${fits} of ${n} fit ${load}`,
	cheapest: (setup) => `cheapest to rent: ${setup}`,
	fastest: (setup) => `fastest decode: ${setup} (estimate)`,
	estimates: (a) => `Speeds are estimates: ${a.join("; ")}.`,
	default: "the model's full context, 1 user, vLLM: the same sizing as fit",
};

const ZH: CompareStrings = {
	verdict: { fits: "可以运行", tight: "勉强", "no-fit": "放不下" },
	rows: {
		verdict: "结论",
		margin: "余量",
		usersCtx: "用户 × 上下文",
		runsAs: "运行方式",
		layout: "并行",
		rent: "租用",
		buy: "购买",
		power: "功耗",
		decodeUser: "每用户解码",
		decodeTotal: "总解码",
		ttft: "首 token（4K）",
		perMillion: "每百万输出",
	},
	load: (users, context) => `${users} 个用户 × ${context}`,
	none: (n, load) => `${n} 套配置都放不下 ${load}。`,
	some: (fits, n, load) => `${n} 套中 ${fits} 套能放下 ${load}`,
	cheapest: (setup) => `租用最便宜：${setup}`,
	fastest: (setup) => `解码最快：${setup}（估算）`,
	estimates: (a) => `速度为估算：${a.join("；")}。`,
	default: "模型的完整上下文、1 个用户、vLLM：与 fit 相同的计算",
};

const compareStrings = (locale: Locale): CompareStrings => (locale === "zh" ? ZH : EN);

/** One row per figure, one column per setup. */
function rows(t: CompareStrings, locale: Locale): [string, (x: Setup) => string][] {
	const r = t.rows;
	return [
		[r.verdict, (x) => t.verdict[x.sizing.verdict]],
		[r.margin, (x) => marginCell(x.sizing, locale)],
		[
			r.usersCtx,
			(x) => (x.sizing.blocker !== null ? dash : `${x.sizing.limits.maxUsersAtContext} × ${formatTokens(x.sizing.context)}`),
		],
		[r.runsAs, (x) => `${FORMATS[x.sizing.precision.weights].label}, ${x.sizing.precision.kvCache.toUpperCase()} KV`],
		[r.layout, (x) => layoutLabel(x.sizing.layout)],
		// Each price with its own date: setups side by side may be priced months apart.
		[
			r.rent,
			(x) =>
				x.sizing.cost.hourlyUsd !== null ? dated(formatUsd(x.sizing.cost.hourlyUsd, true), x.sizing.cost.hourlyAsOf) : dash,
		],
		[
			r.buy,
			(x) =>
				x.sizing.cost.purchaseUsd !== null ? dated(formatUsd(x.sizing.cost.purchaseUsd), x.sizing.cost.purchaseAsOf) : dash,
		],
		[r.power, (x) => `${x.sizing.cost.powerKw} kW`],
		[r.decodeUser, (x) => (x.speed ? formatRate(x.speed.decodeTokensPerSecondPerUser) : dash)],
		[r.decodeTotal, (x) => (x.speed ? formatRate(x.speed.decodeTokensPerSecondTotal) : dash)],
		[r.ttft, (x) => (x.speed ? formatSeconds(x.speed.ttftSeconds) : dash)],
		[
			r.perMillion,
			(x) => (x.speed?.usdPerMillionOutputTokens != null ? formatCostPerMillion(x.speed.usdPerMillionOutputTokens) : dash),
		],
	];
}

function headline(setups: Setup[], locale: Locale): string {
	const t = compareStrings(locale);
	const fits = setups.filter((x) => x.sizing.verdict === "fits");
	const first = setups[0]?.sizing;
	const load = first ? t.load(first.users, formatTokens(first.context)) : "";
	if (fits.length === 0) return t.none(setups.length, load);
	const priced = fits.filter((x) => x.sizing.cost.hourlyUsd !== null);
	const cheapest = priced.sort((a, b) => (a.sizing.cost.hourlyUsd ?? 0) - (b.sizing.cost.hourlyUsd ?? 0))[0];
	const fastest = [...fits].sort(
		(a, b) => (b.speed?.decodeTokensPerSecondPerUser ?? 0) - (a.speed?.decodeTokensPerSecondPerUser ?? 0),
	)[0];
	const parts = [
		t.some(fits.length, setups.length, load),
		cheapest ? t.cheapest(setupLabel(cheapest.sizing.request, locale)) : null,
		fastest?.speed ? t.fastest(setupLabel(fastest.sizing.request, locale)) : null,
	].filter((x) => x !== null);
	return locale === "zh" ? `${parts.join("；")}。` : `${parts.join("; ")}.`;
}

/** Notes that hold for every setup are said once; the others name the setup they are about. */
function compareNotes(setups: Setup[], locale: Locale = "en"): string[] {
	const said = setups.map((x) => x.sizing.notes.map((n) => noteText(n, locale)));
	const all = said.map((notes) => new Set(notes));
	const shared = [...(all[0] ?? [])].filter((n) => all.every((notes) => notes.has(n)));
	const on = reasonWords(locale).onSetup;
	const own = setups.flatMap((x, i) =>
		(said[i] ?? []).filter((n) => !shared.includes(n)).map((n) => on(setupLabel(x.sizing.request, locale), n)),
	);
	return [...new Set([...shared, ...own])];
}

/**
 * What would change the comparison: for each setup that does not fit as asked, the best change the fit card
 * offers (more GPUs, an FP8 cache...), and for those that fit, a cheaper way to the same answer. Never a setup
 * already in the table.
 */
function changes(catalog: Catalog, setups: Setup[], locale: Locale): SuggestionLine[] {
	const shown = new Set(setups.map((x) => requestText(x.sizing.request)));
	const out: SuggestionLine[] = [];
	for (const x of setups) {
		const offer = suggest(catalog, x.sizing).find((s) => !shown.has(s.request));
		if (!offer) continue;
		shown.add(offer.request);
		const text = reasonWords(locale).onSetup(setupLabel(x.sizing.request, locale), suggestionText(offer, locale));
		out.push({ text, run: runOf("fit", offer.request) });
	}
	return out;
}

function compareReply(catalog: Catalog, setups: Setup[], footer: string, locale: Locale = "en"): Reply {
	const t = compareStrings(locale);
	const model = setups[0]?.sizing.request.model;
	const reply = emptyReply(
		"recommend",
		`${model?.name ?? "?"}: ${setups.map((x) => setupLabel(x.sizing.request, locale)).join(" vs ")}`,
		headline(setups, locale),
	);
	reply.table = {
		columns: ["", ...setups.map((x) => setupLabel(x.sizing.request, locale))],
		rows: rows(t, locale).map(([label, cell]) => [label, ...setups.map(cell)]),
		keyColumns: 1,
	};
	reply.notes = [...compareNotes(setups, locale), t.estimates(SPEED_ASSUMPTIONS.map((a) => speedAssumptionText(a, locale)))];
	reply.suggestions = changes(catalog, setups, locale);
	reply.footer = footer;
	return reply;
}

/** `/compare` with nothing, or "help": the grammar and an example. */
export function compareHelp(footer: string, locale: Locale = "en"): CommandResult<HelpJson> {
	const zh = locale === "zh";
	const words = {
		title: zh ? "gpufit compare：并排比较配置" : "gpufit compare: setups side by side",
		usage: zh ? `用法：${COMPARE_GRAMMAR}` : `Usage: ${COMPARE_GRAMMAR}`,
		options: zh
			? "/compare 填 model:（deepseek-r1）和 setups:（用 vs 分隔的配置：8x H200 vs 16x H100）；context:（32k）、users: 可选。"
			: "/compare asks with model: (deepseek-r1) and setups: (GPUs separated by vs: 8x H200 vs 16x H100); context: (32k) and users: are optional.",
		fields: [{ label: zh ? "默认" : "Default", value: compareStrings(locale).default }],
	};
	return helpResult("compare", { ok: true, grammar: COMPARE_GRAMMAR, examples: [COMPARE_EXAMPLE] }, words, footer);
}

export function runCompare(catalog: Catalog, text: string, locale: Locale = "en"): CommandResult<CompareJson> {
	const footer = footerText(catalog, locale);
	const parsed = parseCompare(text);
	if (!parsed.ok) return errorResult("compare", parsed.error, footer, locale);
	const { hardware, ...options } = parsed.value;
	const setups: Setup[] = [];
	for (const hw of hardware) {
		const resolved = resolveFit(catalog, { ...options, hardware: hw }, "compare");
		if (!resolved.ok) {
			const code = resolved.error.code;
			const typed = code === "unknown_model" ? options.model : code === "unknown_gpu" ? hw.gpu : null;
			const failed = errorResult(
				"compare",
				resolved.error,
				footer,
				locale,
				typed ? retryWith("compare", text, typed) : undefined,
			);
			// /compare asks for its GPUs in setups:, not hardware:.
			const said = failed.reply.optionsHeadline?.replace(/^hardware:/, "setups:");
			return said !== undefined ? { ...failed, reply: { ...failed.reply, optionsHeadline: said } } : failed;
		}
		const sizing = size(catalog, resolved.value);
		setups.push({ sizing, speed: estimateSpeed(sizing) });
	}
	// The grammar asks for two setups at least.
	const first = (setups[0] as Setup).sizing;
	return {
		json: {
			ok: true,
			model: { id: first.request.model.id, name: first.request.model.name },
			context: first.context,
			users: first.users,
			setups: setups.map((x) => fitJson(x.sizing, [])),
		},
		reply: compareReply(
			catalog,
			setups,
			footerForPrices(
				catalog,
				setups.flatMap((x) => [x.sizing.cost.hourlyAsOf, x.sizing.cost.purchaseAsOf]),
				locale,
			),
			locale,
		),
		exitCode: 0,
	};
}
