// Unified memory (Apple silicon, Strix Halo, DGX Spark) and the MLX engine, on the real catalog:
// budgets worked out by hand from the share each source gives, the engines that run there, and
// the refusal of the ones that do not.
import { describe, expect, it } from "vitest";
import { gpuSchema } from "../../src/catalog/schema.js";
import { parseFit } from "../../src/parse/grammar.js";
import { fitJson, repoGpu } from "../support/catalog.js";

const GiB = 2 ** 30;
/** CUDA-context-sized runtime reserve every single-stream engine keeps (core/engines.ts RUNTIME_BYTES). */
const RUNTIME = 0.7 * GiB;

// Llama-3.3-70B-Instruct's config.json: hidden_size 8192, intermediate_size 28672, vocab_size 128256.
const HIDDEN = 8192;
const FFN = 28672;
const VOCAB = 128256;
/** One forward pass of `tokens` tokens: six hidden-size and three FFN-width 16-bit vectors per token, FP32 logits of one sequence. */
const activations = (tokens: number) => tokens * 2 * (6 * HIDDEN + 3 * FFN) + VOCAB * 4;

describe("the GPU's share of unified memory", () => {
	it("Apple M3 Ultra 512 GB: Metal's working set, 464 GiB of 512 (llama.cpp: recommendedMaxWorkingSetSize = 498216.21 MB)", () => {
		const g = repoGpu("m3-ultra-512gb");
		expect(g.memory.usableBytes).toBe(464 * GiB);
		expect(g.memory.unified).toMatchObject({ ramGB: 512, gpuShare: 464 / 512 });
		expect(g.memory.unified?.setting).toMatch(/iogpu\.wired_limit_mb/);
	});

	it("128 GB Macs on macOS 26: 107.52 GiB, 84% (antirez/ds4#893: 'recommendedMaxWorkingSetSize: 107.52 GiB # stock')", () => {
		for (const id of ["m4-max-128gb", "m5-max-128gb"]) {
			expect(repoGpu(id).memory.usableBytes, id).toBe(Math.round(0.84 * 128 * GiB));
			expect(repoGpu(id).memory.unified?.gpuShare, id).toBe(0.84);
		}
	});

	it("Strix Halo: the 96 GB BIOS carve-out of 128 GB, 75% (the GTT alternative named in the setting)", () => {
		const g = repoGpu("ryzen-ai-max-395");
		expect(g.memory.usableBytes).toBe(0.75 * 128 * GiB);
		expect(g.memory.unified?.setting).toMatch(/BIOS.*96 GB.*GTT.*half of RAM/);
	});

	it("a share that does not match usableBytes, or a system-on-chip without one, is a catalog error", () => {
		const base = { ...repoGpu("m4-max-128gb") };
		const wrong = { ...base, memory: { ...base.memory, unified: { ramGB: 128, gpuShare: 0.75, setting: "sysctl" } } };
		const r = gpuSchema.safeParse(wrong);
		expect(r.success).toBe(false);
		expect(JSON.stringify(r.error?.issues)).toMatch(/gpuShare.*0\.8400 of the 128 GiB/);
		const none = { ...base, memory: { ...base.memory, unified: undefined } };
		expect(gpuSchema.safeParse(none).success).toBe(false);
	});
});

describe("budgets on unified memory, by hand", () => {
	it("llama-3.3-70b q4_k_m on 1x m3-ultra fits, on llama.cpp: the whole 464 GiB, 0.7 GiB runtime and a 512-token batch", () => {
		const j = fitJson("llama-3.3-70b q4_k_m on 1x m3-ultra");
		expect(j.verdict).toBe("fits");
		expect(j.hardware.gpu).toBe("m3-ultra-512gb");
		expect(j.engine).toBe("llamacpp");
		expect(j.precision.weights).toBe("q4_k_m");
		// No driver reserve: Metal's working set is already what the GPU may allocate.
		expect(j.perGpu.usableBytes).toBe(464 * GiB);
		expect(j.memory.capacityBytes).toBe(464 * GiB);
		expect(j.perGpu.overheadBytes).toBe(RUNTIME + activations(512));
		expect(j.perGpu.kvBudgetBytes).toBe(464 * GiB - j.perGpu.weightsBytes - (RUNTIME + activations(512)));
		expect(j.notes.join("\n")).toMatch(/vLLM does not run on Apple M3 Ultra \(512 GB\): answered for llama\.cpp/);
	});

	it("without a GGUF precision the default on Apple is MLX: same budget, a 2048-token prefill step", () => {
		const j = fitJson("llama-3.3-70b on 1x m3-ultra");
		expect(j.engine).toBe("mlx");
		expect(j.verdict).toBe("fits");
		expect(j.memory.capacityBytes).toBe(464 * GiB);
		expect(j.perGpu.overheadBytes).toBe(RUNTIME + activations(2048));
		expect(j.notes.join("\n")).toMatch(
			/vLLM does not run on Apple M3 Ultra \(512 GB\): answered for MLX; llama\.cpp \(engine llamacpp\) also runs there/,
		);
	});

	it("MLX asked for by name needs no note and takes no memory fraction (util is ignored)", () => {
		const j = fitJson("llama-3.3-70b on 1x m5 max engine mlx");
		expect(j.engine).toBe("mlx");
		expect(j.notes.join("\n")).not.toMatch(/does not run/);
		expect(j.memory.capacityBytes).toBe(Math.round(0.84 * 128 * GiB));
	});

	it("Strix Halo on vLLM: gpu_memory_utilization 0.9 of the 96 GiB the GPU sees", () => {
		const j = fitJson("llama-3.1-8b on 1x strix halo");
		expect(j.engine).toBe("vllm");
		expect(j.memory.capacityBytes).toBeCloseTo(0.9 * 96 * GiB, 0);
	});

	it("Strix Halo on llama.cpp with a GGUF file: all 96 GiB", () => {
		const j = fitJson("llama-3.3-70b q4_k_m on 1x strix halo");
		expect(j.engine).toBe("llamacpp");
		expect(j.memory.capacityBytes).toBe(96 * GiB);
		expect(j.perGpu.overheadBytes).toBe(RUNTIME + activations(512));
	});

	it("DGX Spark on vLLM: 0.9 of PyTorch's 119.70 GiB total", () => {
		const j = fitJson("llama-3.1-8b on 1x dgx spark");
		expect(j.hardware.gpu).toBe("gb10");
		expect(j.memory.capacityBytes).toBeCloseTo(0.9 * Math.round(119.7 * GiB), 0);
	});
});

describe("engines that run there", () => {
	it.each(["vllm", "sglang", "trtllm"])("%s on Apple silicon is refused, naming llama.cpp and MLX", (engine) => {
		const j = fitJson(`llama-3.3-70b on 1x m3-ultra engine ${engine}`);
		expect(j.verdict).toBe("no-fit");
		expect(j.notes[0]).toMatch(
			/^Cannot run: .* does not run on Apple M3 Ultra \(512 GB\); engines that do: llama\.cpp \(engine llamacpp\), MLX \(engine mlx\)$/,
		);
	});

	it("MLX is Apple-only, and runs no GGUF file", () => {
		expect(fitJson("llama-3.1-8b on 1x h100 engine mlx").notes[0]).toMatch(/MLX runs on Apple silicon/);
		expect(fitJson("llama-3.1-8b q4_k_m on 1x m4 max engine mlx").notes[0]).toMatch(/GGUF.*llama\.cpp \(engine llamacpp\)/);
	});

	it("Strix Halo and Arc Pro run vLLM and llama.cpp, not SGLang", () => {
		expect(fitJson("llama-3.1-8b on 1x strix halo engine sglang").notes[0]).toMatch(
			/SGLang does not run on .*Strix Halo.*engines that do: llama\.cpp \(engine llamacpp\), vLLM \(engine vllm\)/,
		);
		expect(fitJson("llama-3.1-8b on 1x arc pro b60 engine sglang").verdict).toBe("no-fit");
		expect(fitJson("llama-3.1-8b q4_k_m on 1x arc pro b60").engine).toBe("llamacpp");
		expect(fitJson("llama-3.1-8b q4_k_m on 1x arc pro b60").verdict).toBe("fits");
		// Gaudi keeps its own rule: no llama.cpp backend.
		expect(fitJson("llama-3.1-8b q4_k_m on 1x gaudi3").notes[0]).toMatch(/llama\.cpp has no Gaudi backend/);
	});

	it("the mlx engine word parses (mlx, mlx-lm)", () => {
		for (const word of ["mlx", "MLX", "mlx-lm"]) {
			const p = parseFit(`llama-3.3-70b on 1x m3-ultra engine ${word}`);
			expect(p.ok && p.value.engine, word).toBe("mlx");
		}
	});
});
