// What the cost tiers ($ to $$$$) mean, in words on the cards: the bounds core/cost.ts draws them by (rent of
// the whole setup per hour, or its purchase price where no rent is known). test/commands/tiers.test.ts checks
// that these bounds and the core's agree.
import type { Locale } from "../src/chat/reply.js";
import { grouped } from "../src/core/units.js";

/** Upper bounds of $, $$ and $$$: rent per hour, and purchase where no rent is known. */
export const RENT_TIER_BOUNDS = [5, 20, 60] as const;
export const BUY_TIER_BOUNDS = [20_000, 150_000, 500_000] as const;

const TIERS = ["$", "$$", "$$$", "$$$$"] as const;

const money = (usd: number, perHour: boolean) =>
	perHour ? `$${usd}/h` : usd >= 1000 ? `$${grouped(usd / 1000)}K` : `$${grouped(usd)}`;

/** "$20–60/h", "under $5/h", "over $500K": the range one tier stands for. */
function range(i: number, bounds: readonly number[], perHour: boolean, locale: Locale): string {
	const lo = bounds[i - 1];
	const hi = bounds[i];
	if (lo === undefined && hi !== undefined) return locale === "zh" ? `低于 ${money(hi, perHour)}` : `under ${money(hi, perHour)}`;
	if (hi === undefined && lo !== undefined) return locale === "zh" ? `高于 ${money(lo, perHour)}` : `over ${money(lo, perHour)}`;
	return `${money(lo ?? 0, perHour).replace(/\/h$/, "")}–${money(hi ?? 0, perHour)}`;
}

/** What one tier means where it is shown: "$$$ (rent $20–60/h)"; "?" when nothing is priced. */
export function tierText(tier: string, byRent: boolean, locale: Locale): string {
	const i = TIERS.indexOf(tier as (typeof TIERS)[number]);
	if (i < 0) return locale === "zh" ? "?（无价格）" : "? (no price)";
	const r = range(i, byRent ? RENT_TIER_BOUNDS : BUY_TIER_BOUNDS, byRent, locale);
	if (locale === "zh") return `${tier}（${byRent ? "租用" : "购买"} ${r}）`;
	return `${tier} (${byRent ? "rent" : "purchase"} ${r})`;
}

/** The whole legend, for tables with a tier column. */
export function tierLegend(locale: Locale): string {
	const line = (bounds: readonly number[], perHour: boolean) =>
		TIERS.map((t, i) => `${t} ${range(i, bounds, perHour, locale)}`).join(" · ");
	return locale === "zh"
		? `按整套租金：${line(RENT_TIER_BOUNDS, true)}；没有租用价格时按购买价：${line(BUY_TIER_BOUNDS, false)}`
		: `by rent of the whole setup: ${line(RENT_TIER_BOUNDS, true)}; by purchase price where no rent is known: ${line(BUY_TIER_BOUNDS, false)}`;
}
