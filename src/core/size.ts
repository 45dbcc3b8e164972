// The sizing core: one resolved request in, one Sizing out. Pure: no I/O, nothing kept but memos (memo.ts).
import type { CheckpointFormat } from "../catalog/schema.js";
import type { Catalog, Model } from "../catalog/types.js";
import { costOf } from "./cost.js";
import { releaseNote } from "./describe.js";
import { chooseEngine } from "./engine-choice.js";
import { ENGINES, engineBudget, engineCacheModel } from "./engines.js";
import { FORMATS, KV_BYTES, type KvFormat } from "./formats.js";
import { engineBlocker, runFormat, sixteenBit } from "./hardware.js";
import { kvReplication, requestBytesPerGpu, tokenBytesPerRank, tokenBytesReplica } from "./kv.js";
import { attentionTp, chooseLayout, type Parallel } from "./layout.js";
import type { Reason } from "./reasons.js";
import type { EngineId, Sizing, SizingRequest, Verdict } from "./types.js";
import { weightShares } from "./weight-split.js";
import { weightBytes } from "./weights.js";

/** Longest context worth searching (2^30 tokens); answers are capped at the model's own limit. */
const MAX_SEARCH_TOKENS = 2 ** 30;

/** Largest n in [0, hi] with fits(n), for a monotone predicate. */
function largest(hi: number, fits: (n: number) => boolean): number {
	let lo = 0;
	let top = hi;
	while (lo < top) {
		const mid = Math.floor((lo + top + 1) / 2);
		if (fits(mid)) lo = mid;
		else top = mid - 1;
	}
	return lo;
}

function resolveEngine(req: SizingRequest, requested: CheckpointFormat, notes: Reason[]): EngineId {
	const choice = chooseEngine(req.gpu, req.engine, req.engineExplicit, requested);
	if (choice.note) notes.push(choice.note);
	return choice.engine;
}

/**
 * What the weights include beside the decoder, when the checkpoint ships more than a language model.
 * `mtpSaid`: the weights' own note already says what was left out of the files.
 */
function countedModules(model: Model, mtpSaid: boolean): Reason | null {
	const { vision, audio } = model.modules;
	const mtpLayers = mtpSaid ? 0 : model.modules.mtpLayers;
	if (!vision && !audio && mtpLayers === 0) return null;
	return { code: "weights-count", vision, audio, mtpLayers };
}

export function size(catalog: Catalog, req: SizingRequest): Sizing {
	const { model, gpu, count, nodes, gpusPerNode, users } = req;
	const notes: Reason[] = [];
	const requested = req.precision === "native" ? model.nativePrecision : req.precision;
	const engine = resolveEngine(req, requested, notes);
	const run = runFormat(model, requested, gpu, engine);
	notes.push(...run.notes);
	let blocker = engineBlocker(engine, gpu) ?? run.blocker;

	const kvFormat: KvFormat = req.kv ?? (engine === "llamacpp" ? "fp16" : sixteenBit(gpu));
	const kvBytes = KV_BYTES[kvFormat];
	const context = req.context ?? model.contextLength;
	// A model's context is a limit: engines refuse a max_model_len past max_position_embeddings.
	if (context > model.contextLength) {
		const x = model.contextExtension;
		blocker ??= { code: "beyond-context", context, model: model.name, limit: model.contextLength };
		if (x && x.tokens >= context) notes.push({ code: "context-extension", how: x.how, tokens: x.tokens });
	}

	const layout = chooseLayout(model, engine, count, gpusPerNode, run.weights === "fp8", req.layout ?? null);
	const parallel: Parallel = layout.ok
		? { tp: layout.tp, pp: layout.pp, dp: layout.dp, ep: layout.ep }
		: { tp: 1, pp: count, dp: 1, ep: 1 };
	const { tp, pp, dp } = parallel;
	if (layout.ok) notes.push(...layout.notes);
	else blocker ??= layout.reason;

	const weights = weightBytes(model, run.weights, req.spec?.method === "mtp" && model.modules.mtpLayers > 0);
	if (weights.note) notes.push(weights.note);
	const counted = countedModules(model, weights.note !== null);
	if (counted) notes.push(counted);
	if (weights.basis === "params") {
		notes.push({ code: "weights-from-params", params: model.params.total, format: FORMATS[run.weights].label });
	}
	const n = tp * pp;
	// Attention weights are whole on each data-parallel attention rank (split over its tp / dp GPUs); the rest
	// (experts, FFNs, embeddings) is split over the stage's tp GPUs either way.
	const attnTp = attentionTp(parallel);
	const attention = dp === 1 ? 0 : weights.bytes * weightShares(model).attention;
	const weightsPerGpu = dp === 1 ? weights.bytes / n : (attention / attnTp + (weights.bytes - attention) / tp) / pp;
	const budget = engineBudget(engine, gpu, model, { perGpu: weightsPerGpu, format: run.weights }, parallel, req.util);
	// The layers as the engine reserves their cache per request (vLLM: each window plus the batch's tokens).
	const cached = engineCacheModel(engine, model, budget);
	if (req.util !== null && engine === "llamacpp") notes.push({ code: "util-ignored" });

	// A request's cache lives on one data-parallel rank: the ranks share the users, and each holds its own.
	const perRequest = (tokens: number) => requestBytesPerGpu(cached, tokens, attnTp, pp, kvBytes);
	const perTokenPerGpu = tokenBytesPerRank(cached, attnTp, kvBytes) / pp;
	const kvBudget = budget.kvBudgetPerGpu;
	const needPerGpu = Math.ceil(users / dp) * perRequest(context);
	const maxKvTokens = kvBudget > 0 && perTokenPerGpu > 0 ? dp * Math.floor(kvBudget / perTokenPerGpu) : 0;
	const maxContext =
		kvBudget > 0
			? Math.min(
					model.contextLength,
					largest(MAX_SEARCH_TOKENS, (c) => perRequest(c) <= kvBudget),
				)
			: 0;
	const maxUsersAtContext = kvBudget > 0 ? dp * Math.floor(kvBudget / perRequest(context)) : 0;

	const replication = kvReplication(cached, attnTp);
	if (replication > 1 && replication < attnTp) {
		notes.push({ code: "kv-replicated", times: replication });
	}
	if (req.kv === "fp8") notes.push({ code: "kv-fp8" });

	let verdict: Verdict;
	if (blocker !== null || kvBudget <= 0 || maxContext < 1) verdict = "no-fit";
	else if (needPerGpu <= kvBudget && maxContext >= Math.min(context, model.contextLength)) verdict = "fits";
	else verdict = "tight";

	if (blocker !== null) notes.unshift({ code: "cannot-run", blocker });
	if (req.release) notes.unshift(releaseNote(req.release.typed, model.name, req.release.others));
	if (verdict === "no-fit" && blocker === null) {
		const knob = budget.fraction !== null ? ENGINES[engine].knob : null;
		notes.push({ code: "fixed-needs-exceed", engine: ENGINES[engine].label, knob, fraction: knob ? budget.fraction : null });
	}
	if (verdict === "tight" && engine === "vllm" && perRequest(context) > kvBudget) {
		notes.push({ code: "vllm-max-len", context, maxContext });
	}

	return {
		verdict,
		request: req,
		engine,
		engineVersion: budget.version,
		precision: { weights: run.weights, kvCache: kvFormat, requested },
		layout: parallel,
		context,
		users,
		memory: {
			weightsBytes: weights.bytes,
			kvBytesPerToken: tokenBytesReplica(model, kvBytes),
			// Every request's cache, with the copies its attention GPUs hold.
			kvBytes: users * perRequest(context) * attnTp * pp,
			overheadBytes: budget.overheadPerGpu * n,
			capacityBytes: budget.capacityPerGpu * n,
			marginBytes: (kvBudget - needPerGpu) * n,
		},
		perGpu: {
			usableBytes: gpu.memory.usableBytes,
			weightsBytes: weightsPerGpu,
			overheadBytes: budget.overheadPerGpu,
			kvBudgetBytes: kvBudget,
			kvBytesPerToken: perTokenPerGpu,
		},
		limits: { maxKvTokens, maxContext, maxUsersAtContext },
		cost: costOf(catalog, gpu, count, nodes, gpusPerNode),
		notes,
		blocker,
	};
}
