// /compare: one model on several setups, side by side, each sized exactly as /fit sizes it.
import type { Catalog } from "../src/catalog/types.js";
import { emptyReply, type Reply } from "../src/chat/reply.js";
import { requestText } from "../src/core/describe.js";
import { FORMATS } from "../src/core/formats.js";
import { formatUsd, layoutLabel, setupLabel } from "../src/core/labels.js";
import { size } from "../src/core/size.js";
import { estimateSpeed, SPEED_ASSUMPTIONS, type SpeedEstimate } from "../src/core/speed.js";
import { formatCostPerMillion, formatRate, formatSeconds } from "../src/core/speed-text.js";
import type { Sizing } from "../src/core/types.js";
import { formatGiB, formatTokens } from "../src/core/units.js";
import { COMPARE_EXAMPLE, COMPARE_GRAMMAR, parseCompare } from "../src/parse/compare-grammar.js";
import { resolveFit } from "../src/parse/resolve.js";
import { fitJson } from "./fit.js";
import { footerText } from "./footer.js";
import type { CompareJson, HelpJson } from "./json.js";
import { runOf } from "./request-text.js";
import { type CommandResult, errorResult } from "./result.js";

interface Setup {
	sizing: Sizing;
	speed: SpeedEstimate | null;
}

const dash = "-";

const VERDICT_LABEL: Record<Sizing["verdict"], string> = { fits: "Fits", tight: "Tight", "no-fit": "Does not fit" };

/** One row per figure, one column per setup. */
const ROWS: [string, (x: Setup) => string][] = [
	["verdict", (x) => VERDICT_LABEL[x.sizing.verdict]],
	// A setup that cannot run at all (hardware, engine, past the model's context) has no margin to show.
	["margin", (x) => (x.sizing.blocker !== null ? dash : formatGiB(x.sizing.memory.marginBytes))],
	[
		"users × ctx",
		(x) => (x.sizing.blocker !== null ? dash : `${x.sizing.limits.maxUsersAtContext} × ${formatTokens(x.sizing.context)}`),
	],
	["runs as", (x) => `${FORMATS[x.sizing.precision.weights].label}, ${x.sizing.precision.kvCache.toUpperCase()} KV`],
	["layout", (x) => layoutLabel(x.sizing.layout)],
	["rent", (x) => (x.sizing.cost.hourlyUsd !== null ? formatUsd(x.sizing.cost.hourlyUsd, true) : dash)],
	["buy", (x) => (x.sizing.cost.purchaseUsd !== null ? formatUsd(x.sizing.cost.purchaseUsd) : dash)],
	["power", (x) => `${x.sizing.cost.powerKw} kW`],
	["decode/user", (x) => (x.speed ? formatRate(x.speed.decodeTokensPerSecondPerUser) : dash)],
	["decode total", (x) => (x.speed ? formatRate(x.speed.decodeTokensPerSecondTotal) : dash)],
	["TTFT 4K", (x) => (x.speed ? formatSeconds(x.speed.ttftSeconds) : dash)],
	[
		"$/M out",
		(x) => (x.speed?.usdPerMillionOutputTokens != null ? formatCostPerMillion(x.speed.usdPerMillionOutputTokens) : dash),
	],
];

function headline(setups: Setup[]): string {
	const fits = setups.filter((x) => x.sizing.verdict === "fits");
	const first = setups[0]?.sizing;
	const load = first ? `${first.users} user${first.users > 1 ? "s" : ""} at ${formatTokens(first.context)}` : "";
	if (fits.length === 0) return `None of the ${setups.length} setups fits ${load}.`;
	const priced = fits.filter((x) => x.sizing.cost.hourlyUsd !== null);
	const cheapest = priced.sort((a, b) => (a.sizing.cost.hourlyUsd ?? 0) - (b.sizing.cost.hourlyUsd ?? 0))[0];
	const fastest = [...fits].sort(
		(a, b) => (b.speed?.decodeTokensPerSecondPerUser ?? 0) - (a.speed?.decodeTokensPerSecondPerUser ?? 0),
	)[0];
	return [
		`${fits.length} of ${setups.length} fit ${load}`,
		cheapest ? `cheapest to rent: ${setupLabel(cheapest.sizing.request)}` : null,
		fastest?.speed ? `fastest decode: ${setupLabel(fastest.sizing.request)} (estimate)` : null,
	]
		.filter((x) => x !== null)
		.join("; ")
		.concat(".");
}

export function compareReply(setups: Setup[], footer: string): Reply {
	const model = setups[0]?.sizing.request.model;
	const reply = emptyReply(
		"recommend",
		`${model?.name ?? "?"}: ${setups.map((x) => setupLabel(x.sizing.request)).join(" vs ")}`,
		headline(setups),
	);
	reply.table = {
		columns: ["", ...setups.map((x) => setupLabel(x.sizing.request))],
		rows: ROWS.map(([label, cell]) => [label, ...setups.map(cell)]),
	};
	const notes = setups.flatMap((x) => x.sizing.notes.map((n) => `${setupLabel(x.sizing.request)}: ${n}`));
	reply.notes = [...new Set(notes), `Speeds are estimates: ${SPEED_ASSUMPTIONS.join("; ")}.`];
	reply.suggestions = setups.map((x) => ({
		text: `${setupLabel(x.sizing.request)}: ${x.sizing.verdict}`,
		run: runOf("fit", requestText(x.sizing.request)),
	}));
	reply.footer = footer;
	return reply;
}

/** `/compare` with nothing, or "help": the grammar and an example. */
export function compareHelp(footer: string): CommandResult<HelpJson> {
	const reply = emptyReply("help", "gpufit compare: setups side by side", `Usage: ${COMPARE_GRAMMAR}`);
	reply.fields = [{ label: "Default", value: "the model's full context, 1 user, vLLM: the same sizing as fit" }];
	reply.suggestions = [{ text: COMPARE_EXAMPLE, run: runOf("compare", COMPARE_EXAMPLE) }];
	reply.footer = footer;
	return { json: { ok: true, grammar: COMPARE_GRAMMAR, examples: [COMPARE_EXAMPLE] }, reply, exitCode: 0 };
}

export function runCompare(catalog: Catalog, text: string): CommandResult<CompareJson> {
	const footer = footerText(catalog);
	const parsed = parseCompare(text);
	if (!parsed.ok) return errorResult("compare", parsed.error, footer);
	const { hardware, ...options } = parsed.value;
	const setups: Setup[] = [];
	for (const hw of hardware) {
		const resolved = resolveFit(catalog, { ...options, hardware: hw });
		if (!resolved.ok) return errorResult("compare", resolved.error, footer);
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
		reply: compareReply(setups, footer),
		exitCode: 0,
	};
}
