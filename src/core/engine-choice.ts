// Which engine answers when the request does not name one: the default, unless the hardware does not run it
// (Apple silicon: llama.cpp for GGUF files, MLX otherwise) or the weights are a GGUF file (llama.cpp).
import type { CheckpointFormat, Gpu } from "../catalog/schema.js";
import { ENGINES } from "./engines.js";
import { FORMATS } from "./formats.js";
import type { EngineId } from "./types.js";

export function chooseEngine(
	gpu: Gpu,
	engine: EngineId,
	explicit: boolean,
	requested: CheckpointFormat,
): { engine: EngineId; note: string | null } {
	const gguf = FORMATS[requested].gguf;
	const runs = gpu.engines;
	if (runs && !runs.includes(engine) && !explicit) {
		const chosen = (gguf && runs.find((e) => e === "llamacpp")) || runs.find((e) => e !== "llamacpp") || (runs[0] as EngineId);
		const others = runs.filter((e) => e !== chosen).map((e) => `${ENGINES[e].label} (engine ${e})`);
		const note = `${ENGINES[engine].label} does not run on ${gpu.name}: answered for ${ENGINES[chosen].label}${gguf && chosen === "llamacpp" ? `, which runs ${FORMATS[requested].label} files` : ""}${others.length ? `; ${others.join(", ")} also runs there` : ""}`;
		return { engine: chosen, note };
	}
	if (gguf && engine !== "llamacpp" && !explicit) {
		return { engine: "llamacpp", note: `${FORMATS[requested].label} is a GGUF file: answered for llama.cpp` };
	}
	return { engine, note: null };
}
