// A request written back in the grammar, so that any answer can be reproduced with `fit`.

import type { SizingRequest } from "./types.js";
import { formatTokens } from "./units.js";

export function hardwareText(req: Pick<SizingRequest, "count" | "nodes" | "gpusPerNode" | "gpu">): string {
	const defaultNodes = Math.ceil(req.count / req.gpu.gpusPerServer);
	const counts =
		req.nodes === defaultNodes && req.nodes * req.gpusPerNode === req.count && req.gpusPerNode <= req.gpu.gpusPerServer
			? `${req.count}x`
			: `${req.nodes}x${req.gpusPerNode}`;
	return `${counts} ${req.gpu.id}`;
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
	return parts.join(" ");
}
