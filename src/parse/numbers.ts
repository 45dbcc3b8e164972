// Numbers as people type them in requests: 32k, 128K, 1m (k = 1024, m = 1024 x 1024), 0.9.
const MAX_CONTEXT = 2 ** 30;
export const MAX_USERS = 1_000_000;
export const MAX_GPUS = 512;

/** "32k" -> 32768; null when not a whole positive token count within bounds. */
export function parseTokens(word: string): number | null {
	const m = /^(\d{1,10}(?:\.\d{1,6})?)([km]?)$/.exec(word);
	if (!m) return null;
	const scale = m[2] === "k" ? 1024 : m[2] === "m" ? 1024 * 1024 : 1;
	const value = Number(m[1]) * scale;
	return Number.isInteger(value) && value >= 1 && value <= MAX_CONTEXT ? value : null;
}

/** A whole number from 1 to max, digits only (no signs, exponents or fractions). */
export function parseCount(word: string, max: number): number | null {
	if (!/^\d{1,7}$/.test(word)) return null;
	const value = Number(word);
	return value >= 1 && value <= max ? value : null;
}

/** A fraction in (0, 1]. */
export function parseFraction(word: string): number | null {
	if (!/^(0?\.\d{1,4}|1(\.0{1,4})?)$/.test(word)) return null;
	const value = Number(word);
	return value > 0 && value <= 1 ? value : null;
}
