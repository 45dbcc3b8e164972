// Which weight format actually runs on a GPU, and whether an engine runs on it at all.
import type { CheckpointFormat } from "../catalog/schema.js";
import type { Gpu, Model } from "../catalog/types.js";
import { ENGINES } from "./engines.js";
import { FORMATS } from "./formats.js";
import type { Blocker, Reason } from "./reasons.js";
import type { EngineId } from "./types.js";

interface RunFormat {
	/** Storage format whose bytes sit in GPU memory. */
	weights: CheckpointFormat;
	notes: Reason[];
	/** Why this cannot run at all, or null. */
	blocker: Blocker | null;
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
function enginesThatRun(gpu: Gpu): string | null {
	return gpu.engines ? gpu.engines.map((e) => `${ENGINES[e].label} (engine ${e})`).join(", ") : null;
}

const needsCc = (engine: string, needs: string, gpu: Gpu): Blocker => ({
	code: "engine-needs-cc",
	engine,
	needs,
	gpu: gpu.name,
	has: gpu.computeCapability ?? null,
});

/** Engines' hardware floors; null when the engine runs on this GPU. */
export function engineBlocker(engine: EngineId, gpu: Gpu): Blocker | null {
	const cc = ccOf(gpu);
	const name = gpu.name;
	// Where the catalog names the engines that run (Apple silicon: llama.cpp and MLX), the others do not.
	if (gpu.engines && !gpu.engines.includes(engine)) {
		return { code: "engine-not-on-gpu", engine: ENGINES[engine].label, gpu: name, engines: enginesThatRun(gpu) };
	}
	switch (engine) {
		case "vllm":
			if (cc !== null && cc < 7.0) return needsCc("vLLM", "7.0", gpu);
			return null;
		case "sglang":
			if (cc !== null && cc < 7.5) return needsCc("SGLang", "7.5", gpu);
			if (gpu.vendor === "amd" && !/^gfx94|^gfx95/.test(gpu.computeCapability ?? ""))
				return { code: "sglang-rocm", gpu: name, arch: gpu.computeCapability ?? null };
			if (gpu.architecture === "gaudi") return { code: "sglang-gaudi" };
			return null;
		case "trtllm":
			if (gpu.vendor !== "nvidia")
				return { code: "nvidia-only", engine: "TensorRT-LLM", gpu: name, vendor: gpu.vendor.toUpperCase() };
			if (cc !== null && cc < 8.0) return needsCc("TensorRT-LLM", "8.0", gpu);
			return null;
		case "llamacpp":
			if (gpu.architecture === "gaudi") return { code: "llamacpp-gaudi" };
			return null;
		case "mlx":
			if (gpu.vendor !== "apple") return { code: "apple-only", engine: "MLX", gpu: name, vendor: gpu.vendor.toUpperCase() };
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
			: { weights: requested, notes, blocker: { code: "gguf-needs-llamacpp", format: info.label } };
	}
	if (engine === "llamacpp") {
		return {
			weights: requested,
			notes,
			blocker: { code: "llamacpp-needs-gguf" },
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
				return { weights: requested, notes, blocker: { code: "kernels-need-cc", kernels: "4-bit", needs: "7.5" } };
			}
			return { weights: requested, notes, blocker: null };
		case "nvfp4":
			if (!has(gpu, "nvfp4")) {
				return {
					weights: requested,
					notes,
					blocker: { code: "nvfp4-needs-blackwell", gpu: gpu.name },
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
			return { weights: requested, notes, blocker: { code: "kernels-need-cc", kernels: "MXFP4", needs: "8.0" } };
	}
	return { weights: requested, notes, blocker: null };
}
