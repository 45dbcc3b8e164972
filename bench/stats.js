// Percentiles for the benchmark scripts.
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** p50/p99/max of a list of millisecond samples. */
export function summary(name, samplesMs) {
	const s = [...samplesMs].sort((a, b) => a - b);
	return { name, n: s.length, p50Ms: percentile(s, 50), p99Ms: percentile(s, 99), maxMs: s.at(-1) };
}
