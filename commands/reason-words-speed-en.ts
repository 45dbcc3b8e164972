// Speed estimates in English: the fit card's speed line, what an estimate changed, what it assumes. The words
// of the JSON contract (`speed.notes`, `speed.assumptions`) and of English cards.
import type { SpeedEstimate } from "../src/core/speed.js";
import { formatCostPerMillion, formatRate, formatSeconds } from "../src/core/speed-text.js";
import { formatTokens } from "../src/core/units.js";
import type { SpeedWords } from "./reason-words.js";

const WITHOUT_SPEC = "estimated without speculative decoding";
const users = (n: number) => `${n} user${n > 1 ? "s" : ""}`;

/** Decode per user and in all, at the load it was estimated for. */
function decode(e: SpeedEstimate): string {
	const load = `${users(e.users)} × ${formatTokens(e.contextTokens)}`;
	return e.users > 1
		? `${formatRate(e.decodeTokensPerSecondPerUser)} per user, ${formatRate(e.decodeTokensPerSecondTotal)} in all at ${load}`
		: `${formatRate(e.decodeTokensPerSecondPerUser)} at ${load}`;
}

export const EN_SPEED: SpeedWords = {
	line: (e, note) => {
		if (e === null) return "does not run";
		const s = e.speculative;
		const labels = [
			`estimates, ${e.decodeBound}-bound`,
			...(s ? [`${s.name}, ${Math.round(s.accept * 100)}% of drafts accepted`] : []),
		];
		const notes = e.notes.length ? ` · ${e.notes.map(note).join("; ")}` : "";
		const perMillion =
			e.usdPerMillionOutputTokens === null ? "no rental price" : `${formatCostPerMillion(e.usdPerMillionOutputTokens)}/M out`;
		return `~${decode(e)} · first token of a ${formatTokens(e.promptTokens)} prompt ~${formatSeconds(e.ttftSeconds)} · ${perMillion} (${labels.join(", ")})${notes}`;
	},
	note: {
		"prompt-shortened": (n) =>
			`A ${formatTokens(n.asked)}-token prompt and its answer do not fit a ${formatTokens(n.context)}-token context: first token estimated for ${formatTokens(n.prompt)} tokens`,
		"spec-unknown": (n) => `${n.method} asked, but the catalog describes no such method: ${WITHOUT_SPEC}`,
		"mtp-no-layers": (n) => `MTP asked, but ${n.model} ships no MTP layers: ${WITHOUT_SPEC}`,
		"spec-no-draft-head": (n) =>
			`${n.name} asked, but no published ${n.method} draft head is known for ${n.model}: ${WITHOUT_SPEC}`,
		"spec-engine": (n) => `${n.engine} does not run ${n.name}: ${WITHOUT_SPEC}`,
	},
	assumption: {
		"fitted-constants": () => "constants per engine, GPU family and precision fitted on published benchmarks (catalog/speed)",
		workload: (a) =>
			`each user sends a ${formatTokens(a.promptTokens)}-token prompt (or the request's prompt) and reads ${formatTokens(a.outputTokens)} tokens back, then the next request (continuous batching, no prefix caching)`,
		"decode-at-context": () => "decode reads each user's cache at the request's context",
		load: (a) =>
			`${users(a.users)}, each sending a ${formatTokens(a.promptTokens)}-token prompt and reading ${formatTokens(a.outputTokens)} tokens back, then the next; decode at ${formatTokens(a.contextTokens)} tokens of cache per user`,
		constants: (a) =>
			`constants ${a.profiles.join(" + ")}${a.version !== null ? ` (${a.version})` : ""}: ${Math.round(a.memoryEfficiency * 100)}% of peak bandwidth in decode, ${Math.round(a.prefillEfficiency * 100)}% of peak in prefill, ${a.stepOverheadMs} ms per step, ${a.requestOverheadMs} ms per request; prefill in passes of up to ${formatTokens(a.prefillChunkTokens)} tokens${a.prefillLayerOverheadUs > 0 ? `, each ${a.prefillLayerOverheadUs} µs per layer of launches` : ""}`,
		speculative: (a) =>
			`${a.name}: ${a.draftTokens} draft tokens per step, ${Math.round(a.accept * 100)}% of them accepted${a.asked ? " (as asked)" : " (published runs)"}`,
		"no-speculative": () => "no speculative decoding, no prefix caching",
	},
};
