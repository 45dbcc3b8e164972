// /fit help and Discord's /help: how to ask, with examples to run. The headline speaks of the text grammar where
// requests are typed (Slack, the CLI), and of the named options where they are chosen (Discord).

import type { Locale } from "../src/chat/reply.js";
import { EXAMPLE, GRAMMAR } from "../src/parse/errors.js";
import { type HelpWords, helpResult } from "./help-card.js";
import type { HelpJson } from "./json.js";
import type { CommandResult } from "./result.js";

const HELP_EXAMPLES = [
	"deepseek-r1 on 16x H100",
	"llama-3.1-405b fp8 on 8x H100 ctx 32k users 8",
	"qwen3-32b on 2x rtx-4090 awq ctx 16k",
	"deepseek-r1 on 2x8 H200 engine sglang kv fp8",
	"gpt-oss-120b on 1x a100 util 0.95",
	"deepseek-r1 16卡 H100",
	"llama 70b on a single 4090 with 8k context",
];

interface HelpStrings extends Omit<HelpWords, "usage"> {
	usage: (grammar: string) => string;
}

const EN: HelpStrings = {
	title: "gpufit: will this model fit?",
	usage: (grammar) => `Usage: ${grammar}`,
	options:
		"/fit asks with model: (deepseek-r1) and hardware: (a count and a GPU: 16x H100, 2x8 H200, 16卡 H100); precision:, context: (32k), users:, engine: and kv: are optional.",
	fields: [
		{
			label: "Commands",
			value:
				"/fit: does a model fit · /recommend: the cheapest setups that fit · /compare: setups side by side · /gpus, /models: the catalog",
		},
		{ label: "Counts", value: "16x H100 spreads over as few 8-GPU servers as needed; 2x8 says nodes x GPUs per node." },
		{ label: "Context", value: "ctx 32k (k = 1024), ctx 1m; default is the model's full context." },
		{
			label: "In your words",
			value: "16 h100s, a single 4090, 2 nodes of 8 H100, 8 H20 cards, with 64k context, for 20 users, ctx=32k",
		},
		{ label: "Precision", value: "native (default), bf16, fp16, fp8, int8, int4/awq/gptq, nvfp4, mxfp4, GGUF q4_k_m, q8_0…" },
		{ label: "Verdicts", value: "fits: starts and holds ctx × users · tight: loads, but less fits · no-fit: cannot load or run" },
	],
};

const ZH: HelpStrings = {
	title: "gpufit：这个模型放得下吗？",
	usage: (grammar) => `用法：${grammar}`,
	options:
		"/fit 填 model:（deepseek-r1）和 hardware:（数量和 GPU：16x H100、2x8 H200、16卡 H100）；precision:、context:（32k）、users:、engine:、kv: 可选。",
	fields: [
		{
			label: "命令",
			value: "/fit：能否放下 · /recommend：能放下的最便宜配置 · /compare：并排比较 · /gpus、/models：目录",
		},
		{ label: "数量", value: "16x H100 按每台 8 卡分到最少的机器；2x8 表示 2 台 × 每台 8 卡；也可写 16卡、2台8卡。" },
		{ label: "上下文", value: "ctx 32k（k = 1024）、ctx 1m；默认是模型的完整上下文。" },
		{
			label: "自然写法",
			value: "16 h100s、a single 4090、2 nodes of 8 H100、with 64k context、for 20 users、上下文 32k 并发 20",
		},
		{ label: "精度", value: "native（默认）、bf16、fp16、fp8、int8、int4/awq/gptq、nvfp4、mxfp4、GGUF q4_k_m、q8_0…" },
		{ label: "结论", value: "可以运行：能启动并容纳 上下文 × 用户 · 勉强：能加载，但容纳更少 · 放不下：加载不了或跑不了" },
	],
};

export function runHelp(footer: string, locale: Locale = "en"): CommandResult<HelpJson> {
	const t = locale === "zh" ? ZH : EN;
	const json = { ok: true as const, grammar: GRAMMAR, example: EXAMPLE, examples: HELP_EXAMPLES };
	return helpResult("fit", json, { ...t, usage: t.usage(GRAMMAR) }, footer);
}
