// The words of a fit card, per locale. Figures are formatted the same way in every language.

import type { Locale } from "../src/chat/reply.js";
import type { Sizing } from "../src/core/types.js";
import { formatGiB, formatTokens, roundTokens } from "../src/core/units.js";
import { blockerText } from "./reason-words.js";

interface FitStrings {
	labels: { margin: string; capacity: string; runsAs: string; memory: string; hardware: string; cost: string; speed: string };
	headline: (s: Sizing) => string;
	capacity: (s: Sizing) => string;
	/** The margin field: what is left, or what does fit and how much is missing; one deficit for every verdict. */
	margin: (s: Sizing) => string;
	usablePerGpu: (usable: string, nominalGB: number) => string;
	nodes: (nodes: number, perNode: number) => string;
	/** `usd` is the hourly rate as money is written everywhere ("$21.36/h"). */
	hourly: (usd: string, provider: string) => string;
	noRental: string;
	words: { weights: string; overhead: string };
	purchase: (usd: string, cny: string | null) => string;
}

const users = (n: number) => `${n} user${n === 1 ? "" : "s"}`;

/**
 * What a setup that does not load lacks: the weights and the engine's fixed needs over what it may use on the
 * GPU that holds the most, before any KV cache, for all its GPUs (as `marginBytes` counts). The headline and
 * the margin field both say this one figure. Not above 0 when the engine loads but has room for no request.
 */
export const loadDeficitBytes = (s: Sizing): number => -s.perGpu.kvBudgetBytes * s.request.count;

/** A no-fit without a blocker: the fixed needs do not load (the usual case), or no request fits what is left. */
const loads = (s: Sizing): boolean => loadDeficitBytes(s) <= 0;

/** What a tight setup lacks for the load asked: the KV cache of users x context over what is left for it. */
const shortfallBytes = (s: Sizing): number => Math.max(0, -s.memory.marginBytes);

/** "4 users × 160K" or, when not one user fits at the context asked, "1 user up to 9.9K". */
function whatFits(s: Sizing, zh: boolean): string {
	const l = s.limits;
	if (l.maxUsersAtContext >= 1) {
		return zh
			? `${l.maxUsersAtContext} 个用户 × ${formatTokens(s.context)}`
			: `${users(l.maxUsersAtContext)} × ${formatTokens(s.context)}`;
	}
	return zh ? `单用户最长 ${roundTokens(l.maxContext)}` : `1 user up to ${roundTokens(l.maxContext)}`;
}

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
		const l = s.limits;
		if (s.verdict === "fits") {
			return `Fits: ${users(s.users)} at ${at}, room for ${users(l.maxUsersAtContext)} in all (margin ${formatGiB(s.memory.marginBytes)}).`;
		}
		if (s.verdict === "tight") {
			const asked = `${users(s.users)} at ${at} ${s.users === 1 ? "does" : "do"} not fit`;
			const longer = l.maxContext > s.context ? `, or one user up to ${roundTokens(l.maxContext)}` : "";
			return l.maxUsersAtContext >= 1
				? `Tight: the model loads, but ${asked}: ${users(l.maxUsersAtContext)} at ${formatTokens(s.context)} ${l.maxUsersAtContext === 1 ? "does" : "do"}${longer}.`
				: `Tight: the model loads, but ${asked}: one user fits up to ${roundTokens(l.maxContext)} tokens.`;
		}
		if (s.blocker !== null) return `Does not fit: ${blockerText(s.blocker)}.`;
		return loads(s)
			? `Does not fit: the model loads, but the ${formatGiB(-loadDeficitBytes(s))} left for the KV cache hold not one request.`
			: `Does not fit: the weights and engine needs are ${formatGiB(loadDeficitBytes(s))} more than the memory holds.`;
	},
	capacity: (s) => {
		if (s.blocker !== null) return "none: it cannot run here";
		if (s.verdict === "no-fit") return "none: the weights and engine overhead already exceed the memory";
		const l = s.limits;
		const at =
			l.maxUsersAtContext >= 1
				? `${users(l.maxUsersAtContext)} × ${formatTokens(s.context)}`
				: `no user at ${formatTokens(s.context)}`;
		return `${at} · ${roundTokens(l.maxKvTokens)} KV tokens · 1 user up to ${roundTokens(l.maxContext)}`;
	},
	margin: (s) => {
		if (s.blocker !== null) return "—";
		const usable = formatGiB(s.memory.capacityBytes);
		if (s.verdict === "fits") return `${formatGiB(s.memory.marginBytes)} free of ${usable} usable`;
		if (s.verdict === "tight") {
			return `holds ${whatFits(s, false)}; ${users(s.users)} × ${formatTokens(s.context)} ${s.users === 1 ? "needs" : "need"} ${formatGiB(shortfallBytes(s))} more`;
		}
		return loads(s)
			? `${formatGiB(-loadDeficitBytes(s))} left for the KV cache, too little for one request (${usable} usable)`
			: `${formatGiB(loadDeficitBytes(s))} short before any KV cache (${usable} usable)`;
	},
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
		const l = s.limits;
		if (s.verdict === "fits") {
			return `可以运行：${s.users} 个用户 × ${at}，总共可容纳 ${l.maxUsersAtContext} 个用户（余量 ${formatGiB(s.memory.marginBytes)}）。`;
		}
		if (s.verdict === "tight") {
			const longer = l.maxContext > s.context ? `，或单用户最长 ${roundTokens(l.maxContext)}` : "";
			return l.maxUsersAtContext >= 1
				? `勉强：模型能加载，但 ${s.users} 个用户 × ${at} 放不下：只能 ${l.maxUsersAtContext} 个用户 × ${formatTokens(s.context)}${longer}。`
				: `勉强：模型能加载，但 ${s.users} 个用户 × ${at} 放不下：单用户最长 ${roundTokens(l.maxContext)} tokens。`;
		}
		if (s.blocker !== null) return `放不下：${blockerText(s.blocker, "zh")}。`;
		return loads(s)
			? `放不下：模型能加载，但剩下的 ${formatGiB(-loadDeficitBytes(s))} KV 缓存连一个请求也放不下。`
			: `放不下：权重和引擎开销比可用显存多 ${formatGiB(loadDeficitBytes(s))}。`;
	},
	capacity: (s) => {
		if (s.blocker !== null) return "无：这套硬件跑不了";
		if (s.verdict === "no-fit") return "无：权重和引擎开销已超出显存";
		const l = s.limits;
		const at =
			l.maxUsersAtContext >= 1
				? `${l.maxUsersAtContext} 个用户 × ${formatTokens(s.context)}`
				: `${formatTokens(s.context)} 下一个用户也放不下`;
		return `${at} · KV ${roundTokens(l.maxKvTokens)} tokens · 单用户最长 ${roundTokens(l.maxContext)}`;
	},
	margin: (s) => {
		if (s.blocker !== null) return "—";
		const usable = formatGiB(s.memory.capacityBytes);
		if (s.verdict === "fits") return `剩余 ${formatGiB(s.memory.marginBytes)}（可用 ${usable}）`;
		if (s.verdict === "tight") {
			return `能放下 ${whatFits(s, true)}；${s.users} 个用户 × ${formatTokens(s.context)} 还差 ${formatGiB(shortfallBytes(s))}`;
		}
		return loads(s)
			? `KV 缓存只剩 ${formatGiB(-loadDeficitBytes(s))}，放不下一个请求（可用 ${usable}）`
			: `加载前就差 ${formatGiB(loadDeficitBytes(s))}（可用 ${usable}）`;
	},
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
