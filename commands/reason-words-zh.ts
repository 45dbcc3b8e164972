// The core's reason codes in Chinese, for Chinese workspaces. Names (models, GPUs, engines, formats), units
// and what people type (`kv fp8`, --max-model-len) stay as they are written.
import { formatUsd } from "../src/core/labels.js";
import type { Blocker, SetupName } from "../src/core/reasons.js";
import { formatSeconds } from "../src/core/speed-text.js";
import { formatGiB, formatTokens, grouped, roundTokens } from "../src/core/units.js";
import type { ReasonWords } from "./reason-words.js";
import { ZH_SPEED } from "./reason-words-speed-zh.js";

const MAX_NAMES = 6;

/** "a、b、c 等 8 项": at most six names. */
function list(items: string[]): string {
	return items.length <= MAX_NAMES ? items.join("、") : `${items.slice(0, MAX_NAMES).join("、")} 等 ${items.length} 项`;
}

/** "16x H100 SXM5 80GB (2 台)": the nodes where there are several. */
const named = (s: SetupName) => `${s.count}x ${s.gpu}${s.nodes > 1 ? ` (${s.nodes} 台)` : ""}`;
const usd = (v: number | null, perHour: boolean) => (v === null ? "暂无价格" : formatUsd(v, perHour));
const priced = (xs: { setup: SetupName; usd: number | null }[], perHour: boolean) =>
	list(xs.map((x) => `${named(x.setup)} ${usd(x.usd, perHour)}`));
const host = (base: number, perGpu: number) => `每台服务器 ${formatUsd(base)} + 每卡 ${formatUsd(perGpu)}`;
const capacity = (o: { users: number; context: number; maxContext: number }) =>
	o.users === 0 ? `单用户最长 ${roundTokens(o.maxContext)}` : `${o.users} 个用户 × ${formatTokens(o.context)}`;

const BLOCKERS: ReasonWords["blocker"] = {
	"engine-not-on-gpu": (b) => `${b.engine} 不能在 ${b.gpu} 上运行；能运行的引擎：${b.engines}`,
	"engine-needs-cc": (b) => `${b.engine} 需要计算能力 ${b.needs} 或更高；${b.gpu} 是 ${b.has}`,
	"sglang-rocm": (b) => `SGLang 的 ROCm 版本面向 MI300 级 GPU（gfx942/gfx950）；${b.gpu} 是 ${b.arch}`,
	"sglang-gaudi": () => "SGLang 不能在 Gaudi 上运行",
	"llamacpp-gaudi": () => "llama.cpp 没有 Gaudi 后端",
	"nvidia-only": (b) => `${b.engine} 只能在 NVIDIA GPU 上运行；${b.gpu} 是 ${b.vendor}`,
	"apple-only": (b) => `${b.engine} 只能在 Apple 芯片（Metal）上运行；${b.gpu} 是 ${b.vendor}`,
	"gguf-needs-llamacpp": (b) => `${b.format} 是 GGUF 格式：在 llama.cpp 上运行（engine llamacpp）`,
	"llamacpp-needs-gguf": () => "llama.cpp 运行 GGUF 文件；请指定 GGUF 类型，例如 q8_0 或 q4_k_m",
	"kernels-need-cc": (b) => `${b.kernels} 仅权重内核需要计算能力 ${b.needs} 或更高`,
	"nvfp4-needs-blackwell": (b) => `NVFP4 需要 Blackwell 的 FP4 单元；${b.gpu} 没有（可以用 fp8 或 int4）`,
	"layers-only": (b) => `${b.engine} 只能按层分到多张卡上（没有张量并行或数据并行）`,
	"more-gpus-than-layers": (b) => `llama.cpp 按层切分 ${b.layers} 层；${b.gpus} 张卡比层数还多`,
	"stages-for-gpus": (b) => `${b.gpus} 张卡需要 ${b.stages} 级流水线，但只有 ${b.layers} 层`,
	"layout-not-count": (b) => `布局 ${b.layout} 凑不成 ${b.gpus} 张卡`,
	"dp-not-dividing": (b) => `${b.dp} 个数据并行注意力 rank 不能整除每级的 ${b.tp} 张卡`,
	"ep-needs-moe": (b) => `专家并行需要混合专家模型；${b.model} 是稠密模型`,
	"stages-over-layers": (b) => `${b.stages} 级流水线，但只有 ${b.layers} 层`,
	"heads-not-splitting": (b) => `${b.heads} 个注意力头（或 KV 头）不能平均分到 ${b.gpus} 张卡上`,
	"beyond-context": (b) =>
		`${formatTokens(b.context)} 超出了 ${b.model} 的上下文 ${formatTokens(b.limit)}；引擎拒绝更长的 max_model_len`,
};

const blocker = (b: Blocker): string => (BLOCKERS[b.code] as (f: Blocker) => string)(b);

export const ZH: ReasonWords = {
	list,
	setup: named,
	blocker: BLOCKERS,
	sizing: {
		"engine-not-here": (r) =>
			`${r.asked} 不能在 ${r.gpu} 上运行：按 ${r.chosen} 回答${r.ggufFormat ? `（它运行 ${r.ggufFormat} 文件）` : ""}${r.others.length ? `；${r.others.join("、")} 也能在这里运行` : ""}`,
		"gguf-engine": (r) => `${r.format} 是 GGUF 文件：按 llama.cpp 回答`,
		"no-bf16": (r) => `${r.gpu} 不支持 BF16（计算能力 ${r.computeCapability} < 8.0）：按 FP16 运行，字节数相同`,
		"fp8-upcast": (r) => `${r.gpu} 没有 FP8 单元：FP8 ${r.moe ? "MoE " : ""}检查点升格为 ${r.to} 运行（权重字节翻倍）`,
		"fp8-weight-only": (r) => `${r.gpu} 没有 FP8 单元：FP8 权重以仅权重方式运行（W8A16，FP8 Marlin），按 ${r.computeIn} 计算`,
		"int8-weight-only": (r) => `${r.gpu} 没有 INT8 张量核心：INT8 以仅权重方式运行`,
		"mlx-mxfp4": () => "MLX 用自己的量化矩阵乘内核运行 MXFP4 权重（没有 FP4 单元）",
		"mxfp4-weight-only": (r) => `${r.gpu} 没有 FP4 单元：MXFP4 权重通过仅权重内核运行（Marlin/Triton）`,
		"llamacpp-layers": (r) => `llama.cpp 把 ${r.layers} 层分到 ${r.gpus} 张卡上`,
		"fp8-blocks-experts": (r) =>
			`FP8 128 分块无法把 ${r.expertWidth} 宽的专家分到 ${r.ranks} 个 rank（每个 ${r.expertWidth / r.ranks}）：张量并行 ${r.tp} × 流水线 ${r.pp}（专家并行也可以）`,
		"heads-uneven": (r) => `${r.heads} 个注意力头无法平均分到 ${r.gpus} 张卡：张量并行 ${r.tp}，流水线 ${r.pp}`,
		"kv-heads-per-rank": (r) => `${r.kvHeads} 个 KV 头分在 ${r.tp} 个张量并行 rank 上：每个头的缓存存 ${r.tp / r.kvHeads} 份`,
		"mla-cache-per-rank": (r) => `MLA 的潜在缓存在 ${r.tp} 个张量并行 rank 上各存一份完整的（未用 DP 注意力）`,
		"layout-as-asked": (r) => `按要求使用布局 ${r.layout}`,
		"dp-attention": (r) => {
			const experts =
				r.experts === null
					? ""
					: r.expertsPerGpu !== null
						? `；${r.experts} 个专家每卡 ${r.expertsPerGpu} 个`
						: "；专家和 FFN 在组内张量并行";
			return `数据并行注意力：${r.dp} 个 rank 各自保存注意力权重${r.attnTp > 1 ? `（分在 ${r.attnTp} 张卡上）` : ""}，只存自己请求的缓存${experts}`;
		},
		"mla-widths-estimated": () => "每个 rank 的注意力权重按 DeepSeek-V3 的 MLA 投影宽度估算（q_lora 1536，头宽 128）",
		"weights-padded": (r) =>
			`${r.weights} 文件共 ${formatGiB(r.fileBytes)}；加载后引擎报告 ${formatGiB(r.loadedBytes)}（内核填充）`,
		"weights-with-mtp": (r) =>
			`${r.weights} 文件共 ${formatGiB(r.fileBytes)}，全部加载：${formatGiB(r.mtpBytes)} 的 MTP 模块为推测解码起草 token`,
		"weights-without-mtp": (r) =>
			`${r.weights} 文件共 ${formatGiB(r.fileBytes)}；引擎加载 ${formatGiB(r.loadedBytes)}（${formatGiB(r.mtpBytes)} 的 MTP 模块只在推测解码时加载）`,
		"weights-count": (r) => {
			const loaded = ["语言模型", r.vision ? "视觉编码器" : null, r.audio ? "音频编码器" : null];
			const mtp = r.mtpLayers > 0 ? `；未计 ${r.mtpLayers} 层 MTP（引擎只在推测解码时加载）` : "";
			return `权重包括${loaded.filter(Boolean).join("和")}${mtp}`;
		},
		"weights-from-params": (r) => `权重按 ${(r.params / 1e9).toFixed(1)}B 参数、${r.format} 估算（目录里没有公开的文件大小）`,
		"context-extension": (r) => `配置的 ${r.how} 在引擎启用时最长可到 ${formatTokens(r.tokens)}`,
		"util-ignored": () => "llama.cpp 没有显存比例设置：忽略 util",
		"kv-replicated": (r) => `KV 缓存在张量并行 rank 间存了 ${r.times} 份（KV 头少于 rank）`,
		"kv-fp8": () => "FP8 KV 缓存：字节数是 16 位的一半",
		"cannot-run": (r) => `无法运行：${blocker(r.blocker)}`,
		"newest-release": (r) =>
			`“${r.typed}”按 ${r.name} 回答，这是它所指的最新版本。${r.others.length ? `其他：${r.others.join("、")}；请写出完整名称。` : ""}`,
		"fixed-needs-exceed": (r) =>
			`权重和 ${r.engine} 的固定开销超出了每卡可用显存${r.knob !== null ? `（${r.knob} ${r.fraction}）` : ""}`,
		"vllm-max-len": (r) => `vLLM 用 --max-model-len ${r.context} 无法启动；最多 ${r.maxContext} 才能启动`,
	},
	recommend: {
		"newest-release": (r) => ZH.sizing["newest-release"](r),
		"beyond-context": (r) =>
			`${formatTokens(r.context)} 超出了 ${r.model} 的上下文 ${formatTokens(r.limit)}：引擎拒绝更长的 max_model_len。下面的配置按 ${formatTokens(r.limit)} 计算。`,
		"sized-for": (r) =>
			`按 ${r.users} 个用户 × ${formatTokens(r.context)} 上下文计算${r.defaultContext ? `（recommend 的默认上下文；可加上 "ctx 128k" 等修改）` : ""}。`,
		searched: (r) => {
			const label = (f: { format: string; published: boolean }) => (f.published ? `${f.format}（官方发布）` : f.format);
			const ranked = r.ranked.length ? `${r.ranked.map(label).join("、")} 权重` : "没有全精度权重";
			const kv = r.fp8KvFallback ? "，默认 KV 缓存放不下时试 FP8 KV 缓存" : "";
			const traded = r.traded.length ? `；${r.traded.map(label).join("、")}（有质量损失）只在指定时搜索` : "";
			return `搜索了 ${ranked}${kv}${traded}。`;
		},
		"ranked-by-rent": () =>
			"按整套每小时租金排序（每种卡取最便宜的按需供应商）；没有 FP8 单元、必须把 FP8 检查点升格运行的配置排在按原格式运行的之后。",
		"ranked-by-purchase": (r) =>
			`按整套购买价排序：目录有整机价格的按整机，否则按卡价加主机费用（${host(r.hostBaseUsd, r.hostPerGpuUsd)}）；必须把 FP8 检查点升格运行的配置排在按原格式运行的之后。`,
		filters: (r) => {
			const filters = [
				r.vendor !== null ? `只看 ${r.vendor} GPU` : null,
				r.pcieOnly ? "只看 PCIe 卡" : null,
				r.oneNode ? "只看单节点" : null,
				r.budget !== null ? `预算 ${formatUsd(r.budget.usd, r.budget.perHour)}` : null,
				r.engine !== null ? `引擎 ${r.engine}` : null,
			];
			return `筛选：${filters.filter((x) => x !== null).join("，")}。`;
		},
		"cannot-run-here": (r) => `无法运行（${blocker(r.rule).split("；")[0]}）：${list(r.gpus)}。`,
		"too-small": (r) => `即使用到${r.oneNode ? "一个满配节点" : ` ${r.nodes} 个满配节点`}也放不下：${list(r.gpus)}。`,
		upcast: (r) =>
			`没有 FP8 单元，检查点升格为 ${r.to} 运行（权重字节翻倍，解码速度减半）：${priced(r.setups, r.perHour)}；排在按原格式运行的硬件之后。`,
		"no-price": (r) => `能放下，但目录里没有${r.rent ? "租用" : "购买"}价格：${list(r.setups.map(named))}。`,
		"over-budget": (r) => `超出预算：${priced(r.setups, r.perHour)}。`,
		dearer: (r) => `更贵：${priced(r.setups, r.perHour)}。`,
		"slow-prefill": (r) =>
			`${named(r.setup)}：${formatTokens(r.promptTokens)} token 的提示要等约 ${formatSeconds(r.seconds)} 才出首 token，${named(r.fastest)} 约 ${formatSeconds(r.fastestSeconds)}（${(r.seconds / r.fastestSeconds).toFixed(1)} 倍：每卡 ${r.peak.tflops} TFLOP/s ${r.peak.format} 对 ${r.fastestPeak.tflops} TFLOP/s ${r.fastestPeak.format}）；长提示慢（估算）。`,
		"host-added": (r) =>
			`† 单卡报价加上主机费用，以便与整机比较（${host(r.hostBaseUsd, r.hostPerGpuUsd)}：CPU、内存、机箱、电源、网络；为假设值）：${list(r.setups.map((s) => `${named(s.setup)} ${formatUsd(s.usd)}（含主机 ${formatUsd(s.hostUsd)}）`))}。`,
		quantized: (r) =>
			`用 ${r.format} 权重（有质量损失）：${named(r.setup.setup)} 能放下，${usd(r.setup.usd, r.perHour)}；可以问 "${r.ask}"。`,
		"nothing-within-budget": (r) =>
			`预算 ${formatUsd(r.budget.usd, r.budget.perHour)} 内没有能放下的配置；超出预算最接近的：${priced(r.closest, r.perHour)}。`,
		"nothing-fits": (r) => `没有配置能放下 ${r.users} 个用户 × ${formatTokens(r.context)}。`,
		closest: (r) => {
			const near = r.setups.map(({ setup, near: n }) => {
				const what =
					n.kind === "loads"
						? `能加载，${n.users} 个用户 × ${formatTokens(n.context)} 或单用户最长 ${roundTokens(n.maxContext)}`
						: n.kind === "blocked"
							? blocker(n.blocker)
							: "权重和引擎开销超出显存";
				return `${named(setup)}（${what}）`;
			});
			return `最接近的：${near.join("；")}。`;
		},
	},
	speed: ZH_SPEED,
	hub: {
		"hub-read": (n) => {
			const bytes = formatGiB(n.weights.bytes ?? 0);
			const basis =
				n.weights.basis === "index"
					? `权重 ${bytes}，来自 model.safetensors.index.json`
					: n.weights.basis === "parameters"
						? `权重 ${bytes}，按 hub 的各 dtype 参数量计算`
						: "权重按配置估算（没有公开的索引或参数量）";
			return `读自 Hugging Face hub：${n.repo}，版本 ${n.sha}（获取于 ${n.fetched} UTC）；${basis}`;
		},
		"hub-context": (n) => `配置用 ${n.how} 最长可到 ${grouped(n.tokens)} tokens`,
	},
	change: {
		"use-format": (c) => `改用 ${c.format}`,
		"format-weights": (c) => `${c.format} 权重`,
		util: (c) => `${c.knob} ${c.util}（util ${c.util}）`,
		"kv-fp8": (c) => (c.twice ? "FP8 KV 缓存（kv fp8）能放两倍的 token" : "FP8 KV 缓存（kv fp8）"),
		"dp-attention": (c) => `数据并行注意力加专家并行（layout dp${c.dp} ep）`,
		engine: (c) => `${c.engine}（engine ${c.id}）`,
		"fewer-users": (c) => `${c.users} 个用户（而不是 ${c.asked} 个）`,
		context: (c) => `上下文 ${roundTokens(c.tokens)}`,
		"model-limit": (c) => `上下文 ${formatTokens(c.tokens)}（${c.model} 的上限）`,
		"more-gpus": (c) => `${c.count}x ${c.gpu}`,
		"per-replica": (c) => `每个副本 ${c.count}x ${c.gpu}`,
		"half-gpus": () => "一半的卡也能放下",
		"other-gpu": (c) => `${c.count}x ${c.gpu}`,
	},
	outcome: {
		fits: (o) => `可以运行，${capacity(o)}`,
		loads: (o) => `能加载，${capacity(o)}`,
		fitsOnly: "可以运行",
		noFit: "也放不下",
	},
	suggestion: (change, result, s) => {
		const c = s.change;
		if (c.code === "more-gpus") return `${change}：${result}，余量 ${formatGiB(c.marginBytes)}`;
		if (c.code === "per-replica") return `${change}：${result}；运行 ${c.replicas} 个副本可服务更多用户`;
		if (c.code === "half-gpus") return `${change}：${c.count}x ${c.gpu}，${capacity(s.outcome)}`;
		return `${change}：${result}`;
	},
	onSetup: (setup, note) => `${setup}：${note}`,
};
