// The public accuracy table (issue 13): every usable row of test/fixtures/accuracy/engine-logs.json, a published
// engine start-up, sized through the same path as `fit` (size(): catalog model, GPU, count, the row's layout,
// engine, memory fraction, KV dtype, max model len) and compared with what the engine logged: weights per GPU, the
// KV budget per GPU, the KV tokens, and whether it started. Rows whose engine release or batch settings differ
// from the engine's defaults for that GPU are sized again with the same budget rule at the row's settings
// (engineBudget's options); size() itself answers for the current release lines and defaults.
//
// What is compared, per engine:
//   vLLM "GPU KV cache size: N tokens" is the pool in requests at max_model_len (max concurrency x max_model_len)
//   for windowed models and the pool in tokens for the rest; so ours is (KV budget / one request at max_model_len)
//   x max_model_len. vLLM refuses to start when one request at max_model_len does not fit.
//   SGLang "#tokens" and TensorRT-LLM "max tokens in paged KV cache (N)" are the pool over the bytes of a token.
//   Data-parallel ranks (vLLM -dp, SGLang --enable-dp-attention) each log their own pool: figures per rank.
//
// Tolerances: weights per GPU within 3% (or 0.3 GiB), the KV budget within 6% (or 0.6 GiB), KV tokens within 20%
// of the logged figure per row (the issue's bound), and the median token error over all rows at most 3%.
//
// When ACCURACY_OUT names a file, the per-row figures (ours, a naive "1.2 x weights" rule, logged) are written
// there: scripts/accuracy.mjs runs this file that way and writes docs/accuracy.md from them.
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CheckpointFormat } from "../../src/catalog/schema.js";
import type { Model } from "../../src/catalog/types.js";
import { type BudgetOptions, ENGINES, engineBudget, engineCacheModel } from "../../src/core/engines.js";
import { KV_BYTES } from "../../src/core/formats.js";
import { requestBytesPerGpu, tokenBytesPerRank } from "../../src/core/kv.js";
import { attentionTp, type LayoutRequest } from "../../src/core/layout.js";
import { size } from "../../src/core/size.js";
import type { EngineId, SizingRequest } from "../../src/core/types.js";
import { readConfig } from "../../src/models/config-reader.js";
import { repoCatalog } from "../support/catalog.js";
import { modelOfFacts } from "../support/config-model.js";

const GiB = 2 ** 30;

interface Row {
	id: string;
	engine: EngineId;
	engineVersion: string | null;
	model: string;
	gpu: string;
	gpuCount: number;
	layout: { tp: number; pp: number; dp: number; ep: boolean; dpAttention: boolean };
	settings: {
		maxModelLen: number | null;
		gpuMemoryUtilization: number | null;
		memFractionStatic: number | null;
		kvCacheDtype: string;
		maxNumSeqs: number | null;
		maxNumBatchedTokens: number | null;
		other: string;
	};
	logged: {
		weightsGiBPerGpu: number | null;
		kvCacheGiBPerGpu: number | null;
		kvTokens: number | null;
		outcome: "started" | "refused" | "oom";
	};
	url: string;
	quote: string;
}

const ROWS: Row[] = JSON.parse(readFileSync(new URL("../fixtures/accuracy/engine-logs.json", import.meta.url), "utf8"));

/**
 * How a row is set up here: the catalog model (or a config below), the catalog GPU, the weights as run, and, where
 * the row does not say, the engine release its date and log format imply. `batch` holds the settings the log shows
 * that are not the engine's defaults for the card.
 */
interface Setup {
	model: string;
	gpu: string;
	weights: CheckpointFormat;
	/** The release the row ran, where the row does not state it (from its date and log lines). */
	version?: string;
	/** TensorRT-LLM build limits or vLLM settings the row passed. */
	batch?: Omit<BudgetOptions, "version">;
	/** The logged KV figure is not the pool that sets the tokens (pipeline stage 0: the last stage's is smaller). */
	kvGiBNotThePool?: string;
	/** The logged outcome is decided outside the memory budget: why it is not compared. */
	outcomeNotModelled?: string;
	/** The token figure is not the memory pool: why it is not compared. */
	tokensNotModelled?: string;
	/** Where the row's logged weights differ from the checkpoint the catalog describes. */
	weightsNotCompared?: string;
	/** The memory fraction the logged figures imply, where the row's settings say otherwise, and why. */
	util?: { value: number; why: string };
	/** The KV cache dtype the engine chose, where the row says "auto", and why. */
	kv?: { dtype: "fp8"; why: string };
	/** The catalog entry stands in for the row's model: why it may. */
	standIn?: string;
}

const H100 = "h100-sxm";
const GPT_OSS_20B_PADDING =
	"vLLM pads MXFP4 experts for its kernels and loads 13.47-13.64 GiB; the catalog's gpt-oss-20b entry gives the files' 12.82 GiB (its gpt-oss-120b entry records the loaded size)";
/** The dennislee22 logs say "Using FlashInfer for top-p & top-k sampling" (vLLM 0.10.1.1 with FlashInfer installed). */
const FLASHINFER = { flashinferSampler: true };
const QWEN2 =
	"Qwen2-7B-Instruct is sized as the catalog's Qwen2.5-7B-Instruct: the same config dimensions (28 layers, 4 KV heads, 3584 / 18944 / 152064)";
const PP_STAGE0 = "vLLM logs stage 0's budget; the pool (and its tokens) is the last stage's, which holds the sampler";

const SETUPS: Record<string, Setup> = {
	"v-llmd-01": { model: "llama-3.1-8b", gpu: H100, weights: "bf16" },
	"v-llmd-02": { model: "llama-3.1-8b", gpu: H100, weights: "bf16" },
	"v-llmd-03": { model: "llama-3.1-8b", gpu: H100, weights: "bf16" },
	"v-llmd-04": { model: "llama-3.1-8b", gpu: H100, weights: "bf16", kvGiBNotThePool: PP_STAGE0 },
	"v-llmd-05": {
		model: "llama-3.1-8b",
		gpu: H100,
		weights: "bf16",
		kvGiBNotThePool: PP_STAGE0,
		weightsNotCompared:
			"stage 0 holds the embeddings (0.98 GiB) beside its 8 layers; the split here is even (3.74 GiB per stage)",
	},
	"v-llmd-06": { model: "llama-3.1-8b", gpu: H100, weights: "bf16" },
	"v-llmd-07": { model: "llama-3.3-70b", gpu: H100, weights: "fp8" },
	"v-llmd-08": { model: "llama-3.3-70b", gpu: H100, weights: "fp8" },
	"v-llmd-09": { model: "qwen2.5-72b", gpu: H100, weights: "bf16" },
	"v-llmd-10": { model: "mixtral-8x7b", gpu: H100, weights: "bf16" },
	"v-llmd-11": { model: "qwen3-30b-a3b", gpu: H100, weights: "bf16" },
	"v-llmd-12": { model: "llama-4-scout", gpu: H100, weights: "bf16" },
	"v-llmd-13": {
		model: "gpt-oss-20b",
		gpu: H100,
		weights: "mxfp4",
		outcomeNotModelled:
			"the pool was sized and logged (58.47 GiB); the start then failed in the sampler warm-up after CUDA-graph capture, with 1.78 GiB reserved but unallocated by PyTorch's allocator (fragmentation), which no budget rule here models",
	},
	"v-llmd-14": { model: "gpt-oss-20b", gpu: H100, weights: "mxfp4" },
	"v-llmd-15": { model: "gemma-3-27b", gpu: H100, weights: "bf16" },
	"v-llmd-16": { model: "config:gemma-2-27b-it", gpu: H100, weights: "bf16" },
	"v-llmd-17": { model: "config:DeepSeek-V2-Lite-Chat", gpu: H100, weights: "bf16" },
	"v-llmd-18": { model: "qwen3-8b", gpu: H100, weights: "bf16" },
	"v-sweep-01": { model: "qwen3-14b", gpu: H100, weights: "bf16" },
	"v-sweep-02": { model: "qwen3-14b", gpu: H100, weights: "bf16" },
	"v-sweep-03": { model: "qwen3-14b", gpu: H100, weights: "bf16" },
	"v-sweep-04": { model: "qwen3-14b", gpu: H100, weights: "bf16" },
	"v-lld-01": {
		model: "gpt-oss-120b",
		gpu: H100,
		weights: "mxfp4",
		util: {
			value: 0.95,
			why: "its figures add up to 0.95 x 79.18 GiB (64.38 + 7.38 + 0.13 + 3.33 = 75.22), not 0.9 x 79.18 = 71.26 as the table's util column says",
		},
	},
	"v-lld-02": { model: "gpt-oss-20b", gpu: H100, weights: "mxfp4" },
	"v-lld-03": { model: "llama-3.3-70b", gpu: H100, weights: "fp8" },
	"v-lld-04": { model: "qwen3-32b", gpu: H100, weights: "bf16" },
	"v-lld-05": { model: "qwen3-32b", gpu: H100, weights: "bf16" },
	"v-dl-01": { model: "qwen2.5-7b", gpu: "a100-80gb-sxm", weights: "bf16", batch: FLASHINFER, standIn: QWEN2 },
	"v-dl-02": { model: "qwen2.5-7b", gpu: "a100-80gb-sxm", weights: "bf16", batch: FLASHINFER, standIn: QWEN2 },
	// The file name says A100 40GB: 0.5 x 80 GiB less 7.12 GiB of weights could not leave 11.03 GiB.
	"v-dl-03": { model: "qwen2.5-7b", gpu: "a100-40gb-sxm", weights: "bf16", batch: FLASHINFER, standIn: QWEN2 },
	"v-dl-04": { model: "qwen2.5-7b", gpu: "a100-80gb-sxm", weights: "bf16", batch: FLASHINFER, standIn: QWEN2 },
	"v-dl-05": { model: "qwen2.5-7b", gpu: "a100-80gb-sxm", weights: "bf16", batch: FLASHINFER, standIn: QWEN2 },
	"v-dl-06": {
		model: "gpt-oss-120b",
		gpu: "a100-80gb-sxm",
		weights: "mxfp4",
		batch: FLASHINFER,
		weightsNotCompared: "A100 runs MXFP4 through Marlin, which loads 68.9 GiB (17.22 x 4) where Hopper's path loads 64.38",
	},
	"v-i10517-a": { model: "llama-3.1-8b", gpu: "rtx-3090", weights: "bf16", version: "0.6" },
	"v-i10517-b": { model: "llama-3.1-8b", gpu: "rtx-3090", weights: "bf16", version: "0.6" },
	"v-i21348": { model: "qwen3-235b-a22b", gpu: H100, weights: "fp8", version: "0.10" },
	"v-i13061": {
		model: "deepseek-r1-distill-qwen-14b",
		gpu: "rtx-4090",
		weights: "bf16",
		version: "0.7",
		kvGiBNotThePool:
			"the 8.69 GiB is the reporter's copy of one rank's line; the refusal's 81,536 tokens are 7.46 GiB of this cache at TP2 (96 KiB per token per GPU), the pool of the rank that samples (V0 sampled on the driver)",
	},
	"v-i27508": { model: "gpt-oss-120b", gpu: H100, weights: "mxfp4", version: "0.11" },
	"v-i23278": {
		model: "gpt-oss-120b",
		gpu: "h100-pcie",
		weights: "mxfp4",
		version: "0.10",
		weightsNotCompared: "this build loaded MXFP4 through Marlin (65.97 GiB) where Hopper's Triton path loads 64.38",
		kvGiBNotThePool:
			"with the Marlin weights (1.59 GiB more than the catalog's loaded figure) the logged budget is 1.59 GiB lower; the refusal is compared",
	},
	"v-rec12-a": { model: "qwen3-coder-480b-a35b", gpu: "h20-141gb", weights: "fp8", version: "0.10" },
	"v-rec12-b": { model: "qwen3-coder-480b-a35b", gpu: "h20-141gb", weights: "fp8", version: "0.10" },
	"s-i21348": { model: "qwen3-235b-a22b", gpu: H100, weights: "fp8" },
	"s-qwq-l4": { model: "qwq-32b", gpu: "l4", weights: "bf16" },
	"s-pr11309-a": {
		model: "deepseek-v3.2",
		gpu: "b200",
		weights: "fp8",
		kv: {
			dtype: "fp8",
			why: "43.67 GB over 975,424 tokens is 788 B per layer and token: the 656 B FP8 latent plus 132 B of indexer keys, so SGLang ran an FP8 cache",
		},
	},
	"s-kimi25-mi355x": { model: "kimi-k2.5", gpu: "mi355x", weights: "int4" },
	"s-dsv4pro-h200": { model: "deepseek-v4-pro", gpu: "h200-sxm", weights: "fp8" },
	"t-i6294": {
		model: "llama-3.1-8b",
		gpu: "h100-pcie",
		weights: "fp8",
		batch: { maxSeqs: 4096, batchedTokens: 23552 },
		kv: { dtype: "fp8", why: "52.51 GiB over 860,320 tokens is 64 KiB a token: the FP8 checkpoint's FP8 cache" },
		tokensNotModelled:
			"trtllm-bench passed max_tokens 860,308 from its dataset, smaller than the fraction's bound, so the pool is that count, not a memory figure",
	},
	"t-i4275": { model: "llama-3.1-8b", gpu: "rtx-5090", weights: "fp8", batch: { maxSeqs: 2048, batchedTokens: 1024 } },
};

/** Rows that cannot be reproduced, and why. */
const EXCLUDED: Record<string, string> = {
	"v-pr12126":
		"Llama-3.2-11B-Vision is an encoder-decoder with cross-attention (not in the catalog); its 36.63 GiB profile peak is the vision encoder and cross-attention inputs for 128 sequences, which no rule here models",
	"v-pr2031-a": "vLLM 0.2.x (December 2023) before/after block counts of a PR; the model id and settings are not stated",
	"v-pr2031-b":
		"vLLM 0.2.x (December 2023): cupy/NCCL buffers of that era (13 GiB per GPU at TP4); model id and settings not stated",
	"v-i33155":
		"only the weights are logged; the OOM at util 0.97 on 0.14.1 happens outside the budget (the title names it, the failing step is not logged)",
	"v-pr4650":
		"vLLM 0.5.4 cached DeepSeek-V2's full per-head K/V (before its MLA cache); the cache rules here follow today's MLA layout, so the refusal is the cache layout's, not the budget's",
	"s-pr11309-b":
		"a bug fixed by the same PR: the pool was sized without the DSA indexer keys, so the logged 54.52 GB is not what the engine needed; the rules follow the fixed engine (s-pr11309-a)",
	"t-i1188":
		"the Quadro RTX A4000 is not in the catalog (its logged runtime and decoder buffers are still a source of engine-trtllm.ts)",
	"t-i224":
		"TensorRT-LLM 0.5 (2023) sized its activations by max_batch_size x max_input_len, and the row does not state max_input_len",
};

/** Configs of models the catalog does not hold (the hub's config.json, the keys the reader uses). */
const CONFIGS: Record<string, Record<string, unknown>> = {
	// https://huggingface.co/google/gemma-2-27b-it/blob/main/config.json
	"gemma-2-27b-it": {
		architectures: ["Gemma2ForCausalLM"],
		model_type: "gemma2",
		head_dim: 128,
		hidden_size: 4608,
		intermediate_size: 36864,
		max_position_embeddings: 8192,
		num_attention_heads: 32,
		num_hidden_layers: 46,
		num_key_value_heads: 16,
		query_pre_attn_scalar: 144,
		sliding_window: 4096,
		// Not in the hub's file: Gemma2Config's default, which transformers and vLLM apply.
		tie_word_embeddings: true,
		torch_dtype: "bfloat16",
		vocab_size: 256000,
	},
	// https://huggingface.co/deepseek-ai/DeepSeek-V2-Lite-Chat/blob/main/config.json
	"DeepSeek-V2-Lite-Chat": {
		architectures: ["DeepseekV2ForCausalLM"],
		model_type: "deepseek_v2",
		first_k_dense_replace: 1,
		hidden_size: 2048,
		intermediate_size: 10944,
		kv_lora_rank: 512,
		max_position_embeddings: 163840,
		moe_intermediate_size: 1408,
		moe_layer_freq: 1,
		n_routed_experts: 64,
		n_shared_experts: 2,
		num_attention_heads: 16,
		num_experts_per_tok: 6,
		num_hidden_layers: 27,
		num_key_value_heads: 16,
		q_lora_rank: null,
		qk_nope_head_dim: 128,
		qk_rope_head_dim: 64,
		tie_word_embeddings: false,
		torch_dtype: "bfloat16",
		v_head_dim: 128,
		vocab_size: 102400,
	},
};

function configModel(name: string): Model {
	const config = CONFIGS[name];
	const read = readConfig(config);
	if (!read.ok) throw new Error(`${name}: ${read.message}`);
	return modelOfFacts(read.facts, {
		id: name.toLowerCase(),
		name,
		family: name.toLowerCase().startsWith("gemma") ? "gemma" : "fixture",
		hfRepo: name,
		source: "config.json",
		asOf: "2026-12-02",
	});
}

/**
 * Rows that miss a tolerance, with what is known of why: the check is still reported (docs/accuracy.md) but not
 * asserted. Weights are the catalog's; a weights miss there is the catalog entry's, not the engine rule's.
 */
const KNOWN_MISSES: Record<string, { weights?: string; kv?: string; tokens?: string }> = {
	"v-llmd-12": {
		weights:
			"vLLM loaded 53.12 GiB per GPU (212.5 GiB in all) where the catalog's checkpoint holds 202.4 GiB (50.6 per GPU); that gap is the budget's whole miss (its profile peak is 3.19 GiB, 3.02 here: the vision encoder's profile is not modelled)",
		kv: "the catalog's weights (above)",
	},
	"v-llmd-13": { weights: GPT_OSS_20B_PADDING },
	"v-llmd-14": { weights: GPT_OSS_20B_PADDING },
	"v-lld-02": { weights: GPT_OSS_20B_PADDING },
	"v-i21348": {
		kv: "release not stated (July 2025), and the LMCache connector's buffers and the sampler in use unknown: 0.91 GiB over the 0.10 rule",
	},
	"v-i27508": {
		kv: "1.63 GiB more than the 0.11 rule at 1024 batched tokens; the row logs no profile breakdown (0.11.x; possibly the sampler's log-probs)",
	},
	"s-i21348": {
		kv: "SGLang release not stated; the logged pool implies 1.3 GiB in use before the weights on 4x H100 (NVLink all-reduce buffers) where 4x L4 had 0.40 GiB",
	},
	"s-kimi25-mi355x": {
		weights:
			"SGLang loaded 73.58 GiB per GPU; the catalog has no file size for the INT4 checkpoint and estimates 62.5 (its vision tower and 16-bit attention and shared experts are more than the estimate allows)",
		kv: "the catalog's weights (above); with the logged 73.58 GiB the rule gives 163.5 GiB (+1.8%)",
	},
	"s-dsv4pro-h200": {
		weights:
			"the checkpoint keeps FP8 attention and FP4 experts (125.65 GiB per GPU logged); the catalog has no file size and estimates 186.5 GiB all-FP8 (99.3 all-FP4). The refusal is agreed either way: 0.88 x (139.8 - 0.4) GiB is below 125.65",
	},
};

/** Calibration: rows whose logged figures set a constant of the rules (the rest are held out). */
const CALIBRATION: Record<string, string> = {
	"v-llmd-01": "vLLM 0.19 profile constant and the non-torch memory of one GPU",
	"v-llmd-02": "vLLM 0.19 non-torch memory at TP2",
	"v-llmd-03": "vLLM 0.19 non-torch memory at TP4",
	"v-llmd-04": "vLLM 0.19 non-torch memory with pipeline stages",
	"v-llmd-18": "vLLM 0.17+ sampler bytes per logit (with v-llmd-01)",
	"v-sweep-01": "vLLM 0.8-0.16 sampler bytes per logit",
	"v-lld-05": "vLLM 0.11 non-torch memory at TP2",
	"v-dl-01": "A100 80GB total memory (with v-dl-02)",
	"v-dl-02": "A100 80GB total memory (with v-dl-01)",
	"s-qwq-l4": "SGLang memory in use before the weights",
	"t-i4275": "TensorRT-LLM buffer bytes per sequence (with t-i1188, excluded)",
};

type Outcome = "started" | "refused";

interface Figures {
	weightsGiB: number;
	kvGiB: number;
	/** The pool in tokens as the engine counts them (vLLM: over every layer, padding included; see below). */
	kvTokens: number;
	/** vLLM's "Maximum concurrency": the pool over what one request at max_model_len reserves. */
	concurrency: number | null;
	outcome: Outcome;
}

interface RowResult {
	id: string;
	engine: EngineId;
	rules: string;
	setup: string;
	url: string;
	calibration: string | null;
	logged: Row["logged"] & { concurrency: number | null };
	ours: Figures;
	naive: { kvGiB: number; kvTokens: number; outcome: Outcome };
	notes: string[];
	/** Which logged figures the rows' tolerances check (known misses are reported, not asserted). */
	compared: { weights: boolean; kv: boolean; tokens: boolean; outcome: boolean };
	/** size()'s own KV budget (GiB) where the row ran the current line at the engine's defaults; else null. */
	sizedKvGiB: number | null;
}

function modelOf(setup: Setup): Model {
	if (setup.model.startsWith("config:")) return configModel(setup.model.slice("config:".length));
	const m = repoCatalog().models.find((x) => x.id === setup.model);
	if (!m) throw new Error(`no model ${setup.model}`);
	return m;
}

/** The release line a row's rules follow: the row's version, else the setup's, else the current line. */
function versionOf(row: Row, setup: Setup): string | undefined {
	const v = row.engineVersion ?? setup.version;
	return v === undefined || v === null ? undefined : v.split(".").slice(0, 2).join(".");
}

/** Every layer holding every token: vLLM's token count (num_blocks // groups x block_size), SGLang's cell size. */
function everyLayerFull(model: Model): Model {
	return {
		...model,
		layers: model.layers.map((g) =>
			g.mixer.kind === "attention" && g.mixer.window !== null ? { count: g.count, mixer: { ...g.mixer, window: null } } : g,
		),
	};
}

/** vLLM's "Maximum concurrency for N tokens per request: X x", where the row quotes it. */
function loggedConcurrency(quote: string): number | null {
	const m = /Maximum concurrency for [\d,]+ tokens per request: ([\d.]+)x/.exec(quote);
	return m?.[1] ? Number(m[1]) : null;
}

function reproduce(row: Row): RowResult {
	const setup = SETUPS[row.id];
	if (!setup) throw new Error(`${row.id}: no setup`);
	const catalog = repoCatalog();
	const model = modelOf(setup);
	const gpu = catalog.gpus.find((g) => g.id === setup.gpu);
	if (!gpu) throw new Error(`no GPU ${setup.gpu}`);
	const s = row.settings;
	const logUtil = row.engine === "sglang" ? s.memFractionStatic : row.engine === "trtllm" ? null : s.gpuMemoryUtilization;
	const util = setup.util?.value ?? logUtil ?? null;
	const { tp, pp, dp, ep, dpAttention } = row.layout;
	const layout: LayoutRequest = dp > 1 ? { tp: dpAttention ? tp : tp * dp, dp, ep } : { tp, pp };
	const context = s.maxModelLen ?? null;
	const req: SizingRequest = {
		model,
		gpu,
		count: row.gpuCount,
		nodes: 1,
		gpusPerNode: row.gpuCount,
		precision: setup.weights,
		context,
		users: 1,
		engine: row.engine,
		engineExplicit: true,
		kv: s.kvCacheDtype === "fp8" || setup.kv ? "fp8" : null,
		util,
		layout,
	};
	const sizing = size(catalog, req);
	if (sizing.blocker !== null) throw new Error(`${row.id}: ${sizing.blocker}`);
	const parallel = sizing.layout;
	// The row's own release and settings, where they are not the engine's defaults for the card.
	const version = versionOf(row, setup);
	const options: BudgetOptions = {
		...(version !== undefined ? { version } : {}),
		...(row.engine === "vllm" && s.maxNumBatchedTokens !== null ? { batchedTokens: s.maxNumBatchedTokens } : {}),
		...(row.engine === "vllm" && s.maxNumSeqs !== null ? { maxSeqs: s.maxNumSeqs } : {}),
		...(s.maxModelLen !== null ? { maxModelLen: s.maxModelLen } : {}),
		...setup.batch,
	};
	const fraction = row.engine === "trtllm" ? fractionFromOther(s.other) : util;
	const weightsPerGpu = sizing.perGpu.weightsBytes;
	const weights = { perGpu: weightsPerGpu, format: sizing.precision.weights };
	const budget = engineBudget(row.engine, gpu, model, weights, parallel, fraction, options);
	const pool = budget.kvBudgetPerGpu;
	const cached = engineCacheModel(row.engine, model, budget);
	const kvBytes = KV_BYTES[sizing.precision.kvCache];
	const attnTp = attentionTp(parallel);
	const perToken = tokenBytesPerRank(everyLayerFull(cached), attnTp, kvBytes) / parallel.pp;
	const perRequest = context === null ? null : requestBytesPerGpu(cached, context, attnTp, parallel.pp, kvBytes);
	// vLLM refuses to start when one request at max_model_len does not fit; SGLang and TensorRT-LLM when no pool is left.
	const starts = (kv: number, request: number | null) => kv > 0 && (row.engine !== "vllm" || request === null || request <= kv);
	const ours: Figures = {
		weightsGiB: weightsPerGpu / GiB,
		kvGiB: pool / GiB,
		kvTokens: Math.max(0, pool / perToken),
		concurrency: perRequest === null ? null : Math.max(0, pool / perRequest),
		outcome: starts(pool, perRequest) ? "started" : "refused",
	};
	// The naive rule: usable = the fraction x the card's memory, KV = usable - 1.2 x weights, the model's own cache.
	const naiveKv = (fraction ?? (row.engine === "sglang" ? 0.88 : 0.9)) * gpu.memory.usableBytes - 1.2 * weightsPerGpu;
	const naiveRequest = context === null ? null : requestBytesPerGpu(model, context, attnTp, parallel.pp, kvBytes);
	const naive = {
		kvGiB: naiveKv / GiB,
		kvTokens: Math.max(0, naiveKv / (tokenBytesPerRank(everyLayerFull(model), attnTp, kvBytes) / parallel.pp)),
		outcome: (starts(naiveKv, naiveRequest) ? "started" : "refused") as Outcome,
	};
	const notes = [
		setup.standIn,
		setup.util ? `memory fraction ${setup.util.value}: ${setup.util.why}` : undefined,
		setup.kv ? `${setup.kv.dtype.toUpperCase()} KV cache: ${setup.kv.why}` : undefined,
		setup.version && row.engineVersion === null
			? `release not stated; taken as ${setup.version} from its date and log format`
			: undefined,
		setup.kvGiBNotThePool,
		setup.outcomeNotModelled,
		setup.tokensNotModelled,
		setup.weightsNotCompared,
		...Object.entries(KNOWN_MISSES[row.id] ?? {}).map(([check, why]) => `known ${check} miss: ${why}`),
	].filter((x): x is string => x !== undefined);
	const layoutText =
		dp > 1
			? `DP${dp}${ep ? " + EP" : ""}${dpAttention ? ` (TP${tp} with DP attention)` : ""}`
			: `TP${tp}${pp > 1 ? ` PP${pp}` : ""}`;
	// Where the row ran the current line at the engine's defaults, size() itself must give the same budget.
	const current = options.version === undefined || options.version === ENGINES[row.engine].line;
	const plain = engineBudget(row.engine, gpu, model, weights, parallel, fraction, context ? { maxModelLen: context } : {});
	const defaults = current && plain.kvBudgetPerGpu === pool && fraction === util;
	return {
		id: row.id,
		engine: row.engine,
		rules: budget.version ?? row.engine,
		setup: `${model.name} ${setup.weights.toUpperCase()} on ${row.gpuCount}x ${gpu.name}, ${layoutText}${context ? `, max len ${context}` : ""}${fraction ? `, fraction ${fraction}` : ""}${req.kv === "fp8" ? ", FP8 KV" : ""}`,
		url: row.url,
		calibration: CALIBRATION[row.id] ?? null,
		logged: { ...row.logged, concurrency: loggedConcurrency(row.quote) },
		ours,
		naive,
		notes,
		compared: {
			weights: row.logged.weightsGiBPerGpu !== null && !setup.weightsNotCompared,
			kv: row.logged.kvCacheGiBPerGpu !== null && !setup.kvGiBNotThePool && !setup.tokensNotModelled,
			tokens: row.logged.kvTokens !== null && !setup.tokensNotModelled,
			outcome: !setup.outcomeNotModelled,
		},
		sizedKvGiB: defaults ? sizing.perGpu.kvBudgetBytes / GiB : null,
	};
}

/** TensorRT-LLM's free_gpu_memory_fraction as the row's flags give it (default 0.9). */
function fractionFromOther(other: string): number {
	const m = /fraction[ _a-z]*?(0?\.\d+)/.exec(other);
	return m?.[1] ? Number(m[1]) : 0.9;
}

const relative = (ours: number, logged: number) => Math.abs(ours - logged) / Math.abs(logged);
const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const usable = ROWS.filter((r) => !(r.id in EXCLUDED));
const RESULTS = usable.map(reproduce);
const byId = new Map(RESULTS.map((r) => [r.id, r]));

if (process.env.ACCURACY_OUT) {
	const excluded = ROWS.filter((r) => r.id in EXCLUDED).map((r) => ({
		id: r.id,
		engine: r.engine,
		url: r.url,
		reason: EXCLUDED[r.id],
	}));
	writeFileSync(process.env.ACCURACY_OUT, `${JSON.stringify({ results: RESULTS, excluded }, null, "\t")}\n`);
}

const miss = (id: string, check: "weights" | "kv" | "tokens") => KNOWN_MISSES[id]?.[check] !== undefined;

describe("accuracy table: published engine start-ups", () => {
	it("every row is reproduced or excluded with a reason, and every setup names a row", () => {
		for (const r of ROWS) expect(r.id in SETUPS || r.id in EXCLUDED, r.id).toBe(true);
		for (const id of [
			...Object.keys(SETUPS),
			...Object.keys(EXCLUDED),
			...Object.keys(KNOWN_MISSES),
			...Object.keys(CALIBRATION),
		])
			expect(
				ROWS.some((r) => r.id === id && !(r.id in EXCLUDED && r.id in SETUPS)),
				id,
			).toBe(true);
		expect(RESULTS.length).toBeGreaterThanOrEqual(40);
	});

	it.each(usable.map((r) => r.id))("%s: weights per GPU within 3%% (or 0.3 GiB)", (id) => {
		const r = byId.get(id)!;
		const logged = r.logged.weightsGiBPerGpu;
		if (logged === null || !r.compared.weights || miss(id, "weights")) return;
		expect(Math.abs(r.ours.weightsGiB - logged), `${r.ours.weightsGiB.toFixed(2)} vs ${logged}`).toBeLessThanOrEqual(
			Math.max(0.3, 0.03 * logged),
		);
	});

	it.each(usable.map((r) => r.id))("%s: KV budget per GPU within 6%% (or 0.6 GiB)", (id) => {
		const r = byId.get(id)!;
		const logged = r.logged.kvCacheGiBPerGpu;
		if (logged === null || !r.compared.kv || miss(id, "kv")) return;
		expect(Math.abs(r.ours.kvGiB - logged), `${r.ours.kvGiB.toFixed(2)} vs ${logged}`).toBeLessThanOrEqual(
			Math.max(0.6, 0.06 * Math.abs(logged)),
		);
	});

	it.each(usable.map((r) => r.id))("%s: KV tokens (and vLLM's maximum concurrency) within 20%%", (id) => {
		const r = byId.get(id)!;
		if (!r.compared.tokens || miss(id, "tokens")) return;
		if (r.logged.kvTokens !== null)
			expect(
				relative(r.ours.kvTokens, r.logged.kvTokens),
				`${Math.round(r.ours.kvTokens)} vs ${r.logged.kvTokens}`,
			).toBeLessThanOrEqual(0.2);
		if (r.logged.concurrency !== null && r.ours.concurrency !== null)
			expect(
				relative(r.ours.concurrency, r.logged.concurrency),
				`${r.ours.concurrency} vs ${r.logged.concurrency}`,
			).toBeLessThanOrEqual(0.2);
	});

	it.each(usable.map((r) => r.id))("%s: the logged start or refusal agreed", (id) => {
		const r = byId.get(id)!;
		if (!r.compared.outcome) return;
		expect(r.ours.outcome).toBe(r.logged.outcome === "started" ? "started" : "refused");
	});

	it("KV tokens: median error at most 3% over the rows that log them, none worse than 20%", () => {
		const errors = RESULTS.filter((r) => r.compared.tokens).map((r) => relative(r.ours.kvTokens, r.logged.kvTokens as number));
		expect(errors.length).toBeGreaterThanOrEqual(30);
		expect(median(errors)).toBeLessThanOrEqual(0.03);
		expect(Math.max(...errors)).toBeLessThanOrEqual(0.2);
	});

	it("t-i6294: the fraction's bound on the PyTorch backend exceeds the max_tokens pool it lost to, as logged", () => {
		// "Both free_gpu_memory_fraction and max_tokens are set ... The smaller value will be used": the pool (52.51 GiB)
		// is max_tokens', so 0.8 x what was free after the dry run was larger.
		const r = byId.get("t-i6294")!;
		expect(r.ours.kvGiB).toBeGreaterThanOrEqual(r.logged.kvCacheGiBPerGpu as number);
	});

	it("size() gives the same budget as the replay wherever the row ran the current line at its defaults", () => {
		const same = RESULTS.filter((r) => r.sizedKvGiB !== null);
		expect(same.length).toBeGreaterThanOrEqual(20);
		for (const r of same) expect(r.sizedKvGiB, r.id).toBeCloseTo(r.ours.kvGiB, 9);
	});
});
