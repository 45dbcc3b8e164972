// The GPUs that get vLLM's small prefill budget are listed by id in catalog/speed/engines.yaml; the rule they
// follow is vLLM's own (vllm/engine/arg_utils.py, EngineArgs.get_batch_defaults: 8,192 tokens per step for the
// OpenAI server when the device has 70 GiB or more and is not an A100, else 2,048). Every catalog GPU is
// checked against the rule, so a GPU added to the catalog without a place in the list fails here.
import { expect, it } from "vitest";
import { repoCatalog } from "../support/catalog.js";

const GiB = 1024 ** 3;

it("lists exactly the GPUs under 70 GiB and the A100s, out of every GPU vLLM may run on", () => {
	const catalog = repoCatalog();
	const profile = catalog.speed.find((e) => e.kind === "profile" && e.id === "vllm-small-budget");
	if (profile?.kind !== "profile") throw new Error("no vllm-small-budget profile");
	const listed = new Set(profile.match.gpu ?? []);
	// vLLM reads torch's total memory: the usable bytes the driver exposes. Unified-memory machines run MLX or
	// llama.cpp, not vLLM.
	const ruled = catalog.gpus.filter(
		(g) => !g.memory.unified && (g.memory.usableBytes < 70 * GiB || /a100/i.test(`${g.id} ${g.name}`)),
	);
	expect([...listed].sort()).toEqual(ruled.map((g) => g.id).sort());
});
