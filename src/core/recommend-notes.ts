// Why the recommendation came out as it did: what was sized, how it was ranked, and why the
// priced alternatives lost (too small, upcast without FP8, no price, over budget, dearer, slower).
import type { Gpu } from "../catalog/types.js";
import { ENGINES } from "./engines.js";
import { FORMATS } from "./formats.js";
import { setupName, shortGpuName } from "./labels.js";
import { HOST_BASE_USD, HOST_PER_GPU_USD } from "./purchase.js";
import { blockerRule, type ClosestNear, type PricedSetup, type RecommendReason, type SearchedFormat } from "./reasons.js";
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

interface NotesInput {
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

/** A first token twice as late as the fastest option's is a wait people notice, worth saying, */
const SLOW_PREFILL_RATIO = 2;
/** when people wait this long for it: below, a slower first token is not slow for the person reading. */
const SLOW_FOR_PEOPLE_S = 2;
function priced(c: Candidate, q: RecommendQuery): PricedSetup {
	const cost = rankCost(c, q.ranking);
	return { setup: setupName(c.sizing.request), usd: Number.isFinite(cost) ? cost : null };
}

function sizingNotes(q: RecommendQuery, context: number): RecommendReason[] {
	const choices = precisionChoices(q.model, q.precision, q.engine);
	const label = (c: PrecisionChoice): SearchedFormat =>
		c.precision === "native"
			? { format: FORMATS[q.model.nativePrecision].label, published: true }
			: { format: FORMATS[c.precision].label, published: false };
	const filters = {
		vendor: q.vendor !== null ? q.vendor.toUpperCase() : null,
		pcieOnly: q.pcieOnly,
		oneNode: q.oneNode,
		budget: q.budget !== null ? { usd: q.budget.usd, perHour: q.budget.per === "hour" } : null,
		engine: q.engineExplicit ? ENGINES[q.engine].label : null,
	};
	const filtered =
		filters.vendor !== null || filters.pcieOnly || filters.oneNode || filters.budget !== null || filters.engine !== null;
	return [
		{ code: "sized-for", users: q.users, context, defaultContext: q.context === null },
		{
			code: "searched",
			ranked: choices.filter((c) => !c.quantized).map(label),
			traded: choices.filter((c) => c.quantized).map(label),
			fp8KvFallback: q.kv === null && q.engine !== "llamacpp",
		},
		q.ranking === "rent"
			? { code: "ranked-by-rent" }
			: { code: "ranked-by-purchase", hostBaseUsd: HOST_BASE_USD, hostPerGpuUsd: HOST_PER_GPU_USD },
		...(filtered ? [{ code: "filters" as const, ...filters }] : []),
	];
}

/** Why each priced GPU that is not among the options lost, one line per reason. */
function lostNotes(input: NotesInput): RecommendReason[] {
	const { q, results, options } = input;
	const shown = new Set(options.map((o) => o.sizing.request.gpu.id));
	const others = results.filter((r) => !shown.has(r.gpu.id) && (q.vendor !== null || input.priced.has(r.gpu.id)));
	const out: RecommendReason[] = [];
	const blocked = others.filter((r) => !r.best && r.blocker !== null);
	// Blockers of one rule ("NVFP4 needs Blackwell FP4 units") are said once, with every card they stop.
	const rule = (r: GpuResult) => (r.blocker ? blockerRule(r.blocker) : "");
	for (const key of new Set(blocked.map(rule))) {
		const group = blocked.filter((r) => rule(r) === key);
		const first = group[0]?.blocker;
		if (first) out.push({ code: "cannot-run-here", rule: first, gpus: group.map((r) => shortGpuName(r.gpu)) });
	}
	const small = others.filter((r) => !r.best && r.blocker === null);
	if (small.length)
		out.push({ code: "too-small", oneNode: q.oneNode, nodes: MAX_NODES, gpus: small.map((r) => shortGpuName(r.gpu)) });
	const perHour = q.ranking === "rent";
	const fits = others.flatMap((r) => (r.best ? [r.best] : [])).sort((a, b) => compareCandidates(a, b, q.ranking));
	const upcast = fits.filter((c) => c.upcast);
	if (upcast.length) {
		const to = FORMATS[upcast[0]?.sizing.precision.weights ?? "bf16"].label;
		out.push({ code: "upcast", to, setups: upcast.map((c) => priced(c, q)), perHour });
	}
	const rest = fits.filter((c) => !c.upcast);
	const unpriced = rest.filter((c) => !Number.isFinite(rankCost(c, q.ranking)));
	if (unpriced.length) out.push({ code: "no-price", rent: perHour, setups: unpriced.map((c) => setupName(c.sizing.request)) });
	const overBudget = rest.filter((c) => Number.isFinite(rankCost(c, q.ranking)) && !withinBudget(c, q.budget));
	if (overBudget.length) out.push({ code: "over-budget", setups: overBudget.map((c) => priced(c, q)), perHour });
	const dearer = rest.filter((c) => Number.isFinite(rankCost(c, q.ranking)) && withinBudget(c, q.budget));
	if (dearer.length) out.push({ code: "dearer", setups: dearer.map((c) => priced(c, q)), perHour });
	return out;
}

/** A peak with the format it is the peak of (said "419 TFLOP/s FP8"). */
const peakOf = (gpu: Gpu, format: ComputeKind) => ({ tflops: Math.round(peakTflops(gpu, format)), format: format.toUpperCase() });

/**
 * Options that answer a long prompt (one that fills the context asked) far later than the fastest one (the H20's
 * cut compute), said only where people wait for it; each compute figure is named with the format it is quoted in.
 */
function slowNotes(options: Candidate[], context: number): RecommendReason[] {
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
		const slow: RecommendReason = {
			code: "slow-prefill",
			setup: setupName(o.sizing.request),
			promptTokens: s.promptTokens,
			seconds: s.ttftSeconds,
			fastest: setupName(fastest.o.sizing.request),
			fastestSeconds: base.ttftSeconds,
			peak: peakOf(g, s.computeFormat),
			fastestPeak: peakOf(f, base.computeFormat),
		};
		return [slow];
	});
}

/** Purchases of cards alone would understate a setup beside servers: they carry a stated host, said here. */
function hostNotes(input: NotesInput): RecommendReason[] {
	const shown = input.options.length > 0 ? input.options : input.closest;
	const cards = shown.filter((o) => o.purchase?.basis === "cards+host");
	if (cards.length === 0) return [];
	const setups = cards.map((c) => ({
		setup: setupName(c.sizing.request),
		usd: c.purchase?.usd ?? 0,
		hostUsd: c.purchase?.hostUsd ?? 0,
	}));
	return [{ code: "host-added", hostBaseUsd: HOST_BASE_USD, hostPerGpuUsd: HOST_PER_GPU_USD, setups }];
}

function quantizedNote(input: NotesInput): RecommendReason[] {
	const { q, quantized, options } = input;
	const best = quantized.find((c) => Number.isFinite(rankCost(c, q.ranking)) && withinBudget(c, q.budget));
	if (!best) return [];
	const top = options[0];
	if (top && rankCost(best, q.ranking) >= rankCost(top, q.ranking)) return [];
	const f = best.sizing.precision.requested;
	return [
		{
			code: "quantized",
			format: FORMATS[f].label,
			setup: priced(best, q),
			perHour: q.ranking === "rent",
			ask: `recommend ${q.model.id} ${f}`,
		},
	];
}

function nothingNotes(input: NotesInput): RecommendReason[] {
	const { q, closest, fitting } = input;
	if (input.options.length > 0) return [];
	if (fitting.length > 0) {
		const budget = { usd: q.budget?.usd ?? 0, perHour: q.budget?.per === "hour" };
		const over = closest.map((c) => priced(c, q));
		return [{ code: "nothing-within-budget", budget, closest: over, perHour: q.ranking === "rent" }];
	}
	const near = closest.map((c) => {
		const s = c.sizing;
		const l = s.limits;
		const what: ClosestNear =
			s.verdict === "tight"
				? { kind: "loads", users: l.maxUsersAtContext, context: s.context, maxContext: l.maxContext }
				: s.blocker !== null
					? { kind: "blocked", blocker: s.blocker }
					: { kind: "short" };
		return { setup: setupName(s.request), near: what };
	});
	return [
		{ code: "nothing-fits", users: q.users, context: input.context },
		...(near.length ? [{ code: "closest" as const, setups: near }] : []),
	];
}

export function recommendNotes(input: NotesInput): RecommendReason[] {
	const all = [
		...nothingNotes(input),
		...sizingNotes(input.q, input.context),
		...hostNotes(input),
		...slowNotes(input.options, input.context),
		...lostNotes(input),
		...quantizedNote(input),
	];
	// Two GPUs of one short name (the 256 GB and 512 GB M3 Ultra) may say the same line: it is said once.
	const said = new Set<string>();
	return all.filter((n) => {
		const key = JSON.stringify(n);
		if (said.has(key)) return false;
		said.add(key);
		return true;
	});
}
