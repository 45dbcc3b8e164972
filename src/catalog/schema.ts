// Zod schemas of the catalog files. Each YAML file under catalog/<kind>/ is a list of entries
// of one kind; every entry carries where its figures come from (`source`) and when (`asOf`).
import { z } from "zod";
import { layerGroupSchema, modulesSchema } from "./architecture.js";
import { speedEntrySchema } from "./speed-schema.js";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");
const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, "ids are lower-case letters, digits, '.' and '-'");
const provenance = {
	source: z.string().min(3, "every figure needs a source"),
	asOf: isoDate,
};

/** Number formats a GPU may compute in or a checkpoint may be stored in. */
export const computeFormat = z.enum(["fp32", "fp16", "bf16", "fp8", "int8", "int4", "nvfp4", "mxfp4"]);
export type ComputeFormat = z.infer<typeof computeFormat>;

/** Inference engines a GPU entry may name as the ones that run on it (core/types.ts EngineId). */
export const gpuEngine = z.enum(["vllm", "sglang", "trtllm", "llamacpp", "mlx"]);
export type GpuEngine = z.infer<typeof gpuEngine>;

/**
 * Memory shared by CPU and GPU (Apple silicon, AMD Strix Halo, NVIDIA GB10): the machine's RAM and
 * the share of it the GPU may use by default (usableBytes / RAM).
 */
const unifiedMemory = z.object({
	/** The machine's RAM as sold; RAM sizes are binary (128 GB = 128 GiB). */
	ramGB: z.number().positive(),
	/** usableBytes / RAM: the share of the machine's memory the GPU may use as it comes. */
	gpuShare: z.number().positive().max(1),
	/** What sets the share and how to change it (sysctl, BIOS, kernel parameter). */
	setting: z.string().min(3),
});

export const gpuSchema = z
	.object({
		id,
		name: z.string(),
		aliases: z.array(z.string()).default([]),
		vendor: z.enum(["nvidia", "amd", "intel", "huawei", "apple"]),
		architecture: z.string(),
		/** NVIDIA compute capability ("9.0"); AMD gfx target ("gfx942"); Metal GPU family ("apple9"); null where none applies. */
		computeCapability: z.string().nullable(),
		/** "soc": a GPU on the same chip as the CPU, sharing its memory (memory.unified). */
		formFactor: z.enum(["pcie", "sxm", "oam", "superchip", "nvl-pcie", "module", "soc"]),
		year: z.number().int().min(2010).max(2030),
		memory: z.object({
			/** Marketing figure, decimal GB (unified memory: the GPU's figure as marketed, e.g. Strix Halo's 96 GB). */
			nominalGB: z.number().positive(),
			/**
			 * What the driver exposes to the GPU (nvidia-smi / rocm-smi / torch total_memory; Metal's
			 * recommendedMaxWorkingSetSize on Apple silicon), in bytes.
			 */
			usableBytes: z.number().int().positive(),
			/** How usableBytes was obtained: measured by a named tool, or estimated from the nominal figure. */
			usableBasis: z.enum(["measured", "estimated"]),
			type: z.string(),
			unified: unifiedMemory.optional(),
		}),
		bandwidthTBps: z.number().positive(),
		/** Dense (no sparsity) tensor throughput in TFLOP/s; null when the format is not computed natively. */
		tflops: z.object({
			fp16: z.number().positive().nullable(),
			bf16: z.number().positive().nullable(),
			fp8: z.number().positive().nullable(),
			fp4: z.number().positive().nullable(),
			int8: z.number().positive().nullable(),
		}),
		/** Formats the hardware computes in natively (tensor cores / matrix units). */
		nativeFormats: z.array(computeFormat).min(1),
		interconnect: z.object({ name: z.string(), gbps: z.number().nonnegative() }),
		tdpW: z.number().positive(),
		/** GPUs the usual server of this card holds (8 for HGX, 10 for 10-slot PCIe servers...). */
		gpusPerServer: z.number().int().positive(),
		market: z
			.object({
				exportRestricted: z.boolean().default(false),
				usedOnly: z.boolean().default(false),
				/**
				 * Sold or rented as clusters of servers with a scale-out fabric. Absent: boards in servers of 8 or more
				 * (HGX, OAM, 10-slot PCIe) are; workstation boxes and unified-memory machines are not.
				 */
				clusters: z.boolean().optional(),
				note: z.string().optional(),
			})
			.default({ exportRestricted: false, usedOnly: false }),
		/**
		 * The engines that run on this hardware where only some do (Apple silicon: llama.cpp and MLX);
		 * absent, each engine's own hardware rules decide (core/hardware.ts).
		 */
		engines: z.array(gpuEngine).min(1).optional(),
		notes: z.array(z.string()).default([]),
		...provenance,
	})
	.superRefine((gpu, ctx) => {
		const unified = gpu.memory.unified;
		if (gpu.formFactor === "soc" && !unified) {
			ctx.addIssue({
				code: "custom",
				path: ["memory", "unified"],
				message: "a system-on-chip GPU shares the machine's memory: give memory.unified (RAM, GPU share, setting)",
			});
		}
		if (!unified) return;
		const share = gpu.memory.usableBytes / (unified.ramGB * 2 ** 30);
		if (Math.abs(share - unified.gpuShare) > 0.005) {
			ctx.addIssue({
				code: "custom",
				path: ["memory", "unified", "gpuShare"],
				message: `usableBytes is ${share.toFixed(4)} of the ${unified.ramGB} GiB of RAM, not the gpuShare ${unified.gpuShare}`,
			});
		}
	});
export type Gpu = z.infer<typeof gpuSchema>;

/** Storage formats a checkpoint can be published in (GGUF types by name). */
const checkpointFormat = z.enum([
	"fp32",
	"bf16",
	"fp16",
	"fp8",
	"int8",
	"int4",
	"awq",
	"gptq",
	"nvfp4",
	"mxfp4",
	"q8_0",
	"q6_k",
	"q5_k_m",
	"q4_k_m",
	"q4_0",
	"q3_k_m",
	"q2_k",
	"iq4_xs",
]);
export type CheckpointFormat = z.infer<typeof checkpointFormat>;

const variantSchema = z.object({
	precision: checkpointFormat,
	repo: z.string(),
	/** Bytes of the weight files as published (safetensors / GGUF total). */
	bytes: z.number().int().positive().optional(),
	/** Bytes in the files that engines do not load by default (DeepSeek's MTP module). */
	unloadedBytes: z.number().int().nonnegative().default(0),
	/** Bytes an engine reported after loading, where it repacks or pads the files for its kernels. */
	loadedBytes: z.number().int().positive().optional(),
	note: z.string().optional(),
	...provenance,
});

export const modelSchema = z.object({
	id,
	name: z.string(),
	aliases: z.array(z.string()).default([]),
	family: z.string(),
	hfRepo: z.string(),
	params: z.object({
		/** Parameters of the main model (MTP modules excluded), as the model card states. */
		total: z.number().positive(),
		/** Parameters used per token (MoE: shared + routed experts per token). */
		active: z.number().positive(),
	}),
	hiddenSize: z.number().int().positive(),
	/** FFN width per token: intermediate size for dense, moe width x experts per token for MoE. */
	ffnWidth: z.number().int().positive(),
	vocabSize: z.number().int().positive(),
	tiedEmbeddings: z.boolean(),
	/** The decoder's layers in groups, each with its token mixer (architecture.ts); MTP layers are not among them. */
	layers: z.array(layerGroupSchema).min(1),
	modules: modulesSchema,
	moe: z
		.object({
			experts: z.number().int().positive(),
			sharedExperts: z.number().int().nonnegative(),
			expertsPerToken: z.number().int().positive(),
			/** moe_intermediate_size: one expert's FFN width (FP8 128-blocks must divide its TP share). */
			expertWidth: z.number().int().positive().optional(),
		})
		.nullable(),
	/** Longest context the published config supports (max_position_embeddings): a limit, engines refuse more. */
	contextLength: z.number().int().positive(),
	/** A RoPE scaling the config declares that engines accept beyond contextLength, when they do. */
	contextExtension: z.object({ tokens: z.number().int().positive(), how: z.string() }).nullable().default(null),
	/** Precision of the checkpoint as published (the `native` request). */
	nativePrecision: checkpointFormat,
	variants: z.array(variantSchema).min(1),
	notes: z.array(z.string()).default([]),
	...provenance,
});
export type Model = z.infer<typeof modelSchema>;

const systemSchema = z.object({
	id,
	name: z.string(),
	aliases: z.array(z.string()).default([]),
	gpu: id,
	gpusPerNode: z.number().int().positive(),
	powerKw: z.number().positive(),
	purchase: z.object({ usd: z.number().positive().optional(), cny: z.number().positive().optional() }).default({}),
	notes: z.array(z.string()).default([]),
	...provenance,
});
export type System = z.infer<typeof systemSchema>;

export const priceSchema = z.object({
	gpu: id,
	provider: z.string().min(1),
	kind: z.enum(["on-demand", "spot", "reserved", "purchase"]),
	/** USD per GPU-hour for rentals; USD per card for purchases. */
	usd: z.number().positive(),
	cny: z.number().positive().optional(),
	region: z.string().default("global"),
	instance: z.string().optional(),
	note: z.string().optional(),
	...provenance,
});
export type Price = z.infer<typeof priceSchema>;

export const catalogKinds = {
	gpus: gpuSchema,
	models: modelSchema,
	systems: systemSchema,
	prices: priceSchema,
	speed: speedEntrySchema,
} as const;
export type CatalogKind = keyof typeof catalogKinds;
