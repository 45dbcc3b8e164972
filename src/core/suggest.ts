// What would make a request fit, or fit better: each candidate is sized by the same core, and only
// those that improve the answer are offered.
import type { CheckpointFormat } from "../catalog/schema.js";
import type { Catalog, Gpu } from "../catalog/types.js";
import { requestText } from "./describe.js";
import { ENGINES } from "./engines.js";
import { FORMATS } from "./formats.js";
import { nodeSplit } from "./nodes.js";
import type { Change, Outcome } from "./reasons.js";
import { maxNodes } from "./search-space.js";
import { size } from "./size.js";
import type { EngineId, Sizing, SizingRequest, Verdict } from "./types.js";
import { weightBytes } from "./weights.js";

export interface Suggestion {
	/** What changes (worded by commands/reason-words.ts). */
	change: Change;
	/** What the changed request comes to. */
	outcome: Outcome;
	/** A `fit` request that reproduces it. */
	request: string;
	verdict: Verdict;
}

const RANK: Record<Verdict, number> = { "no-fit": 0, tight: 1, fits: 2 };
const MAX_SUGGESTIONS = 5;

const outcomeOf = (s: Sizing): Outcome => ({
	verdict: s.verdict,
	users: s.limits.maxUsersAtContext,
	context: s.context,
	maxContext: s.limits.maxContext,
});

const suggestion = (s: Sizing, change: Change): Suggestion => ({
	change,
	outcome: outcomeOf(s),
	request: requestText(s.request),
	verdict: s.verdict,
});

function offer(base: Sizing, s: Sizing, change: Change): Suggestion | null {
	const better =
		RANK[s.verdict] > RANK[base.verdict] ||
		(s.verdict === base.verdict && s.verdict !== "no-fit" && s.limits.maxUsersAtContext > base.limits.maxUsersAtContext);
	return better ? suggestion(s, change) : null;
}

/** Published formats smaller than what runs now, plus FP8/NVFP4 where the GPU computes them. */
function smallerFormats(base: Sizing, gpu: Gpu): CheckpointFormat[] {
	const model = base.request.model;
	const current = weightBytes(model, base.precision.weights).bytes;
	const candidates = new Set<CheckpointFormat>(model.variants.map((v) => v.precision));
	if ((gpu.nativeFormats as string[]).includes("fp8")) candidates.add("fp8");
	if ((gpu.nativeFormats as string[]).includes("nvfp4")) candidates.add("nvfp4");
	// Community AWQ checkpoints exist for most open models; the hardware rules still apply.
	candidates.add("awq");
	const gguf = base.engine === "llamacpp";
	return [...candidates]
		.filter((f) => FORMATS[f].gguf === gguf)
		.map((f) => ({ f, bytes: weightBytes(model, f).bytes }))
		.filter((c) => c.bytes < current)
		.sort((a, b) => b.bytes - a.bytes)
		.map((c) => c.f);
}

export function suggest(catalog: Catalog, base: Sizing): Suggestion[] {
	const req = base.request;
	const limit = req.model.contextLength;
	// Past the model's context nothing else helps: answer at the limit, and what would help there.
	if (base.context > limit) {
		const atLimit = size(catalog, { ...req, context: limit });
		const head = suggestion(atLimit, { code: "model-limit", tokens: limit, model: req.model.name });
		return [head, ...suggest(catalog, atLimit)].slice(0, MAX_SUGGESTIONS);
	}
	const out: Suggestion[] = [];
	const tryReq = (change: Partial<SizingRequest>, what: Change) => {
		if (out.length >= MAX_SUGGESTIONS) return;
		const s = offer(base, size(catalog, { ...req, ...change }), what);
		if (s) out.push(s);
	};
	if (base.blocker !== null && base.verdict === "no-fit") {
		for (const f of smallerFormats(base, req.gpu).slice(0, 2))
			tryReq({ precision: f }, { code: "use-format", format: FORMATS[f].label });
		const replica = replicaGpus(catalog, base);
		if (replica) out.push(replica);
	}
	if (base.verdict !== "fits") {
		// Cheapest first: what costs nothing (settings, engine, layout, a smaller ask), then quantization, then
		// hardware. At most three free changes, those that make it fit before those that only help.
		const free = freeChanges(catalog, base)
			.map((f) => offer(base, size(catalog, { ...req, ...f.change }), f.what))
			.filter((x): x is Suggestion => x !== null);
		out.push(...[...free.filter((x) => x.verdict === "fits"), ...free.filter((x) => x.verdict !== "fits")].slice(0, 3));
		if (base.verdict === "tight") {
			if (base.limits.maxUsersAtContext >= 1 && base.users > 1) {
				tryReqFits(
					out,
					catalog,
					base,
					{ users: base.limits.maxUsersAtContext },
					{ code: "fewer-users", users: base.limits.maxUsersAtContext, asked: base.users },
				);
			}
			if (base.limits.maxContext >= 1) {
				const users = Math.max(1, Math.floor(base.limits.maxKvTokens / Math.max(1, base.limits.maxContext)));
				const ctx = base.limits.maxContext;
				tryReqFits(out, catalog, base, { context: ctx, users: Math.min(users, base.users) }, { code: "context", tokens: ctx });
			}
		}
		const paid: Suggestion[] = [];
		if (base.blocker === null) {
			const f = smallerFormats(base, req.gpu)[0];
			const s = f
				? offer(base, size(catalog, { ...req, precision: f }), { code: "format-weights", format: FORMATS[f].label })
				: null;
			if (s) paid.push(s);
		}
		const hardware = moreGpus(catalog, base) ?? otherGpu(catalog, base);
		if (hardware) paid.push(hardware);
		out.splice(Math.min(out.length, MAX_SUGGESTIONS - paid.length), out.length, ...paid);
	} else {
		const fewer = fewerGpus(catalog, base);
		if (fewer) out.push(fewer);
		if (req.kv !== "fp8" && hasKnob(base)) tryReq({ kv: "fp8" }, { code: "kv-fp8", twice: true });
	}
	return out.slice(0, MAX_SUGGESTIONS);
}

/** Engines that size memory by a fraction and take an FP8 cache (not llama.cpp or MLX). */
const hasKnob = (s: Sizing): boolean => ENGINES[s.engine].knob !== null;

/** Changes that cost nothing, cheapest to make first: the memory fraction, the KV dtype, the layout, another engine. */
function freeChanges(catalog: Catalog, base: Sizing): { change: Partial<SizingRequest>; what: Change }[] {
	const req = base.request;
	const knob = ENGINES[base.engine].knob;
	if (knob === null || base.blocker !== null) return [];
	const out: { change: Partial<SizingRequest>; what: Change }[] = [];
	if ((req.util ?? 0) < HIGH_UTIL) out.push({ change: { util: HIGH_UTIL }, what: { code: "util", knob, util: HIGH_UTIL } });
	if (req.kv !== "fp8") out.push({ change: { kv: "fp8" }, what: { code: "kv-fp8", twice: false } });
	const { tp, pp, dp } = base.layout;
	if (req.model.moe && tp > 1 && dp === 1) {
		out.push({
			change: { layout: { dp: tp, ep: true, ...(pp > 1 ? { pp } : {}) } },
			what: { code: "dp-attention", dp: tp },
		});
	}
	for (const engine of ["sglang", "trtllm", "vllm"] as const) {
		if (engine !== base.engine && engineRuns(catalog, base, engine)) {
			out.push({ change: { engine, engineExplicit: true }, what: { code: "engine", engine: ENGINES[engine].label, id: engine } });
		}
	}
	return out;
}

/** The memory fraction engines are commonly run at when memory is short. */
const HIGH_UTIL = 0.95;

const engineRuns = (catalog: Catalog, base: Sizing, engine: EngineId): boolean =>
	size(catalog, { ...base.request, engine, engineExplicit: true }).blocker === null;

/** Shorter context or fewer users only shrink what is asked: offered when they make it fit. */
function tryReqFits(out: Suggestion[], catalog: Catalog, base: Sizing, change: Partial<SizingRequest>, what: Change): void {
	const s = size(catalog, { ...base.request, ...change });
	if (s.verdict === "fits") out.push(suggestion(s, what));
}

function moreGpus(catalog: Catalog, base: Sizing): Suggestion | null {
	const req = base.request;
	const perServer = req.gpu.gpusPerServer;
	for (const count of largerCounts(req.count, req.gpu)) {
		// Weights alone over 95% of every GPU's memory cannot fit: skip sizing it.
		if (base.memory.weightsBytes / count > 0.95 * req.gpu.memory.usableBytes) continue;
		const split = nodeSplit(count, perServer);
		const s = size(catalog, { ...req, count, ...split });
		if (s.verdict === "fits") {
			return suggestion(s, { code: "more-gpus", count, gpu: req.gpu.name, marginBytes: s.memory.marginBytes });
		}
	}
	return null;
}

/** Too many GPUs for one copy of the model: the smallest usual count that serves it, as one replica. */
function replicaGpus(catalog: Catalog, base: Sizing): Suggestion | null {
	const req = base.request;
	const counts = largerCounts(0, req.gpu).filter((n) => n < req.count);
	for (const count of counts) {
		const s = size(catalog, { ...req, count, ...nodeSplit(count, req.gpu.gpusPerServer) });
		if (s.verdict === "fits" && s.blocker === null) {
			return suggestion(s, { code: "per-replica", count, gpu: req.gpu.name, replicas: Math.floor(req.count / count) });
		}
	}
	return null;
}

/** Counts people buy: powers of two within a server, the full server, then more servers where the card is clustered. */
function largerCounts(count: number, gpu: Gpu): number[] {
	const perServer = gpu.gpusPerServer;
	const out = new Set<number>();
	for (let n = 1; n < perServer; n *= 2) out.add(n);
	for (let servers = 1; servers <= maxNodes(gpu); servers++) out.add(servers * perServer);
	return [...out].filter((n) => n > count).sort((a, b) => a - b);
}

function fewerGpus(catalog: Catalog, base: Sizing): Suggestion | null {
	const req = base.request;
	if (req.count < 2) return null;
	const count = req.count / 2;
	if (!Number.isInteger(count)) return null;
	const split = nodeSplit(count, req.gpu.gpusPerServer);
	const s = size(catalog, { ...req, count, ...split });
	if (s.verdict !== "fits") return null;
	return suggestion(s, { code: "half-gpus", count, gpu: req.gpu.name });
}

/** The GPU with the least memory above this one's on which the same count fits, same vendor first. */
function otherGpu(catalog: Catalog, base: Sizing): Suggestion | null {
	const req = base.request;
	const sameVendor = (g: Gpu) => (g.vendor === req.gpu.vendor ? 0 : 1);
	const bigger = catalog.gpus
		.filter((g) => g.memory.usableBytes > req.gpu.memory.usableBytes && g.gpusPerServer >= Math.min(req.count, req.gpusPerNode))
		.sort((a, b) => sameVendor(a) - sameVendor(b) || a.memory.usableBytes - b.memory.usableBytes);
	for (const gpu of bigger) {
		if (base.memory.weightsBytes / req.count > 0.95 * gpu.memory.usableBytes) continue;
		const split = nodeSplit(req.count, gpu.gpusPerServer);
		const s = size(catalog, { ...req, gpu, ...split });
		if (s.verdict === "fits") {
			return suggestion(s, { code: "other-gpu", count: req.count, gpu: gpu.name });
		}
	}
	return null;
}
