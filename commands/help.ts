// /fit help: the grammar with examples.

import { emptyReply } from "../src/chat/reply.js";
import { EXAMPLE, GRAMMAR } from "../src/parse/errors.js";
import type { HelpJson } from "./json.js";
import { runOf } from "./request-text.js";
import type { CommandResult } from "./result.js";

export const HELP_EXAMPLES = [
	"deepseek-r1 on 16x H100",
	"llama-3.1-405b fp8 on 8x H100 ctx 32k users 8",
	"qwen3-32b on 2x rtx-4090 awq ctx 16k",
	"deepseek-r1 on 2x8 H200 engine sglang kv fp8",
	"gpt-oss-120b on 1x a100 util 0.95",
	"deepseek-r1 16卡 H100",
];

export function runHelp(footer: string): CommandResult<HelpJson> {
	const reply = emptyReply("help", "gpufit: will this model fit?", `Usage: ${GRAMMAR}`);
	reply.fields = [
		{ label: "Counts", value: "16x H100 spreads over as few 8-GPU servers as needed; 2x8 says nodes x GPUs per node." },
		{ label: "Context", value: "ctx 32k (k = 1024), ctx 1m; default is the model's full context." },
		{ label: "Precision", value: "native (default), bf16, fp16, fp8, int8, int4/awq/gptq, nvfp4, mxfp4, GGUF q4_k_m, q8_0…" },
		{ label: "Verdicts", value: "fits: starts and holds ctx × users · tight: loads, but less fits · no-fit: cannot load or run" },
	];
	reply.suggestions = HELP_EXAMPLES.map((e) => ({ text: e, run: runOf("fit", e) }));
	reply.footer = footer;
	return { json: { ok: true, grammar: GRAMMAR, example: EXAMPLE, examples: HELP_EXAMPLES }, reply, exitCode: 0 };
}
