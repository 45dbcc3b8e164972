// Speed estimates in words, the same in fit, recommend and compare: always marked as estimates.
import type { SpeedEstimate } from "./speed.js";
import { formatTokens, grouped } from "./units.js";

/** "130 tok/s" with a sensible number of digits. */
export function formatRate(tokensPerSecond: number): string {
	return `${tokensPerSecond >= 100 ? grouped(tokensPerSecond) : tokensPerSecond.toFixed(1)} tok/s`;
}

/** "0.05 s", "1.2 s", "35 s". */
export function formatSeconds(s: number): string {
	return `${s < 1 ? s.toFixed(2) : s < 10 ? s.toFixed(1) : Math.round(s)} s`;
}

/** A cost per million tokens: cents below $10, whole dollars above. */
export function formatCostPerMillion(usd: number): string {
	return `$${usd < 10 ? usd.toFixed(2) : grouped(usd)}`;
}

/** "$45/M out", or why there is no figure. */
export function formatPerMillion(usd: number | null): string {
	return usd === null ? "no rental price" : `${formatCostPerMillion(usd)}/M out`;
}

/** Decode per user and in all, at the load it was estimated for. */
export function decodeText(e: SpeedEstimate): string {
	const load = `${e.users} user${e.users > 1 ? "s" : ""} × ${formatTokens(e.contextTokens)}`;
	return e.users > 1
		? `${formatRate(e.decodeTokensPerSecondPerUser)} per user, ${formatRate(e.decodeTokensPerSecondTotal)} in all at ${load}`
		: `${formatRate(e.decodeTokensPerSecondPerUser)} at ${load}`;
}

/** "MTP, 85% of drafts accepted" for a card, or null without speculative decoding. */
export function speculativeText(e: SpeedEstimate): string | null {
	const s = e.speculative;
	return s ? `${s.name}, ${Math.round(s.accept * 100)}% of drafts accepted` : null;
}

/**
 * The fit card's line: decode, time to first token, cost per million output tokens, with the speculative
 * decoding it assumes and any note (an MTP request on a model without MTP layers is said, never dropped).
 */
export function speedLine(e: SpeedEstimate | null): string {
	if (e === null) return "does not run";
	const spec = speculativeText(e);
	const labels = [`estimates, ${e.decodeBound}-bound`, ...(spec ? [spec] : [])].join(", ");
	const notes = e.notes.length ? ` · ${e.notes.join("; ")}` : "";
	return `~${decodeText(e)} · first token of a ${formatTokens(e.promptTokens)} prompt ~${formatSeconds(e.ttftSeconds)} · ${formatPerMillion(e.usdPerMillionOutputTokens)} (${labels})${notes}`;
}
