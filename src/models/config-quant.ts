// The checkpoint's native precision from quantization_config (in config.json, or in text_config for some
// multimodal wrappers) or ModelOpt's hf_quant_config.json, with a one-line note of what stays 16-bit.
import type { CheckpointFormat } from "../catalog/schema.js";
import { ConfigSource, isObject, type Json } from "./config-source.js";

export interface Precision {
	nativePrecision: CheckpointFormat;
	quantNote: string | null;
}

/** A short summary of an ignore list: distinct module names with layer numbers and regex prefixes removed. */
function ignoreSummary(list: readonly Json[] | undefined): string | null {
	if (!list || list.length === 0) return null;
	const names: string[] = [];
	for (const entry of list) {
		if (typeof entry !== "string") continue;
		const cleaned = entry
			.replace(/^re:/, "")
			.replace(/\\\./g, ".")
			.replace(/\.\*|\*/g, "")
			.replace(/^\.+|\.+$/g, "");
		const inLayer = cleaned.replace(/^.*?layers\.(\d+\.)?/, "");
		const name = (/^\d*$/.test(inLayer) ? cleaned : inLayer).replace(/^(model\.)?(language_model\.)?/, "");
		if (name && !names.includes(name)) names.push(name);
	}
	const shown = names.slice(0, 5).join(", ");
	const more = names.length > 5 ? ", ..." : "";
	return `${shown}${more} kept 16-bit (ignore list, ${list.length} entr${list.length === 1 ? "y" : "ies"})`;
}

const join = (...parts: (string | null)[]): string => parts.filter((p) => p !== null).join("; ");

function fp8(q: ConfigSource, root: ConfigSource): Precision {
	const block = q.optList("weight_block_size");
	const fmt = q.optStr("fmt") ?? "e4m3";
	const layout = block ? `${block.join("x")} blocks` : "per-tensor scales";
	const ignore = ignoreSummary(q.optList("modules_to_not_convert") ?? q.optList("ignored_layers"));
	// DeepSeek-V4: expert_dtype "fp4" stores the routed experts in MXFP4 (vllm deepseek_v4.py DeepseekV4FP8Config).
	if (root.optStr("expert_dtype") === "fp4") {
		return {
			nativePrecision: "mxfp4",
			quantNote: join(`MoE experts MXFP4 (expert_dtype fp4); other linear layers FP8 ${fmt} ${layout}`, ignore),
		};
	}
	return { nativePrecision: "fp8", quantNote: join(`FP8 ${fmt} ${layout}`, ignore) };
}

/** compressed-tensors: the first config group's weight scheme. */
function compressedTensors(q: ConfigSource): Precision {
	const groups = q.child("config_groups");
	const first = groups ? Object.keys(groups.obj)[0] : undefined;
	const group = first ? groups?.child(first) : undefined;
	const weights = group?.child("weights");
	const bits = weights?.optInt("num_bits");
	const type = weights?.optStr("type");
	const size = weights?.optInt("group_size");
	const format = group?.optStr("format") ?? q.optStr("format");
	let precision: CheckpointFormat | undefined;
	if (type === "int" && bits === 4) precision = "int4";
	else if (type === "int" && bits === 8) precision = "int8";
	else if (type === "float" && bits === 8) precision = "fp8";
	// FP4 e2m1: MXFP4 ("mxfp4-pack-quantized", one 8-bit scale per 32, Kimi-K3) or NVFP4 (FP8 scale per 16).
	else if (type === "float" && bits === 4) precision = format?.includes("mxfp4") || size === 32 ? "mxfp4" : "nvfp4";
	if (!precision) {
		q.reject("config_groups");
		return { nativePrecision: "bf16", quantNote: null };
	}
	const scheme = `${precision.toUpperCase()} (compressed-tensors${format ? ` ${format}` : ""}${size ? `, group ${size}` : ""})`;
	return { nativePrecision: precision, quantNote: join(scheme, ignoreSummary(q.optList("ignore"))) };
}

/** ModelOpt (hf_quant_config.json "quantization", or config.json's quant_method "modelopt"). */
function modelopt(q: ConfigSource): Precision {
	const algo = q.optStr("quant_algo");
	const ignore = ignoreSummary(q.optList("exclude_modules") ?? q.optList("ignore"));
	if (algo === "FP8") return { nativePrecision: "fp8", quantNote: join("ModelOpt FP8 per-tensor", ignore) };
	if (algo === "NVFP4")
		return { nativePrecision: "nvfp4", quantNote: join("ModelOpt NVFP4 (FP4 e2m1, FP8 scale per 16)", ignore) };
	if (algo === "MIXED_PRECISION") {
		const layers = q.child("quantized_layers");
		const algos = new Set(Object.values(layers?.obj ?? {}).map((l) => (isObject(l) ? String(l.quant_algo) : "")));
		const fp4 = [...algos].some((a) => a.includes("NVFP4"));
		const mix = [...algos].filter(Boolean).sort().join(" + ");
		return { nativePrecision: fp4 ? "nvfp4" : "fp8", quantNote: join(`ModelOpt mixed precision (${mix})`, ignore) };
	}
	q.reject("quant_algo");
	return { nativePrecision: "bf16", quantNote: null };
}

const DTYPES: Record<string, CheckpointFormat> = { bfloat16: "bf16", float16: "fp16", float32: "fp32" };

export function readPrecision(root: ConfigSource, text: ConfigSource, quantConfig: unknown): Precision {
	if (isObject(quantConfig)) {
		const file = new ConfigSource(quantConfig, "hf_quant_config.", root.problems);
		const q = file.child("quantization");
		if (q) return modelopt(q);
		file.reject("quantization");
	}
	const q = root.child("quantization_config") ?? (text !== root ? text.child("quantization_config") : undefined);
	if (q) {
		const method = q.optStr("quant_method");
		switch (method) {
			case "fp8":
				return fp8(q, root);
			case "mxfp4":
				return {
					nativePrecision: "mxfp4",
					quantNote: join("MXFP4 MoE experts (e2m1, one 8-bit scale per 32)", ignoreSummary(q.optList("modules_to_not_convert"))),
				};
			case "compressed-tensors":
				return compressedTensors(q);
			case "modelopt":
				return modelopt(q);
			case "awq":
			case "gptq":
				return {
					nativePrecision: method,
					quantNote: `${method.toUpperCase()} ${q.optInt("bits") ?? 4}-bit, group ${q.optInt("group_size") ?? 128}`,
				};
			default:
				q.reject("quant_method");
				return { nativePrecision: "bf16", quantNote: null };
		}
	}
	for (const s of text === root ? [root] : [text, root]) {
		for (const key of ["torch_dtype", "dtype"]) {
			const name = s.optStr(key);
			if (name === undefined) continue;
			const p = DTYPES[name];
			if (p) return { nativePrecision: p, quantNote: null };
			s.reject(key);
			return { nativePrecision: "bf16", quantNote: null };
		}
	}
	root.reject("torch_dtype", undefined);
	return { nativePrecision: "bf16", quantNote: null };
}
