// Which weight format actually runs on a GPU, and whether an engine runs on it at all.
import type { CheckpointFormat } from "../catalog/schema.js";
import type { Gpu, Model } from "../catalog/types.js";
import { ENGINES } from "./engines.js";
import { FORMATS } from "./formats.js";
import type { Reason } from "./reasons.js";
import type { EngineId } from "./types.js";

export interface RunFormat {
	/** Storage format whose bytes sit in GPU memory. */
	weights: CheckpointFormat;
	notes: Reason[];
	/** Why this cannot run at all, or null. */
	blocker: string | null;
}

const ccOf = (gpu: Gpu): number | null => {
	if (gpu.vendor !== "nvidia" || !gpu.computeCapability) return null;
	const v = Number.parseFloat(gpu.computeCapability);
	return Number.isFinite(v) ? v : null;
};

const has = (gpu: Gpu, f: string): boolean => (gpu.nativeFormats as string[]).includes(f);

/** The 16-bit format a GPU computes in: BF16 from compute capability 8.0, FP16 before. */
export function sixteenBit(gpu: Gpu): "bf16" | "fp16" {
	return has(gpu, "bf16") ? "bf16" : "fp16";
}

/** "llama.cpp (engine llamacpp), MLX (engine mlx)": the engines a GPU entry says run there, as a user asks for them. */
export function enginesThatRun(gpu: Gpu): string | null {
	return gpu.engines ? gpu.engines.map((e) => `${ENGINES[e].label} (engine ${e})`).join(", ") : null;
}

/** Engines' hardware floors; null when the engine runs on this GPU. */
export function engineBlocker(engine: EngineId, gpu: Gpu): string | null {
	const cc = ccOf(gpu);
	const name = gpu.name;
	// Where the catalog names the engines that run (Apple silicon: llama.cpp and MLX), the others do not.
	if (gpu.engines && !gpu.engines.includes(engine)) {
		return `${ENGINES[engine].label} does not run on ${name}; engines that do: ${enginesThatRun(gpu)}`;
	}
	switch (engine) {
		case "vllm":
			if (cc !== null && cc < 7.0) return `vLLM needs compute capability 7.0 or newer; ${name} has ${gpu.computeCapability}`;
			return null;
		case "sglang":
			if (cc !== null && cc < 7.5) return `SGLang needs compute capability 7.5 or newer; ${name} has ${gpu.computeCapability}`;
			if (gpu.vendor === "amd" && !/^gfx94|^gfx95/.test(gpu.computeCapability ?? ""))
				return `SGLang's ROCm build targets MI300-class GPUs (gfx942/gfx950); ${name} is ${gpu.computeCapability}`;
			if (gpu.architecture === "gaudi") return "SGLang does not run on Gaudi";
			return null;
		case "trtllm":
			if (gpu.vendor !== "nvidia") return `TensorRT-LLM runs on NVIDIA GPUs only; ${name} is ${gpu.vendor.toUpperCase()}`;
			if (cc !== null && cc < 8.0)
				return `TensorRT-LLM needs compute capability 8.0 or newer; ${name} has ${gpu.computeCapability}`;
			return null;
		case "llamacpp":
			if (gpu.architecture === "gaudi") return "llama.cpp has no Gaudi backend";
			return null;
		case "mlx":
			if (gpu.vendor !== "apple") return `MLX runs on Apple silicon (Metal); ${name} is ${gpu.vendor.toUpperCase()}`;
			return null;
	}
}

/**
 * Decides the weight format in memory for a requested format on a GPU. FP8 without FP8 units:
 * an FP8 MoE checkpoint (DeepSeek-class) is upcast to 16-bit, twice the bytes, since engines have
 * no weight-only FP8 MoE path there; a dense FP8 checkpoint runs weight-only (W8A16, FP8 Marlin) on
 * NVIDIA compute capability 7.5+ in vLLM/SGLang.
 */
export function runFormat(model: Model, requested: CheckpointFormat, gpu: Gpu, engine: EngineId): RunFormat {
	const info = FORMATS[requested];
	const cc = ccOf(gpu);
	const half = sixteenBit(gpu);
	const notes: Reason[] = [];
	if (info.gguf) {
		return engine === "llamacpp"
			? { weights: requested, notes, blocker: null }
			: { weights: requested, notes, blocker: `${info.label} is a GGUF format: it runs on llama.cpp (engine llamacpp)` };
	}
	if (engine === "llamacpp") {
		return {
			weights: requested,
			notes,
			blocker: `llama.cpp runs GGUF files; ask for a GGUF type such as q8_0 or q4_k_m`,
		};
	}
	switch (requested) {
		case "bf16":
			if (half === "fp16") {
				notes.push({ code: "no-bf16", gpu: gpu.name, computeCapability: gpu.computeCapability ?? "?" });
				return { weights: "fp16", notes, blocker: null };
			}
			return { weights: "bf16", notes, blocker: null };
		case "fp16":
		case "fp32":
			return { weights: requested, notes, blocker: null };
		case "fp8": {
			if (has(gpu, "fp8")) return { weights: "fp8", notes, blocker: null };
			const weightOnly = gpu.vendor === "nvidia" && cc !== null && cc >= 7.5 && engine !== "trtllm";
			if (model.moe || !weightOnly) {
				notes.push({ code: "fp8-upcast", gpu: gpu.name, moe: Boolean(model.moe), to: half.toUpperCase() });
				return { weights: half, notes, blocker: null };
			}
			notes.push({ code: "fp8-weight-only", gpu: gpu.name, computeIn: half.toUpperCase() });
			return { weights: "fp8", notes, blocker: null };
		}
		case "int8":
			if (!has(gpu, "int8")) notes.push({ code: "int8-weight-only", gpu: gpu.name });
			return { weights: "int8", notes, blocker: null };
		case "int4":
		case "awq":
		case "gptq":
			if (cc !== null && cc < 7.5) {
				return { weights: requested, notes, blocker: `4-bit weight-only kernels need compute capability 7.5 or newer` };
			}
			return { weights: requested, notes, blocker: null };
		case "nvfp4":
			if (!has(gpu, "nvfp4")) {
				return {
					weights: requested,
					notes,
					blocker: `NVFP4 needs Blackwell FP4 units; ${gpu.name} has none (ask for fp8 or int4)`,
				};
			}
			return { weights: "nvfp4", notes, blocker: null };
		case "mxfp4":
			if (has(gpu, "mxfp4")) return { weights: "mxfp4", notes, blocker: null };
			if (engine === "mlx") {
				notes.push({ code: "mlx-mxfp4" });
				return { weights: "mxfp4", notes, blocker: null };
			}
			if ((cc !== null && cc >= 8.0) || gpu.vendor === "amd") {
				notes.push({ code: "mxfp4-weight-only", gpu: gpu.name });
				return { weights: "mxfp4", notes, blocker: null };
			}
			return { weights: requested, notes, blocker: `MXFP4 weight-only kernels need compute capability 8.0 or newer` };
	}
	return { weights: requested, notes, blocker: null };
}
