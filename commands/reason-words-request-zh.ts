// A request the bot could not read, on a Chinese card: what was wrong, in the text grammar's words and in the
// named options' (Discord's `model:` `hardware:`). The JSON keeps the English (reason-words-request-en.ts).
// Requests, grammars and option values stay as typed, in `code` or quotes.

import { grouped } from "../src/core/units.js";
import type { GrammarName, Problem } from "../src/parse/errors.js";
import { EXAMPLES, GRAMMARS } from "../src/parse/grammars.js";
import type { WordsOf } from "./reason-words.js";
import type { OptionsProblem, RequestWords } from "./reason-words-request.js";

const OPTIONS_HELP = "model: 模型名（deepseek-r1），hardware: 数量和 GPU（16x H100 或 2x8 H200），context: token 数（32k）";
/** What each command reads, where a word is not one of its options. */
const READS: Record<GrammarName, string> = {
	fit: OPTIONS_HELP,
	compare: "model: 模型名（deepseek-r1），setups: 用 vs 分隔的配置（8x H200 vs 16x H100），context: token 数（32k）",
	recommend: "model: 模型名（deepseek-r1），context: token 数（32k），price: rent 或 buy",
};
const quoted = (s: string) => `“${s}”`;
const mean = (near: string[]) => (near.length ? `是不是 ${near.join("、")}？` : "");

type Reason = Extract<Problem, { code: "hub" }>["reason"];
/** Why a Hugging Face model could not be read: the hub's facts (endpoint, HTTP status, file, the config's keys) as they are. */
const ZH_HUB: { [W in Reason["why"]]: (r: Extract<Reason, { why: W }>, repo: string) => string } = {
	"not-repo-id": (r) => `${quoted(r.repo)}不是 Hugging Face 的仓库名（应写成 org/name）。`,
	timeout: (r) => `Hugging Face hub 在 ${r.seconds} 秒内没有应答，请稍后再试。`,
	unreachable: (r) => `连不上 Hugging Face hub（${r.endpoint}）：\`${r.detail}\`。请稍后再试。`,
	status: (r) =>
		`Hugging Face hub（${r.endpoint}）对 ${quoted(r.repo)}${r.file === null ? "" : ` 的 ${r.file}`} 返回了 HTTP ${r.status}，请稍后再试。`,
	"unusable-answer": (r) => `Hugging Face hub（${r.endpoint}）对 ${quoted(r.repo)} 没有给出可用的应答，请稍后再试。`,
	gated: (r) =>
		r.token === "none"
			? `${quoted(r.repo)} 是受限模型：需要在 hub 上接受它的许可，并设置 HF_TOKEN。`
			: r.token === "refused"
				? `${quoted(r.repo)} 是受限模型，hub 拒绝了 HF_TOKEN：请检查令牌是否有效。`
				: `${quoted(r.repo)} 是受限模型：请用 HF_TOKEN 所属的账号在 hub 上接受它的许可。`,
	"no-revision": (r) => `Hugging Face hub 上没有 ${quoted(r.repo)} 的版本 ${quoted(r.revision)}。`,
	"no-repo": (r) =>
		`Hugging Face hub（${r.endpoint}）上没有 ${quoted(r.repo)}。${r.token ? "" : "如果它是私有仓库，请设置 HF_TOKEN。"}`,
	"no-file": (r) => `${quoted(r.repo)} 在版本 ${r.sha} 中没有 ${r.file}。`,
	"bad-json": (r) => `${quoted(r.repo)} 的 ${r.file} 不是有效的 JSON：\`${r.detail}\`。`,
	"not-object": (r) => `${quoted(r.repo)} 的 ${r.file} 不是 JSON 对象。`,
	"config-unread": (r, repo) => `${quoted(repo)} 的架构暂不支持：配置里读不懂的字段是 ${r.keys.join("、")}。`,
};

/** What was wrong, said of the text grammar ("on 8x H100"). */
const ZH_PROBLEM: WordsOf<Problem> = {
	"too-long": (p) => `请求有 ${grouped(p.chars)} 个字符，上限是 ${grouped(p.limit)}。`,
	"control-chars": () => "请求含有控制字符；请输入纯文本。",
	empty: () => "请求是空的。",
	"model-first": (p) => `请求要以模型名开头。语法：\`${GRAMMARS[p.grammar]}\``,
	"unknown-word": (p) => `不认识的词${quoted(p.word)}。语法：\`${GRAMMARS[p.grammar]}\``,
	"needs-value": (p) => `${quoted(p.word)}后面要跟一个值，例如 \`${EXAMPLES.fit}\``,
	"two-precisions": (p) => `给了两个精度（${quoted(p.first)}和${quoted(p.second)}）；请只给一个。`,
	"bad-context": (p) => `上下文${quoted(p.value)}不是 token 数：请写成 \`ctx 32k\`、\`ctx 131072\` 或 \`ctx 1m\`（k = 1024）。`,
	"bad-users": (p) => `用户数${quoted(p.value)}必须是 1 到 ${grouped(p.max)} 之间的整数。`,
	"unknown-engine": (p) => `不认识的引擎${quoted(p.value)}：可选 ${p.engines.join("、")}。`,
	"bad-kv": (p) => `KV 缓存类型${quoted(p.value)}不是 fp8、bf16、fp16 之一。`,
	"bad-util": (p) => `util ${quoted(p.value)}必须是大于 0、不超过 1 的比例，例如 \`util 0.9\`。`,
	"bad-prompt": (p) => `提示长度${quoted(p.value)}不是 token 数：请写成 \`prompt 8k\` 或 \`prompt 2000\`（k = 1024）。`,
	"layout-size": (p) => `${quoted(p.part)}的大小至少是 1，例如 \`layout tp8\`。`,
	"layout-parts": () => "`layout` 后面要写各部分：例如 `layout tp8`、`layout tp4 pp2` 或 `layout dp8 ep`。",
	"spec-method": () => "`spec` 后面要写方法：`spec mtp` 或 `spec eagle`（可加 `accept 0.8`）。",
	"bad-accept": (p) => `accept ${quoted(p.value)}是草稿 token 的接受比例，必须大于 0、不超过 1，例如 \`accept 0.8\`。`,
	"hardware-twice": () => "硬件给了两次；只写一个 `on <数量>x <GPU>`。",
	"no-hardware": () => `没有给出硬件：加上 \`on <数量>x <GPU>\`，例如 \`${EXAMPLES.fit}\`。`,
	"no-count": (p) => `“on”后面应是 GPU 数量（如 8x 或 2x8），但这里是${p.found ? quoted(p.found) : "空的"}。`,
	"bad-count": (p) => `GPU 数量${quoted(p.count)}必须是 1 到 ${p.max} 的整数，写成 \`8x H100\` 或 \`2x8 H100\`。`,
	"bad-node-count": (p) => `${quoted(p.count)}应写成 <节点数>x<每节点 GPU 数>，总数最多 ${p.max} 张，例如 2x8。`,
	"which-gpu": (p) => `哪种 GPU？例如 \`${p.count} H100\`。`,
	"too-many-gpus": (p) => `${p.count} 张 GPU 超过了能计算的上限 ${p.max} 张。`,
	"two-setups": () => `请给出两套或更多配置，用 vs 连接：\`${EXAMPLES.compare}\`。`,
	"too-many-setups": (p) => `一次最多比较 ${p.max} 套配置。`,
	"setup-no-gpus": (p) => `第 ${p.setup} 套配置没有写 GPU：例如 \`vs 16x H100\`。`,
	"bad-budget": (p) => `预算${quoted(p.value)}不是美元金额：请写成 \`budget $30/h\`（租用）或 \`budget $400k\`（购买）。`,
	"budget-zero": (p) => `预算${quoted(p.value)}必须大于 $0。`,
	"rent-and-buy": () => "rent 和 buy 只能选一个。",
	"bad-vendor": (p) => `厂商${quoted(p.value)}不是 nvidia、amd、intel、huawei 之一。`,
	"recommend-hardware": (p) => `recommend 会替你挑选硬件；要计算指定的 GPU，请用 fit，例如 \`fit "${p.model} on 8x H200"\`。`,
	"unknown-model": (p) => `不认识的模型${quoted(p.typed)}。${mean(p.near)}\`models\` 列出所有模型。`,
	"unknown-gpu": (p) => `不认识的 GPU ${quoted(p.typed)}。${mean(p.near)}\`gpus\` 列出所有 GPU。`,
	"unknown-model-and-gpu": (p) =>
		`不认识的模型${quoted(p.model)}和 GPU ${quoted(p.gpu)}。${p.request ? `是不是 \`${p.request}\`？` : ""}\`models\` 和 \`gpus\` 列出所有名称。`,
	"not-in-name": (p) =>
		`${p.after === "model" ? "模型名" : "GPU 名"}后面有不认识的词${quoted(p.word)}。语法：\`${GRAMMARS[p.grammar]}\``,
	hub: (p) => `${ZH_HUB[p.reason.why](p.reason as never, p.repo)}${p.failure === "unknown_model" ? mean(p.near) : ""}`,
};

/** The same, said of named options. */
const ZH_PROBLEM_OPTIONS: WordsOf<OptionsProblem> = {
	"model-first": () => "model: 哪个模型？例如 deepseek-r1。",
	"unknown-word": (p) => `${p.grammar === "fit" ? "gpufit" : `/${p.grammar}`} 不认识${quoted(p.word)}：${READS[p.grammar]}。`,
	"needs-value": (p) => `${quoted(p.word)}后面要跟一个值。${OPTIONS_HELP}。`,
	"bad-context": (p) => `context: ${quoted(p.value)}不是 token 数：请写成 32k、131072 或 1m（k = 1024）。`,
	"hardware-twice": () => "GPU 给了两次：只在 hardware: 里写（例如 16x H100），model: 里只写模型。",
	"no-hardware": () => "hardware: 用哪些 GPU？例如 16x H100 或 2x8 H200。",
	"no-count": (p) => `${p.option}: 先写 GPU 数量，例如 8x H100 或 2x8 H200（这里是${p.found ? quoted(p.found) : "空的"}）。`,
	"bad-count": (p) => `${p.option}: GPU 数量${quoted(p.count)}必须是 1 到 ${p.max} 的整数，例如 8x H100 或 2x8 H100。`,
	"bad-node-count": (p) => `${p.option}: ${quoted(p.count)}应写成 节点数 x 每节点 GPU 数，总数最多 ${p.max} 张，例如 2x8 H100。`,
	"which-gpu": (p) => `${p.option}: 哪种 GPU？例如 ${p.count} H100。`,
	"two-setups": () => "setups: 请给出两套或更多配置，用 vs 连接，例如 8x H200 vs 16x H100。",
	"setup-no-gpus": (p) => `setups: 第 ${p.setup} 套配置没有写 GPU，例如 8x H200 vs 16x H100。`,
	"recommend-hardware": (p) =>
		`/recommend 会替你挑选硬件：model: 里只写模型。要计算指定的 GPU，请用 /fit，填 model:${p.model} hardware:8x H200。`,
	"unknown-model": (p) => `model: 不认识的模型${quoted(p.typed)}。${mean(p.near)}/models 列出所有模型。`,
	"unknown-gpu": (p) => `hardware: 不认识的 GPU ${quoted(p.typed)}。${mean(p.near)}/gpus 列出所有 GPU。`,
	"unknown-model-and-gpu": (p) =>
		`model: 不认识的模型${quoted(p.model)}，hardware: 不认识的 GPU ${quoted(p.gpu)}。${p.request ? "下面第一条请求把两处都改正了。" : ""}/models 和 /gpus 列出所有名称。`,
	"not-in-name": (p) =>
		p.after === "model"
			? `model: ${quoted(p.word)}不是模型名的一部分；只写模型，例如 deepseek-r1。`
			: `hardware: ${quoted(p.word)}不是 GPU 名的一部分；写数量和 GPU，例如 8x H100。`,
};

export const ZH_REQUEST: RequestWords = {
	title: "无法理解请求",
	problem: ZH_PROBLEM,
	options: ZH_PROBLEM_OPTIONS,
	help: (h) => (h.line === "grammar" ? `语法：\`${GRAMMARS[h.grammar]}\`` : `示例：\`${EXAMPLES[h.grammar]}\``),
};
