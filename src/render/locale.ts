// Words the renderers add around a reply (section titles, buttons), per locale. The reply's own
// text comes localized from the command that built it.
import type { Verdict } from "../core/types.js";

export type Locale = "en" | "zh";

export interface UiStrings {
	verdict: Record<Verdict, string>;
	why: string;
	whatWouldChange: string;
	tryInstead: string;
	examples: string;
	perGpu: string;
	barLegend: string;
	postToChannel: string;
	rerun: string;
}

const EN: UiStrings = {
	verdict: { fits: "Fits", tight: "Tight", "no-fit": "Does not fit" },
	why: "Why",
	whatWouldChange: "What would change it",
	tryInstead: "Try",
	examples: "Examples",
	perGpu: "Per GPU",
	barLegend: "█ weights ▒ overhead ░ KV cache · free",
	postToChannel: "Post to channel",
	rerun: "Run this",
};

const ZH: UiStrings = {
	verdict: { fits: "可以运行", tight: "勉强", "no-fit": "放不下" },
	why: "原因",
	whatWouldChange: "怎样能放下",
	tryInstead: "试试",
	examples: "示例",
	perGpu: "每卡",
	barLegend: "█ 权重 ▒ 开销 ░ KV 缓存 · 空闲",
	postToChannel: "发到频道",
	rerun: "运行",
};

export function uiStrings(locale: Locale): UiStrings {
	return locale === "zh" ? ZH : EN;
}

/** Discord sends zh-CN / zh-TW; Slack deployments set GPUFIT_LOCALE=zh. */
export function localeOf(tag: string | undefined | null): Locale {
	return tag?.toLowerCase().startsWith("zh") ? "zh" : "en";
}
