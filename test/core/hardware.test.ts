import { describe, expect, it } from "vitest";
import { blockerText, noteText } from "../../commands/reason-words.js";
import { gpuSchema } from "../../src/catalog/schema.js";
import type { Gpu } from "../../src/catalog/types.js";
import { engineBlocker, runFormat } from "../../src/core/hardware.js";
import type { Blocker } from "../../src/core/reasons.js";
import { deepseekV3, llama31_8b } from "../shapes.js";

/** A blocker in English words, as the card and the JSON notes say it; "" for none. */
const said = (b: Blocker | null) => (b ? blockerText(b) : "");

const gpu = (id: string, vendor: Gpu["vendor"], cc: string | null, formats: string[]): Gpu =>
	gpuSchema.parse({
		id,
		name: id.toUpperCase(),
		vendor,
		architecture: "x",
		computeCapability: cc,
		formFactor: "pcie",
		year: 2020,
		memory: { nominalGB: 80, usableBytes: 80 * 2 ** 30, usableBasis: "estimated", type: "HBM" },
		bandwidthTBps: 2,
		tflops: { fp16: 1, bf16: null, fp8: null, fp4: null, int8: null },
		nativeFormats: formats,
		interconnect: { name: "PCIe", gbps: 64 },
		tdpW: 300,
		gpusPerServer: 8,
		source: "test",
		asOf: "2026-11-28",
	});

// Capabilities as the vendors publish them: A100 CC 8.0 (BF16, no FP8), H100 CC 9.0 (FP8),
// B200 CC 10.0 (FP4), V100 CC 7.0 (FP16 only), T4 CC 7.5, P40 CC 6.1, MI300X gfx942 (FP8).
const a100 = gpu("a100", "nvidia", "8.0", ["fp16", "bf16", "int8"]);
const h100 = gpu("h100", "nvidia", "9.0", ["fp16", "bf16", "fp8", "int8"]);
const b200 = gpu("b200", "nvidia", "10.0", ["fp16", "bf16", "fp8", "nvfp4", "mxfp4", "int8"]);
const v100 = gpu("v100", "nvidia", "7.0", ["fp16"]);
const t4 = gpu("t4", "nvidia", "7.5", ["fp16", "int8"]);
const p40 = gpu("p40", "nvidia", "6.1", ["fp16"]);
const ascend = gpu("910b", "huawei", null, ["fp16", "bf16", "int8"]);

describe("hardware rules", () => {
	it("FP8 MoE on an A100 runs upcast to BF16 (the seed note's rule)", () => {
		const r = runFormat(deepseekV3, "fp8", a100, "vllm");
		expect(r.weights).toBe("bf16");
		expect(r.notes.map((n) => noteText(n)).join(" ")).toMatch(/upcast to BF16/);
	});
	it("dense FP8 on an A100 runs weight-only and keeps FP8 bytes", () => {
		const r = runFormat(llama31_8b, "fp8", a100, "vllm");
		expect(r.weights).toBe("fp8");
		expect(r.notes.map((n) => noteText(n)).join(" ")).toMatch(/weight-only/);
	});
	it("FP8 runs as FP8 on Hopper, with nothing to note", () => {
		expect(runFormat(deepseekV3, "fp8", h100, "vllm")).toEqual({ weights: "fp8", notes: [], blocker: null });
	});
	it("no BF16 below compute capability 8.0: FP16 instead", () => {
		expect(runFormat(llama31_8b, "bf16", v100, "vllm").weights).toBe("fp16");
		expect(runFormat(llama31_8b, "bf16", t4, "vllm").weights).toBe("fp16");
	});
	it("FP8 on a V100 is upcast to FP16, the only 16-bit format it has", () => {
		expect(runFormat(llama31_8b, "fp8", v100, "vllm").weights).toBe("fp16");
	});
	it("NVFP4 needs Blackwell", () => {
		expect(said(runFormat(llama31_8b, "nvfp4", h100, "vllm").blocker)).toMatch(/Blackwell/);
		expect(runFormat(llama31_8b, "nvfp4", b200, "vllm").blocker).toBeNull();
	});
	it("MXFP4 runs weight-only on Hopper and Ampere, natively on Blackwell, not on Volta", () => {
		expect(runFormat(llama31_8b, "mxfp4", h100, "vllm")).toMatchObject({ weights: "mxfp4", blocker: null });
		expect(runFormat(llama31_8b, "mxfp4", a100, "vllm")).toMatchObject({ weights: "mxfp4", blocker: null });
		expect(runFormat(llama31_8b, "mxfp4", b200, "vllm").notes).toEqual([]);
		expect(runFormat(llama31_8b, "mxfp4", v100, "vllm").blocker).not.toBeNull();
	});
	it("Ascend has no FP8: an FP8 checkpoint is upcast", () => {
		expect(runFormat(llama31_8b, "fp8", ascend, "vllm").weights).toBe("bf16");
	});
	it("GGUF needs llama.cpp, and llama.cpp needs GGUF", () => {
		expect(said(runFormat(llama31_8b, "q4_k_m", h100, "vllm").blocker)).toMatch(/llama\.cpp/);
		expect(runFormat(llama31_8b, "q4_k_m", p40, "llamacpp").blocker).toBeNull();
		expect(said(runFormat(llama31_8b, "bf16", h100, "llamacpp").blocker)).toMatch(/GGUF/);
	});
	it("engines have floors: vLLM needs CC 7.0, TRT-LLM NVIDIA 8.0+", () => {
		expect(said(engineBlocker("vllm", p40))).toMatch(/7\.0/);
		expect(engineBlocker("vllm", v100)).toBeNull();
		expect(engineBlocker("llamacpp", p40)).toBeNull();
		expect(said(engineBlocker("trtllm", v100))).toMatch(/8\.0/);
		expect(said(engineBlocker("trtllm", ascend))).toMatch(/NVIDIA/);
	});
});
