// Short names and money as the recommend and compare answers write them.
import type { Gpu } from "../catalog/types.js";
import type { SizingRequest } from "./types.js";
import { grouped } from "./units.js";

/** "NVIDIA H200 SXM 141GB" -> "H200 SXM 141GB", "NVIDIA B200 (HGX B200)" -> "B200": tables are narrow. */
export function shortGpuName(gpu: Gpu): string {
	return gpu.name
		.replace(/^(NVIDIA|AMD|Intel|Huawei)\s+(Instinct\s+|GeForce\s+)?/, "")
		.replace(/\s*\(.*\)$/, "")
		.trim();
}

/** "8x H200 SXM 141GB", with the nodes when there are several: "16x H100 SXM5 80GB (2 nodes)". */
export function setupLabel(req: Pick<SizingRequest, "count" | "nodes" | "gpu">): string {
	return `${req.count}x ${shortGpuName(req.gpu)}${req.nodes > 1 ? ` (${req.nodes} nodes)` : ""}`;
}

/** "$21.36/h" for rents, "$341,226" for purchases. */
export function formatUsd(usd: number, perHour = false): string {
	if (!perHour) return `$${grouped(usd)}`;
	const [whole, cents] = usd.toFixed(2).split(".");
	return `$${grouped(Number(whole ?? 0))}.${cents ?? "00"}/h`;
}
