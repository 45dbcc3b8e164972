// SGLang's start-up arithmetic, release line 0.5. All figures per GPU, in bytes. Read in sgl-project/sglang:
// - python/sglang/srt/model_executor/model_runner.py profile_max_num_token: rest_memory = available_gpu_memory
//   (free after the weights) - total_gpu_memory x (1 - mem_fraction_static), where total_gpu_memory is what was free
//   before the weights (init_torch_distributed's min_per_gpu_memory, after the CUDA context and NCCL). So the pool is
//   mem_fraction_static x (free before the weights) - weights; activations and CUDA graphs live in the rest.
// - python/sglang/srt/server_args.py _handle_gpu_memory_settings (0.5, after PR #10975): chunked_prefill_size and
//   cuda_graph_max_bs by GPU memory, then mem_fraction_static = round((gpu_mem - reserved_mem) / gpu_mem, 3);
//   adjust_mem_fraction_for_vlm takes 5% more off (baseline ViT) for multimodal checkpoints.
// - server_args.py _handle_model_specific_adjustments: disable_hybrid_swa_memory for Gemma 2/3 and gpt-oss, so their
//   sliding-window layers are allocated like full-attention ones.
import type { Gpu, Model } from "../catalog/types.js";
import type { Parallel } from "./layout.js";
import { memoPerOwner } from "./memo.js";
import { GiB, MiB } from "./units.js";

export const SGLANG_LINE = "0.5";

/**
 * What is in use before the weights load: the CUDA context and NCCL / custom all-reduce setup. QwQ-32B on 4x L4
 * logged 21.63 GiB free at "Load weight begin" of the card's 22.03 (s-qwq-l4).
 */
const SGLANG_STARTUP = 0.4 * GiB;

/** chunked_prefill_size and cuda_graph_max_bs by GPU memory (MiB) and TP size, server_args.py. */
function buckets(gpuMiB: number, tp: number): { chunk: number; graphBs: number } {
	if (gpuMiB < 20 * 1024) return { chunk: 2048, graphBs: 8 };
	if (gpuMiB < 35 * 1024) return { chunk: 2048, graphBs: tp < 4 ? 24 : 80 };
	if (gpuMiB < 60 * 1024) return { chunk: 4096, graphBs: tp < 4 ? 32 : 160 };
	if (gpuMiB < 160 * 1024) return { chunk: 8192, graphBs: tp < 4 ? 256 : 512 };
	return { chunk: 16384, graphBs: 512 };
}

/**
 * SGLang's default mem_fraction_static for this GPU and layout (server_args.py _handle_gpu_memory_settings). The
 * bucket (and the 10 GiB floor above 60 GiB) follows the card's nominal capacity, which puts every card in the
 * catalog where its memory does and keeps a card's bucket fixed: more memory never buys a smaller fraction of it.
 */
export function sglangFraction(gpu: Gpu, model: Model, parallel: Parallel): number {
	const gpuMiB = gpu.memory.usableBytes / MiB;
	const cardMiB = (gpu.memory.nominalGB * 1e9) / MiB;
	const { tp, pp, dp } = parallel;
	const { chunk, graphBs } = buckets(cardMiB, tp);
	let reserved = 512 + Math.max(chunk, 2048) * 1.5 + graphBs * 2 + ((tp * pp) / 8) * 1024;
	if (dp > 1) {
		reserved += graphBs * dp * 3;
		if (graphBs > 300) reserved += graphBs * dp * 1.5;
	}
	if (cardMiB > 60 * 1024) reserved = Math.max(reserved, 10 * 1024);
	const fraction = Math.round(((gpuMiB - reserved) / gpuMiB) * 1000) / 1000;
	return model.modules.vision ? fraction * 0.95 : fraction;
}

/** The pool: mem_fraction_static x (free before the weights) - weights (model_runner.py profile_max_num_token). */
export function sglangKvBudget(visibleBytes: number, weightsPerGpu: number, fraction: number): number {
	return fraction * (visibleBytes - SGLANG_STARTUP) - weightsPerGpu;
}

const fullWindows = memoPerOwner<Model, string, Model>();

/** Gemma 2/3 and gpt-oss run with disable_hybrid_swa_memory: every layer keeps the whole request. */
export function sglangCacheModel(model: Model): Model {
	if (model.family !== "gemma" && model.family !== "gpt-oss") return model;
	if (!model.layers.some((g) => g.mixer.kind === "attention" && g.mixer.window !== null && !g.mixer.chunked)) return model;
	return fullWindows(model, "full", () => ({
		...model,
		layers: model.layers.map((g) =>
			g.mixer.kind === "attention" && !g.mixer.chunked ? { count: g.count, mixer: { ...g.mixer, window: null } } : g,
		),
	}));
}
