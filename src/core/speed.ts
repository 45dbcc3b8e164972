// Speed estimates of a sized setup: decode per user and in all, time to first token, cost per million
// output tokens, with the constants of the setup's engine, GPU family and precision (catalog/speed,
// core/speed-profile.ts) and the model in core/speed-model.ts. Pure; checked against a table of published
// measurements (test/fixtures/speed/measurements.json, test/core/speed-accuracy.test.ts).
import type { SpeedEntry } from "../catalog/speed-schema.js";
import { KV_BYTES } from "./formats.js";
import type { SpeedAssumption, SpeedNote } from "./reasons.js";
import { type ComputeKind, computeFormat, type SpecRun, type SpeedSetup, workloadSpeed } from "./speed-model.js";
import { precisionClassOf, resolveProfile, speculativeMethod, speedTableOf } from "./speed-profile.js";
import type { EngineId, Sizing } from "./types.js";

export { type ComputeKind, computeFormat, peakTflops } from "./speed-model.js";

/** Prompt length the time to first token is quoted for, unless the request says (`prompt 8k`). */
export const TTFT_PROMPT_TOKENS = 4096;
/** Output length each request is assumed to read back, for throughput with prefills sharing the GPUs. */
export const OUTPUT_TOKENS = 1024;

/** Engines that run draft models or MTP layers (vLLM, SGLang, TensorRT-LLM); named in notes. */
const ENGINE_NAMES: Record<EngineId, string> = {
	vllm: "vLLM",
	sglang: "SGLang",
	trtllm: "TensorRT-LLM",
	llamacpp: "llama.cpp",
	mlx: "MLX",
};

export interface SpeculativeEstimate {
	method: "mtp" | "eagle";
	name: string;
	draftTokens: number;
	/** Share of drafted tokens accepted (the request's, else the published default). */
	accept: number;
	/** The request named the acceptance rate (`accept 0.7`). */
	acceptAsked: boolean;
	/** Output tokens per decode step and user. */
	tokensPerStep: number;
}

export interface SpeedEstimate {
	/** Always true: these figures come from a model of the engines, not a measurement. */
	estimate: true;
	users: number;
	/** Tokens each user's cache holds while decoding (the request's context). */
	contextTokens: number;
	/** Output tokens one user gets per second, with the other users' prefills sharing the GPUs. */
	decodeTokensPerSecondPerUser: number;
	/** Output tokens per second of all users together (each reading back outputTokens per request). */
	decodeTokensPerSecondTotal: number;
	/** Which roofline term set the decode step. */
	decodeBound: "memory" | "compute";
	/** Prompt tokens the time to first token is for. */
	promptTokens: number;
	/** Output tokens each request is assumed to read back (for the throughput in all). */
	outputTokens: number;
	/** Seconds to the first token of a promptTokens prompt at this load (request overhead and queueing included). */
	ttftSeconds: number;
	/** The format the matrix multiplies run in (an upcast model computes in 16-bit). */
	computeFormat: ComputeKind;
	/** Rental cost per million output tokens at this load, where a rental price is known. */
	usdPerMillionOutputTokens: number | null;
	/** Speculative decoding as estimated, or null (none asked, or it cannot run: see notes). */
	speculative: SpeculativeEstimate | null;
	/** The catalog profiles whose constants the estimate used, most general first. */
	profiles: string[];
	/** What the estimate had to change or leave out of the request (worded in commands/reason-words.ts). */
	notes: SpeedNote[];
	assumptions: SpeedAssumption[];
}

/** What every estimate assumes (compare and recommend say it once). */
export const SPEED_ASSUMPTIONS: readonly SpeedAssumption[] = [
	{ code: "fitted-constants" },
	{ code: "workload", promptTokens: TTFT_PROMPT_TOKENS, outputTokens: OUTPUT_TOKENS },
	{ code: "decode-at-context" },
];

/** The speculative decoding a request asks for, as it can run here, with a note when it cannot. */
function speculative(
	s: Sizing,
	table: readonly SpeedEntry[],
	notes: SpeedNote[],
): { run: SpecRun; estimate: Omit<SpeculativeEstimate, "tokensPerStep"> } | null {
	const asked = s.request.spec;
	if (!asked) return null;
	const model = s.request.model;
	const method = speculativeMethod(table, asked.method);
	const label = asked.method === "mtp" ? "MTP" : "EAGLE";
	if (!method) {
		notes.push({ code: "spec-unknown", method: label });
		return null;
	}
	if (asked.method === "mtp" && model.modules.mtpLayers === 0) {
		notes.push({ code: "mtp-no-layers", model: model.name });
		return null;
	}
	if (method.families && !method.families.includes(model.family)) {
		notes.push({ code: "spec-no-draft-head", name: method.name, method: label, model: model.name });
		return null;
	}
	if (!method.engines.includes(s.engine)) {
		notes.push({ code: "spec-engine", engine: ENGINE_NAMES[s.engine], name: method.name });
		return null;
	}
	const accept = asked.accept ?? method.accept;
	return {
		run: { draftTokens: method.draftTokens, accept, draftLayers: method.draftLayers },
		estimate: {
			method: asked.method,
			name: method.name,
			draftTokens: method.draftTokens,
			accept,
			acceptAsked: asked.accept !== undefined,
		},
	};
}

/** The setup a sizing describes, with its constants, for the speed model. */
export function speedSetup(s: Sizing, table: readonly SpeedEntry[] = speedTableOf(s.request.gpu)) {
	const { model, gpu } = s.request;
	const profile = resolveProfile(table, s.engine, gpu, precisionClassOf(s.precision.weights));
	const setup: SpeedSetup = {
		model,
		gpu,
		engine: s.engine,
		weights: s.precision.weights,
		kvBytes: KV_BYTES[s.precision.kvCache],
		layout: s.layout,
		gpusPerNode: s.request.gpusPerNode,
		constants: profile.constants,
	};
	return { setup, profile };
}

/**
 * Speed of a sized setup at its users and context. A tight setup is estimated at the load that fits;
 * null when it does not run at all. `table`: the catalog's speed entries (found through the GPU entry
 * when not given).
 */
export function estimateSpeed(s: Sizing, table: readonly SpeedEntry[] = speedTableOf(s.request.gpu)): SpeedEstimate | null {
	if (s.verdict === "no-fit") return null;
	const fitsAsked = s.verdict === "fits";
	const users = fitsAsked ? s.users : Math.max(1, Math.min(s.users, s.limits.maxUsersAtContext));
	const context = fitsAsked || s.limits.maxUsersAtContext >= 1 ? s.context : s.limits.maxContext;
	const notes: SpeedNote[] = [];
	const askedPrompt = s.request.prompt ?? TTFT_PROMPT_TOKENS;
	const output = Math.max(1, Math.min(OUTPUT_TOKENS, Math.floor(context / 2)));
	const prompt = Math.max(1, Math.min(askedPrompt, context - output));
	if (prompt < askedPrompt) {
		notes.push({ code: "prompt-shortened", asked: askedPrompt, context, prompt });
	}
	const { setup, profile } = speedSetup(s, table);
	const spec = speculative(s, table, notes);
	const w = workloadSpeed(setup, {
		users,
		promptTokens: prompt,
		outputTokens: output,
		contextTokens: context,
		batching: "continuous",
		spec: spec?.run ?? null,
	});
	const total = w.outputTokensPerSecond;
	const hourly = s.cost.hourlyUsd;
	const c = profile.constants;
	const ids = profile.profiles.map((p) => p.id);
	const versions = profile.profiles.map((p) => p.versions).filter((v): v is string => v !== undefined);
	const assumptions: SpeedAssumption[] = [
		{ code: "load", users, promptTokens: prompt, outputTokens: output, contextTokens: context },
		{
			code: "constants",
			profiles: ids,
			version: versions.at(-1) ?? null,
			memoryEfficiency: c.memoryEfficiency,
			prefillEfficiency: c.prefillEfficiency,
			stepOverheadMs: c.stepOverheadMs,
			requestOverheadMs: c.requestOverheadMs,
			prefillChunkTokens: c.prefillChunkTokens,
			prefillLayerOverheadUs: c.prefillLayerOverheadUs,
		},
		spec
			? {
					code: "speculative",
					name: spec.estimate.name,
					draftTokens: spec.run.draftTokens,
					accept: spec.run.accept,
					asked: spec.estimate.acceptAsked,
				}
			: { code: "no-speculative" },
	];
	return {
		estimate: true,
		users,
		contextTokens: context,
		decodeTokensPerSecondPerUser: w.perUserTokensPerSecond,
		decodeTokensPerSecondTotal: total,
		decodeBound: w.bound,
		promptTokens: prompt,
		outputTokens: output,
		ttftSeconds: w.ttftSeconds,
		computeFormat: computeFormat(s.request.gpu, s.precision.weights),
		usdPerMillionOutputTokens: hourly !== null ? (hourly / (total * 3600)) * 1e6 : null,
		speculative: spec ? { ...spec.estimate, tokensPerStep: w.tokensPerStep } : null,
		profiles: ids,
		notes,
		assumptions,
	};
}
