// The margin cell of /compare's and /recommend's tables: never a negative number. A setup that does not fit shows its
// shortfall, the same figure its /fit card says (issue 14: "never -757.9 GiB of 683.8 GiB usable").
import type { Locale } from "../src/chat/reply.js";
import type { Sizing } from "../src/core/types.js";
import { formatGiB } from "../src/core/units.js";
import { loadDeficitBytes } from "./fit-strings.js";

const SHORT: Record<Locale, (gib: string) => string> = {
	en: (gib) => `short ${gib}`,
	zh: (gib) => `差 ${gib}`,
};

/**
 * "153.7 GiB" free, or "short 62.3 GiB": what a setup that does not load lacks before any KV cache (the fit
 * card's figure), else what the load asked lacks. "-" where the setup cannot run at all (no margin to show).
 */
export function marginCell(s: Sizing, locale: Locale): string {
	if (s.blocker !== null) return "-";
	const margin = s.memory.marginBytes;
	if (margin >= 0) return formatGiB(margin);
	const deficit = loadDeficitBytes(s);
	return SHORT[locale](formatGiB(deficit > 0 ? deficit : -margin));
}
