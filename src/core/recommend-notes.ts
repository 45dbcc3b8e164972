// Why the recommendation came out as it did: what was sized, how it was ranked, and why the
// priced alternatives lost (too small, upcast without FP8, no price, over budget, dearer, slower).
import type { Gpu } from "../catalog/types.js";
import { ENGINES } from "./engines.js";
import { FORMATS } from "./formats.js";
import { formatUsd, setupLabel, shortGpuName } from "./labels.js";
import { HOST_BASE_USD, HOST_PER_GPU_USD } from "./purchase.js";
import {
	type Candidate,
	compareCandidates,
	type GpuResult,
	type RecommendQuery,
	rankCost,
	withinBudget,
} from "./recommend-rank.js";
import { MAX_NODES, type PrecisionChoice, precisionChoices } from "./search-space.js";
import { type ComputeKind, estimateSpeed, peakTflops, type SpeedEstimate } from "./speed.js";
import { formatSeconds } from "./speed-text.js";
import { formatTokens, roundTokens } from "./units.js";

export interface NotesInput {
	q: RecommendQuery;
	context: number;
	results: GpuResult[];
	options: Candidate[];
	closest: Candidate[];
	/** Every GPU's best full-quality fit, ranked, before the budget. */
	fitting: Candidate[];
	/** Every GPU's best quantized fit, ranked. */
	quantized: Candidate[];
	/** GPUs the catalog prices (rent or purchase): the alternatives a buyer weighs. */
	priced: Set<string>;
}

/** A prompt this many times slower to first token than the fastest option is worth saying, */
const SLOW_PREFILL_RATIO = 3;
/** when people wait this long for it: below, a slower first token is not slow for the person reading. */
const SLOW_FOR_PEOPLE_S = 2;
const MAX_NAMES = 6;

function list(items: string[]): string {
	return items.length <= MAX_NAMES
		? items.join(", ")
		: `${items.slice(0, MAX_NAMES).join(", ")} and ${items.length - MAX_NAMES} more`;
}

function price(c: Candidate, q: RecommendQuery): string {
	const cost = rankCost(c, q.ranking);
	return Number.isFinite(cost) ? formatUsd(cost, q.ranking === "rent") : "no price";
}

function sizingNotes(q: RecommendQuery, context: number): string[] {
	const ctx = formatTokens(context);
	const users = `${q.users} user${q.users > 1 ? "s" : ""}`;
	const basis =
		q.context === null
			? `Sized for ${users} at ${ctx} tokens of context (recommend's default context; add e.g. "ctx 128k" to change it).`
			: `Sized for ${users} at ${ctx} tokens of context.`;
	const choices = precisionChoices(q.model, q.precision, q.engine);
	const label = (c: PrecisionChoice) =>
		c.precision === "native" ? `${FORMATS[q.model.nativePrecision].label} as published` : FORMATS[c.precision].label;
	const ranked = choices.filter((c) => !c.quantized).map(label);
	const traded = choices.filter((c) => c.quantized).map(label);
	const scope = `Searched ${ranked.length ? ranked.join(" and ") : "no full-quality"} weights${q.kv === null && q.engine !== "llamacpp" ? ", with an FP8 KV cache where the default one does not fit" : ""}${traded.length ? `; ${traded.join(", ")} (quality trade-offs) only when named` : ""}.`;
	const rank =
		q.ranking === "rent"
			? "Ranked by the rent of the whole setup per hour (cheapest on-demand provider per GPU); setups that must upcast an FP8 checkpoint (no FP8 units) come after those that run it as published."
			: `Ranked by the purchase price of the whole setup: servers where the catalog prices them, else the cards with a host of ${formatUsd(HOST_BASE_USD)} + ${formatUsd(HOST_PER_GPU_USD)} per GPU per server; setups that must upcast an FP8 checkpoint come after those that run it as published.`;
	const filters = [
		q.vendor !== null ? `${q.vendor.toUpperCase()} GPUs only` : null,
		q.pcieOnly ? "PCIe cards only" : null,
		q.oneNode ? "one node only" : null,
		q.budget !== null ? `budget ${formatUsd(q.budget.usd, q.budget.per === "hour")}` : null,
		q.engineExplicit ? `engine ${ENGINES[q.engine].label}` : null,
	].filter((x): x is string => x !== null);
	return [basis, scope, rank, ...(filters.length ? [`Filters: ${filters.join(", ")}.`] : [])];
}

/** Why each priced GPU that is not among the options lost, one line per reason. */
function lostNotes(input: NotesInput): string[] {
	const { q, results, options } = input;
	const shown = new Set(options.map((o) => o.sizing.request.gpu.id));
	const others = results.filter((r) => !shown.has(r.gpu.id) && (q.vendor !== null || input.priced.has(r.gpu.id)));
	const out: string[] = [];
	const blocked = others.filter((r) => !r.best && r.blocker !== null);
	// The first clause of a blocker names the rule ("NVFP4 needs Blackwell FP4 units"); the rest names the card.
	const rule = (r: GpuResult) => (r.blocker ?? "").split(";")[0] as string;
	for (const reason of new Set(blocked.map(rule))) {
		out.push(`Cannot run here (${reason}): ${list(blocked.filter((r) => rule(r) === reason).map((r) => shortGpuName(r.gpu)))}.`);
	}
	const small = others.filter((r) => !r.best && r.blocker === null);
	if (small.length) {
		const most = q.oneNode ? "one full node" : `${MAX_NODES} full nodes`;
		out.push(`Too small even at ${most}: ${list(small.map((r) => shortGpuName(r.gpu)))}.`);
	}
	const fits = others.flatMap((r) => (r.best ? [r.best] : [])).sort((a, b) => compareCandidates(a, b, q.ranking));
	const upcast = fits.filter((c) => c.upcast);
	if (upcast.length) {
		const label = FORMATS[upcast[0]?.sizing.precision.weights ?? "bf16"].label;
		out.push(
			`No FP8 units, so the checkpoint runs upcast to ${label} (twice the weight bytes, half the decode speed): ${list(upcast.map((c) => `${setupLabel(c.sizing.request)} ${price(c, q)}`))}; ranked after hardware that runs it as published.`,
		);
	}
	const rest = fits.filter((c) => !c.upcast);
	const unpriced = rest.filter((c) => !Number.isFinite(rankCost(c, q.ranking)));
	if (unpriced.length) {
		out.push(
			`Fit, but the catalog has no ${q.ranking === "rent" ? "rental" : "purchase"} price: ${list(unpriced.map((c) => setupLabel(c.sizing.request)))}.`,
		);
	}
	const overBudget = rest.filter((c) => Number.isFinite(rankCost(c, q.ranking)) && !withinBudget(c, q.budget));
	if (overBudget.length)
		out.push(`Over the budget: ${list(overBudget.map((c) => `${setupLabel(c.sizing.request)} ${price(c, q)}`))}.`);
	const dearer = rest.filter((c) => Number.isFinite(rankCost(c, q.ranking)) && withinBudget(c, q.budget));
	if (dearer.length) out.push(`Dearer: ${list(dearer.map((c) => `${setupLabel(c.sizing.request)} ${price(c, q)}`))}.`);
	return out;
}

/** "419 TFLOP/s FP8": a peak with the format it is the peak of. */
const peakText = (gpu: Gpu, format: ComputeKind) => `${Math.round(peakTflops(gpu, format))} TFLOP/s ${format.toUpperCase()}`;

/**
 * Options that answer a long prompt (one that fills the context asked) far later than the fastest one (the H20's
 * cut compute), said only where people wait for it; each compute figure is named with the format it is quoted in.
 */
function slowNotes(options: Candidate[], context: number): string[] {
	// The first token of a prompt as long as the context asked (less the answer), each setup at its load.
	const long = (c: Candidate): SpeedEstimate | null =>
		c.speed === null ? null : estimateSpeed({ ...c.sizing, request: { ...c.sizing.request, prompt: context } });
	const timed = options.flatMap((o) => {
		const speed = long(o);
		return speed ? [{ o, speed }] : [];
	});
	const fastest = timed.reduce<(typeof timed)[number] | null>(
		(a, b) => (a === null || b.speed.ttftSeconds < a.speed.ttftSeconds ? b : a),
		null,
	);
	if (!fastest) return [];
	const base = fastest.speed;
	return timed.flatMap(({ o, speed: s }) => {
		if (s.ttftSeconds < SLOW_PREFILL_RATIO * base.ttftSeconds || s.ttftSeconds < SLOW_FOR_PEOPLE_S) return [];
		const g = o.sizing.request.gpu;
		const f = fastest.o.sizing.request.gpu;
		return [
			`${setupLabel(o.sizing.request)}: a ${formatTokens(s.promptTokens)}-token prompt waits ~${formatSeconds(s.ttftSeconds)} for its first token, against ~${formatSeconds(base.ttftSeconds)} on ${setupLabel(fastest.o.sizing.request)} (${(s.ttftSeconds / base.ttftSeconds).toFixed(1)}x: ${peakText(g, s.computeFormat)} against ${peakText(f, base.computeFormat)} per GPU); slow on long prompts (estimate).`,
		];
	});
}

/** Purchases of cards alone would understate a setup beside servers: they carry a stated host, said here. */
function hostNotes(input: NotesInput): string[] {
	const shown = input.options.length > 0 ? input.options : input.closest;
	const cards = shown.filter((o) => o.purchase?.basis === "cards+host");
	if (cards.length === 0) return [];
	return [
		`† Cards priced alone, with a host added so they compare with whole servers (${formatUsd(HOST_BASE_USD)} + ${formatUsd(HOST_PER_GPU_USD)} per GPU per server: CPUs, memory, chassis, power supplies, networking; an assumption): ${list(cards.map((c) => `${setupLabel(c.sizing.request)} ${formatUsd(c.purchase?.usd ?? 0)} with ${formatUsd(c.purchase?.hostUsd ?? 0)} of hosts`))}.`,
	];
}

function quantizedNote(input: NotesInput): string[] {
	const { q, quantized, options } = input;
	const best = quantized.find((c) => Number.isFinite(rankCost(c, q.ranking)) && withinBudget(c, q.budget));
	if (!best) return [];
	const top = options[0];
	if (top && rankCost(best, q.ranking) >= rankCost(top, q.ranking)) return [];
	const f = best.sizing.precision.requested;
	return [
		`With ${FORMATS[f].label} weights (a quality trade-off): ${setupLabel(best.sizing.request)} fits at ${price(best, q)}; ask "recommend ${q.model.id} ${f}".`,
	];
}

function nothingNotes(input: NotesInput): string[] {
	const { q, closest, fitting } = input;
	if (input.options.length > 0) return [];
	if (fitting.length > 0) {
		return [
			`Nothing fits within ${formatUsd(q.budget?.usd ?? 0, q.budget?.per === "hour")}; closest over budget: ${list(closest.map((c) => `${setupLabel(c.sizing.request)} ${price(c, q)}`))}.`,
		];
	}
	const near = closest.map((c) => {
		const s = c.sizing;
		const what =
			s.verdict === "tight"
				? `loads, ${s.limits.maxUsersAtContext} user${s.limits.maxUsersAtContext === 1 ? "" : "s"} at ${formatTokens(s.context)} or 1 up to ${roundTokens(s.limits.maxContext)}`
				: (s.blocker ?? "weights and engine needs exceed its memory");
		return `${setupLabel(s.request)} (${what})`;
	});
	return [
		`Nothing fits ${q.users} user${q.users > 1 ? "s" : ""} at ${formatTokens(input.context)}.`,
		...(near.length ? [`Closest: ${near.join("; ")}.`] : []),
	];
}

export function recommendNotes(input: NotesInput): string[] {
	// Two GPUs of one short name (the 256 GB and 512 GB M3 Ultra) may say the same line: it is said once.
	return [
		...new Set([
			...nothingNotes(input),
			...sizingNotes(input.q, input.context),
			...hostNotes(input),
			...slowNotes(input.options, input.context),
			...lostNotes(input),
			...quantizedNote(input),
		]),
	];
}
