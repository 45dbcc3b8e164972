// Zod schema of catalog/speed/*.yaml: the constants of the speed model (core/speed-model.ts) as data.
// Two kinds of entry, each with where its figures come from and when:
//   profile      constants for the setups it matches (engine, GPU family or GPU, precision class); a setup
//                takes every matching profile, the more specific overriding the more general field by field.
//                The profile that matches everything (empty `match`) must give every constant.
//   speculative  a speculative-decoding method (MTP, EAGLE): draft tokens per step, the acceptance rate
//                published runs reach, and what one draft step costs.
import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");
const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, "ids are lower-case letters, digits, '.' and '-'");
const share = z.number().positive().max(1);
const nonNegative = z.number().nonnegative();
const provenance = {
	source: z.string().min(3, "every figure needs a source"),
	asOf: isoDate,
};

/** What a weight format costs the matrix multiplies: 16-bit, 8-bit (FP8/INT8), 4-bit integer, FP4, or GGUF. */
export const precisionClass = z.enum(["16bit", "8bit", "4bit", "fp4", "gguf"]);
export type PrecisionClass = z.infer<typeof precisionClass>;

/** Every constant of the speed model; a profile gives any subset of them. */
export const speedConstantsSchema = z.object({
	/** Share of the GPU's peak memory bandwidth that decode's weight and cache reads reach. */
	memoryEfficiency: share,
	/** Share of dense peak tensor throughput that decode's small matrix multiplies reach. */
	decodeEfficiency: share,
	/** Rows a decode matrix multiply costs at the least (tensor-core tile); 1 where matrix-vector kernels run. */
	minGemmRows: z.number().int().positive(),
	/** Rows each routed expert's multiply costs at the least in a grouped MoE kernel (its block size). */
	moeGemmRows: z.number().int().positive(),
	/** Rows a dequantizing (weight-only) multiply costs at the least (Marlin-style kernels: 16). */
	weightOnlyGemmRows: z.number().int().positive(),
	/** Share of dense peak tensor throughput that prefill's matrix multiplies reach. */
	prefillEfficiency: share,
	/** Share of 16-bit peak that prefill's attention reaches. */
	attentionEfficiency: share,
	/** Share of 16-bit peak that decode's attention math reaches (it matters for MLA, whose heads share one latent). */
	decodeAttentionEfficiency: share,
	/** Routed experts' grouped matrix multiplies run at this share of the dense ones' efficiency. */
	moeEfficiency: share,
	/** Routed experts' weights are read at this share of the dense weights' bandwidth (grouped kernels). */
	moeMemoryEfficiency: share,
	/** Weights that are dequantized on the fly (no units of their own format) compute at this share. */
	weightOnlyEfficiency: share,
	/** Fixed time of every forward pass: the scheduler, sampling, output processing, launching the graph. */
	stepOverheadMs: nonNegative,
	/** Kernel launches and synchronisation per layer and forward pass that bandwidth cannot hide. */
	layerOverheadUs: nonNegative,
	/** What a MoE layer adds per forward pass: routing, top-k, the grouped expert kernels. */
	moeLayerOverheadUs: nonNegative,
	/**
	 * What a prefill forward pass adds per layer: engines replay CUDA graphs for decode only and run prefill
	 * eagerly, so each prefill pass pays the Python and kernel-launch cost of every layer once.
	 */
	prefillLayerOverheadUs: nonNegative,
	/** Per request, before its first token: HTTP, tokenization, scheduling, detokenizing the first token. */
	requestOverheadMs: nonNegative,
	/** Prompt tokens the engine prefills per forward pass (chunked prefill, llama.cpp's micro-batch). */
	prefillChunkTokens: z.number().int().positive(),
	/** Decode steps a new request waits, on average, for the batch it joins (continuous batching). */
	joinSteps: nonNegative,
	/** One small all-reduce among the GPUs of one server over NVLink / Infinity Fabric. */
	allReduceUs: nonNegative,
	/** The same where the GPUs talk over PCIe. */
	pcieAllReduceUs: nonNegative,
	/** The same across servers (InfiniBand / RoCE). */
	networkAllReduceUs: nonNegative,
	/** Per-GPU bandwidth between servers, GB/s. */
	networkGBps: z.number().positive(),
	/** One expert-parallel dispatch or combine (all-to-all) per MoE layer. */
	allToAllUs: nonNegative,
	/** Handing activations from one pipeline stage (or llama.cpp's layer split) to the next. */
	pipelineHopUs: nonNegative,
	/** Share of the interconnect's bandwidth that collectives reach. */
	linkEfficiency: share,
	/**
	 * 1 where decode attention reads each cached K/V element once per query head of its group (kernels before
	 * grouped-query sharing, such as TensorRT-LLM's masked MHA before XQA); 0 where once per KV head.
	 */
	perQueryHeadKvReads: z.number().min(0).max(1),
	/** Memory and compute time overlap as a soft maximum (t_m^k + t_c^k)^(1/k); larger k is closer to max. */
	overlap: z.number().min(1).max(16),
});
export type SpeedConstants = z.infer<typeof speedConstantsSchema>;
export const SPEED_CONSTANT_NAMES = Object.keys(speedConstantsSchema.shape) as (keyof SpeedConstants)[];

const profileSchema = z.object({
	kind: z.literal("profile"),
	id,
	/** What the profile applies to; a field left out matches anything. */
	match: z
		.object({
			engine: z.enum(["vllm", "sglang", "trtllm", "llamacpp", "mlx"]).optional(),
			/** GPU architecture as the GPU entries name it (ampere, ada, hopper, blackwell, cdna3...). */
			family: z.string().min(2).optional(),
			/** GPU entries by id (one, or a list): overrides their family. */
			gpu: z.union([id, z.array(id).min(1)]).optional(),
			precision: precisionClass.optional(),
			/**
			 * Engine versions older than this one only ("0.7"): constants of past releases, for published runs
			 * made with them. An estimate for a request is for the current release, which such a profile never matches.
			 */
			versionsBelow: z
				.string()
				.regex(/^\d+(\.\d+)*$/, "a version such as 0.7")
				.optional(),
		})
		.strict()
		.default({}),
	/** The engine versions the constants describe (said on the card, not matched). */
	versions: z.string().optional(),
	constants: speedConstantsSchema.partial().strict(),
	note: z.string().optional(),
	...provenance,
});
export type SpeedProfile = z.infer<typeof profileSchema>;

const speculativeSchema = z.object({
	kind: z.literal("speculative"),
	/** The request's word: `spec mtp`, `spec eagle`. */
	id: z.enum(["mtp", "eagle"]),
	name: z.string().min(2),
	/** Tokens drafted per step (engines' usual setting: SGLang/TRT-LLM MTP 3 steps, EAGLE chains of 3). */
	draftTokens: z.number().int().positive().max(16),
	/** Probability that each drafted token is accepted, as published runs measure it (the default of `accept`). */
	accept: share,
	/** One draft step costs this many of the model's decoder layers (plus the LM head). */
	draftLayers: z.number().positive(),
	/** Engines that run the method. */
	engines: z.array(z.enum(["vllm", "sglang", "trtllm", "llamacpp", "mlx"])).min(1),
	/** Model families with published draft heads (EAGLE); absent: the model must ship its own (MTP layers). */
	families: z.array(z.string().min(2)).optional(),
	note: z.string().optional(),
	...provenance,
});
export type SpeculativeMethod = z.infer<typeof speculativeSchema>;

export const speedEntrySchema = z.discriminatedUnion("kind", [profileSchema, speculativeSchema]);
export type SpeedEntry = z.infer<typeof speedEntrySchema>;

/**
 * Problems with the speed entries as a whole: a base profile giving every constant, ids used once, GPU ids
 * that name catalog GPUs.
 */
export function checkSpeedTable(
	entries: readonly SpeedEntry[],
	gpuIds: ReadonlySet<string> | null = null,
): { entry: string; message: string }[] {
	const problems: { entry: string; message: string }[] = [];
	const seen = new Set<string>();
	for (const e of entries) {
		const key = `${e.kind}:${e.id}`;
		if (seen.has(key)) problems.push({ entry: e.id, message: `second ${e.kind} "${e.id}"` });
		seen.add(key);
		if (e.kind !== "profile" || !gpuIds || e.match.gpu === undefined) continue;
		for (const g of Array.isArray(e.match.gpu) ? e.match.gpu : [e.match.gpu]) {
			if (!gpuIds.has(g)) problems.push({ entry: e.id, message: `unknown GPU "${g}" in match.gpu` });
		}
	}
	if (entries.length === 0) return problems;
	const base = entries.filter((e): e is SpeedProfile => e.kind === "profile" && Object.keys(e.match).length === 0);
	if (base.length !== 1) {
		problems.push({ entry: "-", message: `expected one profile with an empty match (the base), found ${base.length}` });
	} else {
		const missing = SPEED_CONSTANT_NAMES.filter((n) => (base[0] as SpeedProfile).constants[n] === undefined);
		if (missing.length)
			problems.push({ entry: (base[0] as SpeedProfile).id, message: `the base profile lacks ${missing.join(", ")}` });
	}
	return problems;
}
