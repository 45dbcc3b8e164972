import type { MemoryBar } from "../chat/reply.js";

/**
 * A fixed-width bar: weights █, overhead ▒, KV ░, free · — the same picture on every platform. `over`: the
 * locale's word for a bar that runs past the memory (UiStrings.barOver).
 */
export function barText(bar: MemoryBar, over: string, width = 30): string {
	const cells = (share: number) => Math.round(share * width);
	const w = cells(bar.weights);
	const o = Math.min(width - w, cells(bar.overhead));
	const k = Math.min(width - w - o, cells(bar.kv));
	const free = width - w - o - k;
	return `${"█".repeat(w)}${"▒".repeat(o)}${"░".repeat(k)}${"·".repeat(free)}${bar.overflow ? ` ▶ ${over}` : ""}`;
}
