// The architecture model: a model as a schedule of layer groups, each with the token mixer that
// decides what the layer caches per request. These are facts read from config.json (src/models);
// what each mixer costs in memory, and how tensor parallelism splits it, is the core's (core/cache.ts).
import { z } from "zod";

const positive = z.number().int().positive();

/**
 * DeepSeek Sparse Attention's lightning indexer: one key of `headDim` per cached entry, and attention reads
 * only the `topk` entries it selects.
 */
const indexer = z.object({ heads: positive, headDim: positive, topk: positive });

/** Softmax attention over K/V heads: full (window null), sliding window, or chunked local. */
const attentionMixer = z.object({
	kind: z.literal("attention"),
	/** Query heads. */
	heads: positive,
	kvHeads: positive,
	headDim: positive,
	/** Value head size where it differs from the key's. */
	valueHeadDim: positive.optional(),
	/**
	 * Keys double as values (Gemma 4's attention_k_eq_v on global layers): one projection, not two. vLLM still
	 * caches K and V separately (V a copy of K), so the cache is not halved (core/cache.ts).
	 */
	keyIsValue: z.boolean().default(false),
	/** Tokens a layer holds at most; null: grows with the context. */
	window: positive.nullable().default(null),
	/** The window is an aligned chunk (Llama 4's chunked local attention) rather than a sliding one. */
	chunked: z.boolean().default(false),
	/**
	 * The layer reads the K/V cache of an earlier layer of the same type and allocates none of its own
	 * (Gemma 3n / Gemma 4's num_kv_shared_layers: the last layers of the stack).
	 */
	kvShared: z.boolean().default(false),
	/**
	 * MiniMax-M3's block-sparse attention (sparse_attention_config): besides K/V, the layer caches one index key of
	 * `headDim` per token (a single key head shared by the `heads` index query heads, held whole by every rank), and
	 * attention reads the `topkBlocks` blocks of `blockSize` tokens the index selects. Absent: plain attention.
	 */
	indexKeys: z.object({ heads: positive, headDim: positive, topkBlocks: positive, blockSize: positive }).optional(),
});

/** Multi-head latent attention: one compressed latent per token, optionally with indexer keys (DeepSeek-V3.2, GLM-5). */
const mlaMixer = z.object({
	kind: z.literal("mla"),
	heads: positive,
	kvLoraRank: positive,
	qkRopeHeadDim: positive,
	indexer: indexer.nullable().default(null),
});

/**
 * DeepSeek-V4's compressed attention: a sliding window of uncompressed entries plus one compressed entry per
 * `compressRatio` tokens (0: window only), with indexer keys over the compressed entries on some layers.
 */
const compressedMixer = z.object({
	kind: z.literal("compressed"),
	heads: positive,
	kvHeads: positive,
	headDim: positive,
	window: positive,
	compressRatio: z.number().int().nonnegative(),
	indexer: indexer.nullable().default(null),
});

/** Mamba2 (Nemotron-H, Nemotron 3): a convolution state and an SSM state per request, fixed in size. */
const mambaMixer = z.object({
	kind: z.literal("mamba2"),
	heads: positive,
	headDim: positive,
	stateSize: positive,
	groups: positive,
	convKernel: positive,
	/** Bytes per element of the SSM state (float32 where the config says mamba_ssm_cache_dtype / mamba_ssm_dtype). */
	stateBytes: positive,
});

/** Linear attention with a delta rule (Gated DeltaNet in Qwen3-Next/3.5/3.6, KDA in Kimi-Linear): fixed state per request. */
const linearMixer = z.object({
	kind: z.literal("linear"),
	rule: z.enum(["gated-deltanet", "kda"]),
	keyHeads: positive,
	valueHeads: positive,
	keyHeadDim: positive,
	valueHeadDim: positive,
	convKernel: positive,
	stateBytes: positive,
});

const mixerSchema = z.discriminatedUnion("kind", [attentionMixer, mlaMixer, compressedMixer, mambaMixer, linearMixer]);
export type Mixer = z.infer<typeof mixerSchema>;

export const layerGroupSchema = z.object({ count: positive, mixer: mixerSchema });
export type LayerGroup = z.infer<typeof layerGroupSchema>;

/** Parts of the checkpoint beside the decoder layers, and whether engines load them by default. */
export const modulesSchema = z
	.object({
		/** Next-token-prediction layers: loaded only with MTP speculative decoding. */
		mtpLayers: z.number().int().nonnegative().default(0),
		/** A vision (or audio) encoder ships in the checkpoint and loads with the language model. */
		vision: z.boolean().default(false),
		audio: z.boolean().default(false),
	})
	.default({ mtpLayers: 0, vision: false, audio: false });
export type Modules = z.infer<typeof modulesSchema>;
