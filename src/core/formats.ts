// What each storage format costs per weight, and what compute it needs.
import type { CheckpointFormat, ComputeFormat } from "../catalog/schema.js";

interface FormatInfo {
	/** Bits per stored weight, scales included. */
	bitsPerWeight: number;
	/** The hardware format its matrix multiplies need to run natively. */
	compute: ComputeFormat;
	/** Quantized checkpoints keep token embeddings and the LM head in 16-bit. */
	keepsEmbeddings16: boolean;
	/** GGUF files run on llama.cpp. */
	gguf: boolean;
	label: string;
}

// Scale overheads: FP8 128x128 block scales (fp32 per 16384 weights) are negligible; INT4 AWQ/GPTQ
// store an fp16 scale + 4-bit zero per group of 128 (4 + 20/128 bits); NVFP4 an fp8 scale per 16
// (9/16 byte, as aiconfigurator counts it); MXFP4 an 8-bit scale per 32. GGUF by llama.cpp's
// bits per weight for each type (K-quant mixes as llama.cpp reports their model size).
export const FORMATS: Record<CheckpointFormat, FormatInfo> = {
	fp32: { bitsPerWeight: 32, compute: "fp32", keepsEmbeddings16: false, gguf: false, label: "FP32" },
	bf16: { bitsPerWeight: 16, compute: "bf16", keepsEmbeddings16: false, gguf: false, label: "BF16" },
	fp16: { bitsPerWeight: 16, compute: "fp16", keepsEmbeddings16: false, gguf: false, label: "FP16" },
	fp8: { bitsPerWeight: 8 + 32 / 16384, compute: "fp8", keepsEmbeddings16: true, gguf: false, label: "FP8" },
	int8: { bitsPerWeight: 8 + 16 / 4096, compute: "int8", keepsEmbeddings16: true, gguf: false, label: "INT8" },
	int4: { bitsPerWeight: 4 + 20 / 128, compute: "int4", keepsEmbeddings16: true, gguf: false, label: "INT4" },
	awq: { bitsPerWeight: 4 + 20 / 128, compute: "int4", keepsEmbeddings16: true, gguf: false, label: "AWQ INT4" },
	gptq: { bitsPerWeight: 4 + 20 / 128, compute: "int4", keepsEmbeddings16: true, gguf: false, label: "GPTQ INT4" },
	nvfp4: { bitsPerWeight: 4.5, compute: "nvfp4", keepsEmbeddings16: true, gguf: false, label: "NVFP4" },
	mxfp4: { bitsPerWeight: 4.25, compute: "mxfp4", keepsEmbeddings16: true, gguf: false, label: "MXFP4" },
	q8_0: { bitsPerWeight: 8.5, compute: "int8", keepsEmbeddings16: false, gguf: true, label: "GGUF Q8_0" },
	q6_k: { bitsPerWeight: 6.5625, compute: "int8", keepsEmbeddings16: false, gguf: true, label: "GGUF Q6_K" },
	q5_k_m: { bitsPerWeight: 5.69, compute: "int4", keepsEmbeddings16: false, gguf: true, label: "GGUF Q5_K_M" },
	q4_k_m: { bitsPerWeight: 4.85, compute: "int4", keepsEmbeddings16: false, gguf: true, label: "GGUF Q4_K_M" },
	q4_0: { bitsPerWeight: 4.5, compute: "int4", keepsEmbeddings16: false, gguf: true, label: "GGUF Q4_0" },
	q3_k_m: { bitsPerWeight: 3.91, compute: "int4", keepsEmbeddings16: false, gguf: true, label: "GGUF Q3_K_M" },
	q2_k: { bitsPerWeight: 2.63, compute: "int4", keepsEmbeddings16: false, gguf: true, label: "GGUF Q2_K" },
	iq4_xs: { bitsPerWeight: 4.25, compute: "int4", keepsEmbeddings16: false, gguf: true, label: "GGUF IQ4_XS" },
};

/** KV cache element formats an engine can store. */
export type KvFormat = "bf16" | "fp16" | "fp8" | "fp32";
export const KV_BYTES: Record<KvFormat, number> = { bf16: 2, fp16: 2, fp8: 1, fp32: 4 };

/** Words the grammar accepts for a precision, mapped to a storage format. */
export const PRECISION_WORDS: Record<string, CheckpointFormat> = {
	fp32: "fp32",
	bf16: "bf16",
	bfloat16: "bf16",
	fp16: "fp16",
	half: "fp16",
	float16: "fp16",
	fp8: "fp8",
	int8: "int8",
	w8a8: "int8",
	int4: "int4",
	w4a16: "int4",
	awq: "awq",
	gptq: "gptq",
	nvfp4: "nvfp4",
	fp4: "nvfp4",
	mxfp4: "mxfp4",
	q8_0: "q8_0",
	q6_k: "q6_k",
	q5_k_m: "q5_k_m",
	q4_k_m: "q4_k_m",
	q4_0: "q4_0",
	q3_k_m: "q3_k_m",
	q2_k: "q2_k",
	iq4_xs: "iq4_xs",
};
