// Words the renderers add around a reply (section titles, buttons), per locale. The reply's own
// text comes localized from the command that built it.
import type { Locale, Verdict } from "../chat/reply.js";

export type { Locale };

export interface UiStrings {
	verdict: Record<Verdict, string>;
	why: string;
	whatWouldChange: string;
	tryInstead: string;
	examples: string;
	perGpu: string;
	barLegend: string;
	/** After a memory bar that runs past the memory. */
	barOver: string;
	postToChannel: string;
	rerun: string;
	// Chat chrome (Slack first; any transport may use them).
	example: string;
	/** `command` is how help is asked for: "/fit help". */
	helpHint: (command: string) => string;
	/** Where help is its own command (Discord's /help). */
	askHelp: string;
	andMore: (n: number) => string;
	notAvailable: (command: string) => string;
	rateLimited: (perMinute: number, retryAfterS: number) => string;
	internalError: string;
	/** Title of an answer to a request that could not be understood (Discord). */
	notUnderstood: string;
}

const EN: UiStrings = {
	verdict: { fits: "Fits", tight: "Tight", "no-fit": "Does not fit" },
	why: "Why",
	whatWouldChange: "What would change it",
	tryInstead: "Try",
	examples: "Examples",
	perGpu: "Per GPU",
	barLegend: "█ weights ▒ overhead ░ KV cache · free",
	barOver: "over",
	postToChannel: "Post to channel",
	rerun: "Run this",
	example: "Example",
	helpHint: (command) => `\`${command}\` shows the whole grammar.`,
	askHelp: "`/help` shows how to ask.",
	andMore: (n) => `…and ${n} more`,
	notAvailable: (command) => `\`${command}\` is not available yet on this bot. \`/fit\` answers sizing questions today.`,
	rateLimited: (perMinute, retryAfterS) =>
		`Easy there: that is more than ${perMinute} requests in a minute. Try again in ${retryAfterS} s.`,
	internalError: "Something went wrong on our side (it is logged). Please try again in a moment.",
	notUnderstood: "Request not understood",
};

const ZH: UiStrings = {
	verdict: { fits: "可以运行", tight: "勉强", "no-fit": "放不下" },
	why: "原因",
	whatWouldChange: "怎样能放下",
	tryInstead: "试试",
	examples: "示例",
	perGpu: "每卡",
	barLegend: "█ 权重 ▒ 开销 ░ KV 缓存 · 空闲",
	barOver: "超出",
	postToChannel: "发到频道",
	rerun: "运行",
	example: "示例",
	helpHint: (command) => `\`${command}\` 查看完整语法。`,
	askHelp: "`/help` 查看用法。",
	andMore: (n) => `……还有 ${n} 项`,
	notAvailable: (command) => `\`${command}\` 暂未开放。现在可以用 \`/fit\` 查询能否放下。`,
	rateLimited: (perMinute, retryAfterS) => `请求太频繁：每分钟最多 ${perMinute} 次。请 ${retryAfterS} 秒后再试。`,
	internalError: "服务出了点问题（已记录）。请稍后再试。",
	notUnderstood: "无法理解请求",
};

export function uiStrings(locale: Locale): UiStrings {
	return locale === "zh" ? ZH : EN;
}
