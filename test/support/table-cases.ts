// The /recommend and /compare cards whose tables are checked against a platform's width (Slack's message column,
// Discord's embed): a ranking, a purchase ranking, six setups side by side, in English and Chinese.
import { runCompare } from "../../commands/compare.js";
import { runRecommend } from "../../commands/recommend.js";
import type { Reply } from "../../src/chat/reply.js";
import { fixtureCatalog } from "./fixture-catalog.js";

export type TableCase = [name: string, reply: () => Reply, locale: "en" | "zh"];

export function tableCases(): TableCase[] {
	const catalog = fixtureCatalog();
	return [
		["recommend", () => runRecommend(catalog, "deepseek-r1 ctx 32k users 10").reply, "en"],
		["recommend buy", () => runRecommend(catalog, "llama-3.1-70b buy").reply, "en"],
		["recommend zh", () => runRecommend(catalog, "deepseek-r1 ctx 32k users 10", "zh").reply, "zh"],
		[
			"compare, six setups",
			() =>
				runCompare(catalog, "deepseek-r1 on 8x H200 vs 16x H100 vs 16x H20 vs 8x B200 vs 8x mi300x vs 2x8 h200 ctx 32k").reply,
			"en",
		],
		["compare zh", () => runCompare(catalog, "deepseek-r1 on 8x H200 vs 16x H100 vs 16x H20 ctx 32k users 10", "zh").reply, "zh"],
	];
}
