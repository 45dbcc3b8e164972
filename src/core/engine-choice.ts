// Which engine answers when the request does not name one: the default, unless the hardware does not run it
// (Apple silicon: llama.cpp for GGUF files, MLX otherwise) or the weights are a GGUF file (llama.cpp).
import type { CheckpointFormat, Gpu } from "../catalog/schema.js";
import { ENGINES } from "./engines.js";
import { FORMATS } from "./formats.js";
import type { Reason } from "./reasons.js";
import type { EngineId } from "./types.js";

export function chooseEngine(
	gpu: Gpu,
	engine: EngineId,
	explicit: boolean,
	requested: CheckpointFormat,
): { engine: EngineId; note: Reason | null } {
	const gguf = FORMATS[requested].gguf;
	const runs = gpu.engines;
	if (runs && !runs.includes(engine) && !explicit) {
		const chosen = (gguf && runs.find((e) => e === "llamacpp")) || runs.find((e) => e !== "llamacpp") || (runs[0] as EngineId);
		const note: Reason = {
			code: "engine-not-here",
			asked: ENGINES[engine].label,
			gpu: gpu.name,
			chosen: ENGINES[chosen].label,
			ggufFormat: gguf && chosen === "llamacpp" ? FORMATS[requested].label : null,
			// "SGLang (engine sglang)": the engine and how to ask for it.
			others: runs.filter((e) => e !== chosen).map((e) => `${ENGINES[e].label} (engine ${e})`),
		};
		return { engine: chosen, note };
	}
	if (gguf && engine !== "llamacpp" && !explicit) {
		return { engine: "llamacpp", note: { code: "gguf-engine", format: FORMATS[requested].label } };
	}
	return { engine, note: null };
}
