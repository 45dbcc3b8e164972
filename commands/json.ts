// The `--json` output of every command, as zod schemas: the contract's fields (README "fit --json fields",
// "recommend --json fields") and the extras each command adds. The commands build their JSON as these
// types (type-only imports, so answering a request never loads zod); the price job reads a fit's JSON
// through them; the tests parse real output with them. Parsing lets fields the schema does not name through
// (the contract welcomes more), but a field it names missing or of the wrong type fails.
import { z } from "zod";

const nullableNumber = z.number().nullable();

/** A request the bot could not answer: exit code 2 on the CLI. */
export const errorJsonSchema = z.object({
	ok: z.literal(false),
	error: z.object({
		code: z.string(),
		message: z.string(),
		suggestions: z.array(z.string()),
	}),
});

const layoutSchema = z.object({
	tp: z.number().int().positive(),
	pp: z.number().int().positive(),
	dp: z.number().int().positive().optional(),
	ep: z.number().int().positive().optional(),
});

const memorySchema = z.object({
	weightsBytes: z.number(),
	kvBytesPerToken: z.number(),
	kvBytes: z.number(),
	overheadBytes: z.number(),
	capacityBytes: z.number(),
	marginBytes: z.number(),
});

const speedSchema = z.object({
	decodeTokensPerSecondPerUser: z.number(),
	decodeTokensPerSecondTotal: z.number(),
	promptTokens: z.number(),
	ttftSeconds: z.number(),
});

const costSchema = z.object({
	tier: z.string(),
	hourlyUsd: nullableNumber,
	hourlyProvider: z.string().nullable(),
	purchaseUsd: nullableNumber,
	purchaseCny: nullableNumber,
	powerKw: z.number(),
	/** The date of the prices this answer shows (the older of the two below when both are shown). */
	pricesAsOf: z.string(),
	/** The date of the rental price, and of the purchase price, shown. */
	hourlyAsOf: z.string().nullable(),
	purchaseAsOf: z.string().nullable(),
});

/** `fit --json` (the contract's fields, and the extras beside them). */
export const fitJsonSchema = z.object({
	ok: z.literal(true),
	verdict: z.enum(["fits", "tight", "no-fit"]),
	model: z.object({ id: z.string(), name: z.string(), paramsTotal: z.number(), paramsActive: z.number() }),
	hardware: z.object({
		gpu: z.string(),
		name: z.string(),
		count: z.number().int().positive(),
		nodes: z.number().int().positive(),
		gpusPerNode: z.number().int().positive(),
		usableBytesPerGpu: z.number(),
	}),
	engine: z.string(),
	/** The engine and the release line its memory rules follow ("vllm 0.19"); null for llama.cpp and MLX. */
	engineVersion: z.string().nullable(),
	precision: z.object({ weights: z.string(), kvCache: z.string(), requested: z.string() }),
	layout: layoutSchema,
	context: z.number().int(),
	users: z.number().int(),
	memory: memorySchema,
	perGpu: z.object({
		usableBytes: z.number(),
		weightsBytes: z.number(),
		overheadBytes: z.number(),
		kvBudgetBytes: z.number(),
		kvBytesPerToken: z.number(),
	}),
	limits: z.object({ maxKvTokens: z.number(), maxContext: z.number(), maxUsersAtContext: z.number() }),
	speed: speedSchema.nullable(),
	cost: costSchema,
	notes: z.array(z.string()),
	/** What would make it fit, or fit better, in words with the request: "FP8 KV cache: fits (deepseek-r1 on ...)". */
	suggestions: z.array(z.string()),
	/** The same suggestions as `fit` requests that reproduce them. */
	suggestedRequests: z.array(z.string()),
});

/** One option of `recommend --json` (fields after `request` are extras). */
const recommendOptionSchema = z.object({
	gpu: z.string(),
	count: z.number().int().positive(),
	nodes: z.number().int().positive(),
	precision: z.string(),
	verdict: z.enum(["fits", "tight", "no-fit"]),
	marginBytes: z.number(),
	hourlyUsd: nullableNumber,
	provider: z.string().nullable(),
	purchaseUsd: nullableNumber,
	costTier: z.string(),
	/** A `fit` request that reproduces it. */
	request: z.string(),
	name: z.string(),
	gpusPerNode: z.number().int().positive(),
	kvCache: z.string(),
	engine: z.string(),
	layout: layoutSchema,
	powerKw: z.number(),
	maxUsersAtContext: z.number(),
	maxContext: z.number(),
	upcast: z.boolean(),
	speed: speedSchema.nullable(),
	/** The dates of the rental and purchase prices shown (a fetched price: the day its feed last listed it). */
	hourlyAsOf: z.string().nullable(),
	purchaseAsOf: z.string().nullable(),
});

/** `recommend --json`. */
export const recommendJsonSchema = z.object({
	ok: z.literal(true),
	model: z.object({ id: z.string(), name: z.string() }),
	context: z.number().int(),
	users: z.number().int(),
	ranking: z.enum(["rent", "buy"]),
	engine: z.string(),
	options: z.array(recommendOptionSchema),
	closest: z.array(recommendOptionSchema),
	notes: z.array(z.string()),
});

/** `compare --json`: each setup sized exactly as `fit` sizes it. */
export const compareJsonSchema = z.object({
	ok: z.literal(true),
	model: z.object({ id: z.string(), name: z.string() }),
	context: z.number().int(),
	users: z.number().int(),
	setups: z.array(fitJsonSchema),
	/** Where a model named by its Hugging Face id was read from. */
	notes: z.array(z.string()).optional(),
});

/** `gpus --json`. */
const gpusJsonSchema = z.object({
	ok: z.literal(true),
	gpus: z.array(
		z.object({
			id: z.string(),
			name: z.string(),
			vendor: z.string(),
			nominalGB: z.number(),
			usableBytes: z.number(),
			bandwidthTBps: z.number(),
			nativeFormats: z.array(z.string()),
			tdpW: z.number(),
			aliases: z.array(z.string()),
		}),
	),
});

/** `models --json`. */
const modelsJsonSchema = z.object({
	ok: z.literal(true),
	models: z.array(
		z.object({
			id: z.string(),
			name: z.string(),
			family: z.string(),
			paramsTotal: z.number(),
			paramsActive: z.number(),
			cacheLayouts: z.array(z.string()),
			contextLength: z.number(),
			nativePrecision: z.string(),
			aliases: z.array(z.string()),
		}),
	),
});

/** A command's help (`fit help`, `recommend` with nothing): its grammar and examples. */
export const helpJsonSchema = z.object({
	ok: z.literal(true),
	grammar: z.string(),
	/** fit's: the one example the error cards show. */
	example: z.string().optional(),
	examples: z.array(z.string()),
});

const offerSchema = z.object({
	gpu: z.string(),
	provider: z.string(),
	kind: z.string(),
	region: z.string(),
	instance: z.string(),
	usd: z.number(),
	/** The names people use ("H100 SXM", "RunPod"); absent in posts recorded before they were added. */
	gpuName: z.string().optional(),
	providerName: z.string().optional(),
	/** Other regions of the same offer with the same kind of change, folded into this row. */
	regions: z.number().int().optional(),
});

/** The price-update post as `prices post --json` prints it and the outbox keeps it: the facts, not a card. */
export const pricePostJsonSchema = z.object({
	ok: z.literal(true),
	post: z.literal(true),
	/** When the last posted prices (the baseline) were taken. */
	since: z.string(),
	/** When this post was made, and the time zone its times are written in. */
	at: z.string(),
	timeZone: z.string(),
	catalogVersion: z.string(),
	/** The dates of the prices the post shows, for the card's footer. */
	pricesAsOf: z.string(),
	threshold: z.object({ minPct: z.number(), minUsd: z.number() }),
	changes: z.array(offerSchema.extend({ oldUsd: z.number(), newUsd: z.number(), pct: z.number() })),
	added: z.array(offerSchema),
	withdrawn: z.array(offerSchema),
	/** Moves too small to report. */
	ignored: z.number().int(),
	/** Rows past the ones the post shows (the largest moves on the popular GPUs come first). */
	more: z.number().int().optional(),
	cheapest: z.array(
		z.object({
			gpu: z.string(),
			gpuName: z.string().optional(),
			usd: z.number(),
			provider: z.string(),
			providerName: z.string().optional(),
			region: z.string(),
			/** The instance, as the catalog names it. */
			instance: z.string().optional(),
			/** The date of this price. */
			asOf: z.string().optional(),
			wasUsd: nullableNumber,
			wasProvider: z.string().nullable(),
		}),
	),
	fits: z.array(
		z.object({
			request: z.string(),
			title: z.string(),
			verdict: z.string(),
			hourlyUsd: z.number(),
			wasHourlyUsd: nullableNumber,
			provider: z.string().nullable(),
		}),
	),
});

/** `prices post` when nothing goes out: the first run (a baseline) or nothing moved enough. */
const noPostJsonSchema = z.object({
	ok: z.literal(true),
	post: z.literal(false),
	reason: z.enum(["baseline", "no-change"]),
	detail: z.string(),
});

export type ErrorJson = z.infer<typeof errorJsonSchema>;
export type FitJson = z.infer<typeof fitJsonSchema>;
export type RecommendOptionJson = z.infer<typeof recommendOptionSchema>;
export type RecommendJson = z.infer<typeof recommendJsonSchema>;
export type CompareJson = z.infer<typeof compareJsonSchema>;
export type GpusJson = z.infer<typeof gpusJsonSchema>;
export type ModelsJson = z.infer<typeof modelsJsonSchema>;
export type HelpJson = z.infer<typeof helpJsonSchema>;
export type PricePostJson = z.infer<typeof pricePostJsonSchema>;
export type NoPostJson = z.infer<typeof noPostJsonSchema>;

/** What any command prints with --json. */
export type CommandJson = ErrorJson | FitJson | RecommendJson | CompareJson | GpusJson | ModelsJson | HelpJson;

/** The schema of each command's answer (an error answers any command with errorJsonSchema). */
export const COMMAND_JSON = {
	fit: fitJsonSchema,
	recommend: recommendJsonSchema,
	compare: compareJsonSchema,
	gpus: gpusJsonSchema,
	models: modelsJsonSchema,
	help: helpJsonSchema,
} as const;
