// Short names and money as the recommend and compare answers write them.
import type { Gpu } from "../catalog/types.js";
import type { Parallel } from "./layout.js";
import type { SetupName } from "./reasons.js";
import type { SizingRequest } from "./types.js";
import { grouped } from "./units.js";

/** "NVIDIA H200 SXM 141GB" -> "H200 SXM 141GB", "NVIDIA B200 (HGX B200)" -> "B200": tables are narrow. */
export function shortGpuName(gpu: Pick<Gpu, "name">): string {
	return gpu.name
		.replace(/^(NVIDIA|AMD|Intel|Huawei)\s+(Instinct\s+|GeForce\s+)?/, "")
		.replace(/\s*\(.*\)$/, "")
		.trim();
}

/** A setup as answers name it ("16x H100 SXM5 80GB", 2 nodes): worded by the commands (commands/reason-words.ts). */
export function setupName(req: Pick<SizingRequest, "count" | "nodes" | "gpu">): SetupName {
	return { count: req.count, gpu: shortGpuName(req.gpu), nodes: req.nodes };
}

/** "$21.36/h" for rents, "$341,226" for purchases. */
export function formatUsd(usd: number, perHour = false): string {
	if (!perHour) return `$${grouped(usd)}`;
	const [whole, cents] = usd.toFixed(2).split(".");
	return `$${grouped(Number(whole ?? 0))}.${cents ?? "00"}/h`;
}

/** "TP8×PP2"; with data-parallel attention "DP8 attention, EP8" (and the TP and PP it keeps). */
export function layoutLabel(p: Parallel): string {
	if (p.dp === 1) return `TP${p.tp}×PP${p.pp}${p.ep > 1 ? `, EP${p.ep}` : ""}`;
	const attention = p.tp / p.dp > 1 ? `TP${p.tp / p.dp} ` : "";
	return `DP${p.dp} ${attention}attention${p.ep > 1 ? `, EP${p.ep}` : ""}${p.pp > 1 ? `×PP${p.pp}` : ""}`;
}

/** The contract's `layout`: tp and pp, and dp / ep only where the layout uses them. */
export function layoutJson(p: Parallel): { tp: number; pp: number; dp?: number; ep?: number } {
	return { tp: p.tp, pp: p.pp, ...(p.dp > 1 ? { dp: p.dp } : {}), ...(p.ep > 1 ? { ep: p.ep } : {}) };
}
