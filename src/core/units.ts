// All sizes inside the program are bytes; these name the units used at the edges.
export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const GB = 1e9;
export const TB = 1e12;

export const gib = (bytes: number): number => bytes / GiB;

/** "12.3 GiB" style, with the binary unit spelled out. */
export function formatGiB(bytes: number, digits = 1): string {
	const v = bytes / GiB;
	if (Math.abs(v) >= 1024) return `${(v / 1024).toFixed(2)} TiB`;
	return `${v.toFixed(digits)} GiB`;
}

/** A whole number with its thousands separated by commas: 732824 -> "732,824". By hand, as toLocaleString
 * builds an ICU formatter on every call (the slowest step of rendering a card). */
export function grouped(n: number): string {
	return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Token counts the way model cards write them: 163,840 -> "160K", 1,048,576 -> "1M". */
export function formatTokens(n: number): string {
	if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)}M`;
	if (n >= 1024 && n % 1024 === 0) return `${n / 1024}K`;
	if (n >= 10_000_000) return `${(n / 1e6).toFixed(1)}M`;
	return grouped(n);
}

/**
 * A computed token count as people say it, rounded down so a limit is never overstated (K = 1024, as
 * contexts are written): 165,888 -> "162K", 10,178 -> "9.9K", 621,163 -> "606K", 1,572,864 -> "1.5M";
 * below 1,024 the count itself. The exact figures are in --json.
 */
export function roundTokens(n: number): string {
	const K = 1024;
	const M = K * K;
	const down = (v: number, digits: number) => {
		const f = 10 ** digits;
		return String(Math.floor(v * f) / f);
	};
	if (n < K) return grouped(Math.max(0, Math.floor(n)));
	if (n < 10 * K) return `${down(n / K, 1)}K`;
	if (n < M) return `${Math.floor(n / K)}K`;
	if (n < 10 * M) return `${down(n / M, 1)}M`;
	return `${grouped(Math.floor(n / M))}M`;
}
