// The words of a fit card, per locale. Figures are formatted the same way in every language.

import type { Locale } from "../src/chat/reply.js";
import type { Sizing } from "../src/core/types.js";
import { formatGiB, formatTokens, grouped } from "../src/core/units.js";

export interface FitStrings {
	labels: { margin: string; capacity: string; runsAs: string; memory: string; hardware: string; cost: string; speed: string };
	headline: (s: Sizing) => string;
	capacity: (s: Sizing) => string;
	marginOf: (margin: string, capacity: string) => string;
	usablePerGpu: (usable: string, nominalGB: number) => string;
	nodes: (nodes: number, perNode: number) => string;
	/** `usd` is the hourly rate as money is written everywhere ("$21.36/h"). */
	hourly: (usd: string, provider: string) => string;
	noRental: string;
	words: { weights: string; overhead: string };
	purchase: (usd: string, cny: string | null) => string;
}

const users = (n: number) => `${n} user${n === 1 ? "" : "s"}`;
const overBy = (s: Sizing) => formatGiB(s.memory.weightsBytes + s.memory.overheadBytes - s.memory.capacityBytes);

const EN: FitStrings = {
	labels: {
		margin: "Margin",
		capacity: "Capacity",
		runsAs: "Runs as",
		memory: "Memory",
		hardware: "Hardware",
		cost: "Cost",
		speed: "Speed",
	},
	headline: (s) => {
		const at = `${formatTokens(s.context)} context`;
		if (s.verdict === "fits") {
			return `Fits: ${users(s.users)} at ${at}, room for ${s.limits.maxUsersAtContext} (margin ${formatGiB(s.memory.marginBytes)}).`;
		}
		if (s.verdict === "tight") {
			return `Tight: the model loads, but ${users(s.users)} at ${at} does not fit: ${users(s.limits.maxUsersAtContext)} at ${at}, or one user up to ${formatTokens(s.limits.maxContext)}.`;
		}
		return s.blocker !== null
			? `Does not fit: ${s.blocker}.`
			: `Does not fit: weights and engine needs exceed capacity by ${overBy(s)}.`;
	},
	capacity: (s) => {
		if (s.blocker !== null) return "none: it cannot run here";
		if (s.verdict === "no-fit") return "none: the weights and engine overhead already exceed the memory";
		const l = s.limits;
		return `${l.maxUsersAtContext} users × ${formatTokens(s.context)} · ${grouped(l.maxKvTokens)} KV tokens · 1 user up to ${formatTokens(l.maxContext)}`;
	},
	marginOf: (margin, capacity) => `${margin} of ${capacity} usable`,
	usablePerGpu: (usable, nominal) => `${usable} usable per GPU (${nominal} GB nominal)`,
	nodes: (nodes, perNode) => `${nodes} node${nodes > 1 ? "s" : ""} × ${perNode}`,
	hourly: (price, provider) => `${price} at ${provider}`,
	noRental: "no rental price",
	words: { weights: "weights", overhead: "overhead" },
	purchase: (price, cny) => `~${price}${cny ? ` (¥${cny})` : ""} to buy`,
};

const ZH: FitStrings = {
	labels: {
		margin: "余量",
		capacity: "容量",
		runsAs: "运行方式",
		memory: "显存",
		hardware: "硬件",
		cost: "成本",
		speed: "速度（估算）",
	},
	headline: (s) => {
		const at = `${formatTokens(s.context)} 上下文`;
		if (s.verdict === "fits") {
			return `可以运行：${s.users} 个用户 × ${at}，最多 ${s.limits.maxUsersAtContext} 个（余量 ${formatGiB(s.memory.marginBytes)}）。`;
		}
		if (s.verdict === "tight") {
			return `勉强：模型能加载，但 ${s.users} 个用户 × ${at} 放不下：只能 ${s.limits.maxUsersAtContext} 个用户 × ${at}，或单用户最长 ${formatTokens(s.limits.maxContext)}。`;
		}
		return s.blocker !== null ? `放不下：${s.blocker}。` : `放不下：权重和引擎开销超出可用显存 ${overBy(s)}。`;
	},
	capacity: (s) => {
		if (s.blocker !== null) return "无：这套硬件跑不了";
		if (s.verdict === "no-fit") return "无：权重和引擎开销已超出显存";
		const l = s.limits;
		return `${l.maxUsersAtContext} 个用户 × ${formatTokens(s.context)} · KV ${grouped(l.maxKvTokens)} tokens · 单用户最长 ${formatTokens(l.maxContext)}`;
	},
	marginOf: (margin, capacity) => `${margin}（可用 ${capacity}）`,
	usablePerGpu: (usable, nominal) => `每卡可用 ${usable}（标称 ${nominal} GB）`,
	nodes: (nodes, perNode) => `${nodes} 台 × ${perNode} 卡`,
	hourly: (price, provider) => `${price}（${provider}）`,
	noRental: "暂无租用价格",
	words: { weights: "权重", overhead: "开销" },
	purchase: (price, cny) => `购买约 ${cny ? `¥${cny}（${price}）` : price}`,
};

export function fitStrings(locale: Locale): FitStrings {
	return locale === "zh" ? ZH : EN;
}
