// The speed model: operator rooflines in the manner of LLM-Viewer / GenZ, with the fixed costs that
// AIConfigurator's per-operator latency tables and Vidur's profiled kernels show a roofline misses, and
// a closed-loop scheduler for many users. Every constant is data (catalog/speed, core/speed-profile.ts).
//
// One forward pass on one pipeline stage over T tokens costs, per GPU,
//   memory   weights read (a MoE layer reads only the experts its tokens touch) + the users' caches,
//            over the achieved share of the GPU's bandwidth;
//   compute  matrix multiplies (decode: at least a tile of rows each) at the achieved share of peak in the
//            format they run in, routed experts at a lower share, attention at a share of 16-bit peak;
//   the two overlapping as a soft maximum, plus per-layer launch costs (more for MoE layers) and the
//   collectives of the layout: two all-reduces per layer under tensor parallelism, a dispatch and a combine
//   per MoE layer under expert parallelism, a hand-off between pipeline stages.
// A decode step adds the engine's fixed cost per step; a prefill runs in chunks, pipelined over stages.
// Many users (continuous batching, every user sending the next request when one finishes): each request
// is one prefill then decode steps shared with the others; the other users' prefills take their share
// of the GPUs' time (slowing every decode step), a new request waits for the prefills ahead of it and
// for the batch it joins; throughput is users x output / (time to first token + output x time per token).
import type { CheckpointFormat } from "../catalog/schema.js";
import type { Gpu, Model } from "../catalog/types.js";
import { decodeAttentionFlops, prefillAttentionFlops, prefillContextFlops } from "./attention-flops.js";
import { FORMATS } from "./formats.js";
import { sixteenBit } from "./hardware.js";
import { requestBytesPerGpu, totalLayers } from "./kv.js";
import { attentionTp, type Parallel } from "./layout.js";
import type { SpeedConstants } from "./speed-profile.js";
import type { EngineId } from "./types.js";
import { moeSplit, weightShares } from "./weight-split.js";
import { weightBytes } from "./weights.js";

/** What the matrix multiplies run in. */
export type ComputeKind = "fp8" | "int8" | "fp4" | "bf16" | "fp16" | "tf32";

const has = (gpu: Gpu, f: string) => (gpu.nativeFormats as string[]).includes(f);

/** The precision a run computes in: FP8/INT8/FP4 where the card has the units, else its 16-bit format. */
export function computeFormat(gpu: Gpu, weights: CheckpointFormat): ComputeKind {
	switch (FORMATS[weights].compute) {
		case "fp8":
			if (has(gpu, "fp8") && gpu.tflops.fp8 !== null) return "fp8";
			break;
		case "int8":
			if (!FORMATS[weights].gguf && has(gpu, "int8") && gpu.tflops.int8 !== null) return "int8";
			break;
		case "nvfp4":
		case "mxfp4":
			if ((has(gpu, "nvfp4") || has(gpu, "mxfp4")) && gpu.tflops.fp4 !== null) return "fp4";
			break;
		case "fp32":
			return "tf32";
	}
	return sixteenBit(gpu);
}

/** Dense peak TFLOP/s for a compute format (TF32 at half the 16-bit rate). */
export function peakTflops(gpu: Gpu, format: ComputeKind): number {
	const t = gpu.tflops;
	const sixteen = (sixteenBit(gpu) === "bf16" ? t.bf16 : t.fp16) ?? t.fp16 ?? t.bf16 ?? 1;
	switch (format) {
		case "fp8":
			return t.fp8 ?? sixteen;
		case "int8":
			return t.int8 ?? sixteen;
		case "fp4":
			return t.fp4 ?? sixteen;
		case "tf32":
			return sixteen / 2;
		default:
			return sixteen;
	}
}

/** A setup whose speed is asked: the model on its GPUs, as laid out, with the engine's constants. */
export interface SpeedSetup {
	model: Model;
	gpu: Gpu;
	engine: EngineId;
	/** The weight format as it runs (after upcasts). */
	weights: CheckpointFormat;
	kvBytes: number;
	layout: Parallel;
	/** GPUs per server: tensor parallelism wider than this crosses the network. */
	gpusPerNode: number;
	constants: SpeedConstants;
}

/** Speculative decoding as it runs: draft tokens per step, acceptance per token, cost of one draft step. */
export interface SpecRun {
	draftTokens: number;
	accept: number;
	/** One draft step costs this many decoder layers of the model, plus the LM head. */
	draftLayers: number;
}

/** What many users send: each request a prompt and an output, every user sending again when answered. */
export interface Workload {
	users: number;
	promptTokens: number;
	outputTokens: number;
	/** Tokens in each user's cache while decoding (the estimate's load: the request's context). */
	contextTokens: number;
	/** Continuous batching (servers), or one static batch prefilled together then decoded together. */
	batching: "continuous" | "static";
	spec: SpecRun | null;
	/**
	 * Share of a cycle over which each round of requests arrives (1: spread evenly, the estimate's assumption;
	 * a benchmark whose requests all have nearly the same length keeps them arriving in clumps).
	 */
	arrivalWindow?: number;
	/** Prompt tokens per prefill pass where the server was started with its own budget (else the profile's). */
	chunkTokens?: number;
	/**
	 * Decode steps the scheduler runs back to back before it admits new requests (SGLang's
	 * --num-continuous-decode-steps; 1 by default in every engine).
	 */
	decodeStepsPerSchedule?: number;
}

export interface WorkloadSpeed {
	/** One decode step for all users at the context, without other users' prefills: seconds. */
	stepSeconds: number;
	/** Output tokens one user gets per second while decoding (other users' prefills included). */
	perUserTokensPerSecond: number;
	/** Seconds between a user's output tokens (benchmarks' TPOT), prefills of others included. */
	tpotSeconds: number;
	/** Seconds to the first token at this load: request overhead, queueing, the prefill. */
	ttftSeconds: number;
	/** The prefill alone (engine time, no request overhead or queueing): seconds. */
	prefillSeconds: number;
	/** Output tokens per second of all users together. */
	outputTokensPerSecond: number;
	/** Share of the GPUs' time spent on prefills at this load. */
	prefillShare: number;
	/** Which roofline term set the decode step. */
	bound: "memory" | "compute";
	/** Output tokens per decode step and user (1 without speculative decoding). */
	tokensPerStep: number;
}

const bytesPerParamMemo = new WeakMap<Model, Map<CheckpointFormat, number>>();
function bytesPerParam(model: Model, weights: CheckpointFormat): number {
	let m = bytesPerParamMemo.get(model);
	if (!m) {
		m = new Map();
		bytesPerParamMemo.set(model, m);
	}
	let b = m.get(weights);
	if (b === undefined) {
		b = weightBytes(model, weights).bytes / model.params.total;
		m.set(weights, b);
	}
	return b;
}

/** Parameters of one forward pass split as the layout divides them. */
interface ParamSplit {
	/** Attention projections (whole on each data-parallel attention rank). */
	attention: number;
	/** Everything else every token uses: dense FFNs, shared experts, norms, the LM head. */
	dense: number;
	/** One routed expert across the MoE layers (0 for a dense model). */
	expert: number;
	experts: number;
	perToken: number;
}

const splitMemo = new WeakMap<Model, ParamSplit>();
function paramSplit(model: Model): ParamSplit {
	let s = splitMemo.get(model);
	if (s) return s;
	// The input embedding is a lookup, not a read.
	const lookup = model.tiedEmbeddings ? 0 : model.vocabSize * model.hiddenSize;
	const attention = weightShares(model).attention * model.params.total;
	const moe = moeSplit(model);
	const everyToken = moe ? moe.dense : model.params.total;
	s = {
		attention,
		dense: Math.max(0, everyToken - attention - lookup),
		expert: moe?.expert ?? 0,
		experts: moe?.experts ?? 0,
		perToken: moe?.perToken ?? 0,
	};
	splitMemo.set(model, s);
	return s;
}

/** Expected routed experts `tokens` tokens touch per layer: E x (1 - (1 - k/E)^tokens). */
function expertsTouched(s: ParamSplit, tokens: number): number {
	if (s.experts === 0) return 0;
	return s.experts * (1 - (1 - s.perToken / s.experts) ** tokens);
}

/** Query heads per K/V head over the attention layers (1 for layers without grouped K/V). */
function queryHeadsPerKvHead(model: Model): number {
	let sum = 0;
	let layers = 0;
	for (const g of model.layers) {
		layers += g.count;
		sum += g.count * (g.mixer.kind === "attention" ? g.mixer.heads / g.mixer.kvHeads : 1);
	}
	return layers > 0 ? sum / layers : 1;
}

function softMax(a: number, b: number, k: number): number {
	if (a <= 0) return b;
	if (b <= 0) return a;
	const hi = Math.max(a, b);
	return hi * ((a / hi) ** k + (b / hi) ** k) ** (1 / k);
}

/**
 * Whether the weights are dequantized on the fly: fewer bits than the format the multiplies run in (AWQ,
 * GPTQ and FP4 without FP4 units, FP8 without FP8 units, GGUF's quantized types).
 */
function weightOnly(s: SpeedSetup): boolean {
	const f = FORMATS[s.weights];
	const run = computeFormat(s.gpu, s.weights);
	const runBits = run === "fp4" ? 4 : run === "fp8" || run === "int8" ? 8 : 16;
	return f.bitsPerWeight < runBits - 0.5;
}

/** Seconds of one collective step among `group` GPUs moving `bytes` each (latency + bandwidth). */
function collective(s: SpeedSetup, group: number, bytes: number, latencyUs: number): number {
	if (group <= 1) return 0;
	const c = s.constants;
	const network = group > s.gpusPerNode;
	const linkGBps = network ? c.networkGBps : Math.max(1, s.gpu.interconnect.gbps);
	const busBytes = (2 * (group - 1) * bytes) / group;
	return latencyUs * 1e-6 + busBytes / (linkGBps * 1e9 * c.linkEfficiency);
}

function allReduceLatencyUs(s: SpeedSetup, group: number): number {
	const c = s.constants;
	if (group > s.gpusPerNode) return c.networkAllReduceUs;
	return s.gpu.formFactor === "pcie" || s.gpu.formFactor === "nvl-pcie" ? c.pcieAllReduceUs : c.allReduceUs;
}

interface PassCost {
	seconds: number;
	memory: number;
	compute: number;
}

/**
 * One forward pass of one pipeline stage (its 1/pp of the layers) over `tokens` new tokens, per GPU.
 * `users` and `cacheTokensPerUser`: the caches decode reads. `attentionFlops`: the attention math of the
 * pass on the whole stage group (all ranks, all layers).
 */
function stagePass(
	s: SpeedSetup,
	phase: "decode" | "prefill",
	tokens: number,
	users: number,
	cacheTokensPerUser: number,
	attentionFlops: number,
): PassCost {
	const { model, gpu, layout, constants: c } = s;
	const { tp, pp, dp } = layout;
	const attnTp = attentionTp(layout);
	const split = paramSplit(model);
	const bpp = bytesPerParam(model, s.weights);
	const touched = expertsTouched(split, tokens);
	const rankTokens = tokens / dp;
	const dequant = weightOnly(s);
	const decode = phase === "decode";
	const rows = decode ? (dequant ? c.weightOnlyGemmRows : c.minGemmRows) : 1;
	const expertRows = decode ? c.moeGemmRows : 1;

	const denseBytes = ((split.attention / attnTp + split.dense / tp) * bpp) / pp;
	const expertBytes = (((touched * split.expert) / tp) * bpp) / pp;
	const cacheBytes =
		users > 0 && cacheTokensPerUser > 0
			? Math.ceil(users / dp) *
				requestBytesPerGpu(model, cacheTokensPerUser, attnTp, pp, s.kvBytes) *
				(c.perQueryHeadKvReads > 0 ? queryHeadsPerKvHead(model) : 1)
			: 0;
	const bandwidth = gpu.bandwidthTBps * 1e12 * c.memoryEfficiency;
	const memory = (denseBytes + cacheBytes) / bandwidth + expertBytes / (bandwidth * c.moeMemoryEfficiency);

	const peak = peakTflops(gpu, computeFormat(gpu, s.weights)) * 1e12;
	const eff = (decode ? c.decodeEfficiency : c.prefillEfficiency) * (dequant ? c.weightOnlyEfficiency : 1);
	const denseFlops =
		(2 * split.attention * Math.max(rankTokens, rows)) / attnTp + (2 * split.dense * Math.max(tokens, rows)) / tp;
	const expertFlops = (2 * split.expert * Math.max(tokens * split.perToken, touched * expertRows)) / tp;
	const attentionShare = decode ? c.decodeAttentionEfficiency : c.attentionEfficiency;
	const attention = attentionFlops / tp / (peakTflops(gpu, sixteenBit(gpu)) * 1e12 * attentionShare);
	const compute = (denseFlops / (peak * eff) + expertFlops / (peak * eff * c.moeEfficiency)) / pp + attention / pp;

	const layers = totalLayers(model) / pp;
	const perLayer = c.layerOverheadUs + (split.experts > 0 ? c.moeLayerOverheadUs : 0) + (decode ? 0 : c.prefillLayerOverheadUs);
	const fixed = layers * perLayer * 1e-6;
	const activation = tokens * model.hiddenSize * 2;
	let comm = 0;
	if (split.experts > 0 && layout.ep > 1) {
		// Attention ranks all-reduce among themselves; experts dispatch and combine across the group.
		comm += layers * 2 * collective(s, attnTp, activation / dp, allReduceLatencyUs(s, attnTp));
		comm += layers * 2 * (c.allToAllUs * 1e-6 + collective(s, tp, (activation * split.perToken) / 2, 0));
	} else {
		comm += layers * 2 * collective(s, tp, activation, allReduceLatencyUs(s, tp));
	}
	return { seconds: softMax(memory, compute, c.overlap) + fixed + comm, memory, compute };
}

/** One decode step: every user gets a token (`rows` tokens each when speculative decoding verifies drafts). */
function decodeStep(s: SpeedSetup, users: number, context: number, rows = 1): PassCost {
	const c = s.constants;
	const attn = users * rows * decodeAttentionFlops(s.model, context);
	const stage = stagePass(s, "decode", users * rows, users, context, attn);
	const pp = s.layout.pp;
	const hops = (pp - 1) * c.pipelineHopUs * 1e-6;
	return {
		seconds: pp * stage.seconds + hops + c.stepOverheadMs * 1e-3,
		memory: stage.memory,
		compute: stage.compute,
	};
}

/** One draft step of speculative decoding for `users` users: a few decoder layers and the LM head. */
function draftStep(s: SpeedSetup, users: number, context: number, spec: SpecRun): number {
	const { model, gpu, constants: c, layout } = s;
	const layers = totalLayers(model);
	const stage = stagePass(s, "decode", users, users, context, 0);
	// The stage's time per layer (its fixed share included), for the draft's layers; the LM head read apart.
	const perLayer = (stage.seconds * layout.pp) / layers;
	const head = (model.vocabSize * model.hiddenSize * 2) / layout.tp / (gpu.bandwidthTBps * 1e12 * c.memoryEfficiency);
	return spec.draftLayers * perLayer + head;
}

/**
 * When each chunk of a prefill of `sequences` prompts of `tokens` tokens ends (seconds from its start): the
 * prompts run in chunks of `chunk` tokens, pipelined over the stages.
 */
function prefillChunkEnds(s: SpeedSetup, tokens: number, sequences: number, chunk: number): number[] {
	const c = s.constants;
	const total = tokens * sequences;
	const size = Math.max(1, Math.min(total, chunk));
	const chunks = Math.ceil(total / size);
	const stageEnds: number[] = [];
	let stages = 0;
	let done = 0;
	for (let i = 0; i < chunks; i++) {
		const n = Math.min(size, total - done);
		// Causal attention of this chunk over what came before it in its sequence (a chunk of many prompts
		// holds whole prompts; one long prompt's later chunks re-read its earlier ones).
		const attn =
			sequences > 1
				? sequences * prefillAttentionFlops(s.model, tokens) * (n / total)
				: prefillAttentionFlops(s.model, done + n) - prefillAttentionFlops(s.model, done) + prefillContextFlops(s.model, done);
		stages += stagePass(s, "prefill", n, 0, 0, attn).seconds;
		stageEnds.push(stages);
		done += n;
	}
	const pp = s.layout.pp;
	// Chunks pipeline through the stages: the first chunk crosses all of them, each later one adds a stage.
	const fill = (pp - 1) * (stages / chunks + c.pipelineHopUs * 1e-6);
	return stageEnds.map((t, i) => t + fill + (i + 1) * c.stepOverheadMs * 1e-3);
}

/** A prefill of `sequences` prompts of `tokens` tokens each, in chunks, pipelined over the stages: seconds. */
export function prefillSeconds(s: SpeedSetup, tokens: number, sequences = 1, chunk = s.constants.prefillChunkTokens): number {
	return prefillChunkEnds(s, tokens, sequences, chunk).at(-1) as number;
}

/**
 * Mean time to first token of the first wave of a benchmark run: all `users` requests arrive at once and
 * are prefilled together in chunks; each gets its first token when the chunk holding its last prompt token ends.
 */
export function firstWaveTtftSeconds(s: SpeedSetup, w: Workload): number {
	const users = Math.max(1, w.users);
	const prompt = Math.max(1, w.promptTokens);
	const chunk = Math.max(1, Math.min(prompt * users, w.chunkTokens ?? s.constants.prefillChunkTokens));
	const ends = prefillChunkEnds(s, prompt, users, chunk);
	let sum = 0;
	for (let i = 1; i <= users; i++) sum += ends[Math.min(ends.length, Math.ceil((i * prompt) / chunk)) - 1] as number;
	return s.constants.requestOverheadMs * 1e-3 + sum / users;
}

/**
 * Speed of a workload on a setup. Continuous batching solves the closed loop by fixed point: each user's
 * cycle is its time to first token plus its output's decode; the other users' prefills share the GPUs.
 */
export function workloadSpeed(s: SpeedSetup, w: Workload): WorkloadSpeed {
	const c = s.constants;
	const users = Math.max(1, w.users);
	const output = Math.max(1, w.outputTokens);
	const prompt = Math.max(1, w.promptTokens);
	const spec = w.spec;
	const rows = spec ? spec.draftTokens + 1 : 1;
	const step = decodeStep(s, users, w.contextTokens, rows);
	const tokensPerStep = !spec
		? 1
		: spec.accept >= 1
			? spec.draftTokens + 1
			: (1 - spec.accept ** (spec.draftTokens + 1)) / (1 - spec.accept);
	const draft = spec ? spec.draftTokens * draftStep(s, users, w.contextTokens, spec) : 0;
	const perToken = (step.seconds + draft) / tokensPerStep;
	const bound: "memory" | "compute" = step.compute > step.memory ? "compute" : "memory";

	if (w.batching === "static") {
		const prefill = prefillSeconds(s, prompt, users);
		const cycle = prefill + output * perToken;
		return {
			stepSeconds: step.seconds,
			perUserTokensPerSecond: 1 / perToken,
			tpotSeconds: perToken,
			ttftSeconds: prefill,
			prefillSeconds: prefill,
			outputTokensPerSecond: (users * output) / cycle,
			prefillShare: prefill / cycle,
			bound,
			tokensPerStep,
		};
	}

	const prefill = prefillSeconds(s, prompt, 1, w.chunkTokens);
	const request = c.requestOverheadMs * 1e-3;
	// A new request waits for the decode steps in progress: a run of them where the scheduler runs several.
	const join = (c.joinSteps + ((w.decodeStepsPerSchedule ?? 1) - 1) / 2) * step.seconds;
	const others = (users - 1) / users;
	let ttft = request + prefill;
	let tpot = perToken;
	let share = 0;
	for (let i = 0; i < 12; i++) {
		const cycle = ttft + (output - 1) * tpot;
		share = Math.min(0.9, ((users * prefill) / cycle) * others);
		tpot = perToken / (1 - share);
		// Prefills queue as in an M/D/1 queue, at the load of the window a round of requests arrives in
		// (the whole cycle unless a benchmark keeps its users in step); never behind more than the other
		// users' prefills, as when all of them arrive at once.
		const load = Math.min(0.95, share / (w.arrivalWindow ?? 1));
		const wait = Math.min((load * prefill) / (2 * (1 - load)), ((users - 1) / 2) * prefill);
		ttft = request + prefill + wait + others * join;
	}
	const cycle = ttft + (output - 1) * tpot;
	return {
		stepSeconds: step.seconds,
		perUserTokensPerSecond: 1 / tpot,
		tpotSeconds: tpot,
		ttftSeconds: ttft,
		prefillSeconds: prefill,
		outputTokensPerSecond: (users * output) / cycle,
		prefillShare: share,
		bound,
		tokensPerStep,
	};
}
