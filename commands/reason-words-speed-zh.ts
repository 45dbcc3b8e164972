// Speed estimates in Chinese, for Chinese workspaces: the fit card's speed line, what an estimate changed,
// what it assumes. Figures and units (tok/s, s, ms, µs) are written as in English.
import type { SpeedEstimate } from "../src/core/speed.js";
import { formatCostPerMillion, formatRate, formatSeconds } from "../src/core/speed-text.js";
import { formatTokens } from "../src/core/units.js";
import type { SpeedWords } from "./reason-words.js";

const WITHOUT_SPEC = "按无推测解码估算";
const BOUND: Record<SpeedEstimate["decodeBound"], string> = { memory: "受显存带宽限制", compute: "受算力限制" };

/** Decode per user and in all, at the load it was estimated for. */
function decode(e: SpeedEstimate): string {
	const load = `${e.users} 个用户 × ${formatTokens(e.contextTokens)}`;
	return e.users > 1
		? `每用户 ~${formatRate(e.decodeTokensPerSecondPerUser)}，共 ${formatRate(e.decodeTokensPerSecondTotal)}（${load}）`
		: `~${formatRate(e.decodeTokensPerSecondPerUser)}（${load}）`;
}

export const ZH_SPEED: SpeedWords = {
	line: (e, note) => {
		if (e === null) return "无法运行";
		const s = e.speculative;
		const labels = [`估算，${BOUND[e.decodeBound]}`, ...(s ? [`${s.name}，草稿接受率 ${Math.round(s.accept * 100)}%`] : [])];
		const notes = e.notes.length ? ` · ${e.notes.map(note).join("；")}` : "";
		const perMillion =
			e.usdPerMillionOutputTokens === null ? "无租用价格" : `每百万输出 ${formatCostPerMillion(e.usdPerMillionOutputTokens)}`;
		return `${decode(e)} · ${formatTokens(e.promptTokens)} 提示的首 token 约 ${formatSeconds(e.ttftSeconds)} · ${perMillion}（${labels.join("，")}）${notes}`;
	},
	note: {
		"prompt-shortened": (n) =>
			`${formatTokens(n.asked)} token 的提示加上回答放不进 ${formatTokens(n.context)} token 的上下文：首 token 按 ${formatTokens(n.prompt)} token 估算`,
		"spec-unknown": (n) => `请求了 ${n.method}，但目录里没有这种方法：${WITHOUT_SPEC}`,
		"mtp-no-layers": (n) => `请求了 MTP，但 ${n.model} 没有 MTP 层：${WITHOUT_SPEC}`,
		"spec-no-draft-head": (n) => `请求了 ${n.name}，但 ${n.model} 没有已知的公开 ${n.method} 草稿头：${WITHOUT_SPEC}`,
		"spec-engine": (n) => `${n.engine} 不支持 ${n.name}：${WITHOUT_SPEC}`,
	},
	assumption: {
		"fitted-constants": () => "各引擎、GPU 系列和精度的常数按公开基准测试拟合（catalog/speed）",
		workload: (a) =>
			`每个用户发送 ${formatTokens(a.promptTokens)} token 的提示（或请求指定的长度），读回 ${formatTokens(a.outputTokens)} token，再发下一个请求（连续批处理，无前缀缓存）`,
		"decode-at-context": () => "解码时每个用户的缓存按请求的上下文计算",
		load: (a) =>
			`${a.users} 个用户，每人发送 ${formatTokens(a.promptTokens)} token 的提示并读回 ${formatTokens(a.outputTokens)} token，再发下一个；解码时每用户缓存 ${formatTokens(a.contextTokens)} token`,
		constants: (a) =>
			`常数 ${a.profiles.join(" + ")}${a.version !== null ? `（${a.version}）` : ""}：解码达到峰值带宽的 ${Math.round(a.memoryEfficiency * 100)}%，预填充达到峰值算力的 ${Math.round(a.prefillEfficiency * 100)}%，每步 ${a.stepOverheadMs} ms，每请求 ${a.requestOverheadMs} ms；预填充每轮最多 ${formatTokens(a.prefillChunkTokens)} token${a.prefillLayerOverheadUs > 0 ? `，每轮每层启动开销 ${a.prefillLayerOverheadUs} µs` : ""}`,
		speculative: (a) =>
			`${a.name}：每步 ${a.draftTokens} 个草稿 token，接受 ${Math.round(a.accept * 100)}%${a.asked ? "（按请求）" : "（公开数据）"}`,
		"no-speculative": () => "无推测解码，无前缀缓存",
	},
};
