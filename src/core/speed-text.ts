// Speed figures with their units, the same in fit, recommend and compare and in every language (the words
// around them are the commands': commands/reason-words-*.ts).
import { grouped } from "./units.js";

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
