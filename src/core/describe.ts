// A request written back in the grammar, so that any answer can be reproduced with `fit`.

import type { LayoutRequest } from "./layout.js";
import { nodeSplit } from "./nodes.js";
import type { Reason } from "./reasons.js";
import type { SizingRequest } from "./types.js";
import { formatTokens } from "./units.js";

type Hardware = Pick<SizingRequest, "count" | "nodes" | "gpusPerNode" | "gpu">;

/** "16x" when the GPUs sit in as few servers as usual, else "2x8": what the grammar reads back. */
export function countText(req: Hardware): string {
	const usual = nodeSplit(req.count, req.gpu.gpusPerServer);
	return usual.nodes === req.nodes && usual.gpusPerNode === req.gpusPerNode ? `${req.count}x` : `${req.nodes}x${req.gpusPerNode}`;
}

function hardwareText(req: Hardware): string {
	return `${countText(req)} ${req.gpu.id}`;
}

export function requestText(req: SizingRequest): string {
	const parts = [req.model.id];
	if (req.precision !== "native") parts.push(req.precision);
	parts.push("on", hardwareText(req));
	if (req.context !== null) parts.push("ctx", formatTokens(req.context).toLowerCase().replace(/,/g, ""));
	if (req.users !== 1) parts.push("users", String(req.users));
	if (req.engineExplicit || req.engine !== "vllm") parts.push("engine", req.engine);
	if (req.kv !== null) parts.push("kv", req.kv);
	if (req.util !== null) parts.push("util", String(req.util));
	if (req.layout) parts.push("layout", layoutWords(req.layout));
	if (req.prompt !== undefined) parts.push("prompt", formatTokens(req.prompt).toLowerCase().replace(/,/g, ""));
	if (req.spec)
		parts.push("spec", req.spec.method, ...(req.spec.accept !== undefined ? ["accept", String(req.spec.accept)] : []));
	return parts.join(" ");
}

/** A named layout in the grammar's words: "tp4 pp2", "dp8 ep". */
function layoutWords(l: LayoutRequest): string {
	const parts = [l.tp ? `tp${l.tp}` : null, l.dp ? `dp${l.dp}` : null, l.ep ? "ep" : null, l.pp ? `pp${l.pp}` : null];
	return parts.filter(Boolean).join(" ");
}

/** Said on the card when the words typed fit several releases and the newest was taken. */
export function releaseNote(typed: string, name: string, others: string[]): Extract<Reason, { code: "newest-release" }> {
	return { code: "newest-release", typed, name, others };
}
