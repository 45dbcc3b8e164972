// A command's JSON answer -> the facts its chart pictures (drawn by render/charts): memory per GPU for fit, cost
// against speed for compare and recommend. Shared by every transport that attaches charts.
import type { CompareJson, FitJson, RecommendJson, RecommendOptionJson } from "../../commands/json.js";
import type { CommandResult } from "../../commands/result.js";
import { shortGpuName } from "../core/labels.js";
import type { AnswerChart } from "./reply.js";

function fitSetup(j: FitJson) {
	const count = j.hardware.count;
	return {
		label: `${count}× ${shortGpuName(j.hardware)}`,
		verdict: j.verdict,
		gpuBytes: j.perGpu.usableBytes,
		capacityBytes: j.memory.capacityBytes / count,
		weightsBytes: j.perGpu.weightsBytes,
		overheadBytes: j.perGpu.overheadBytes,
		// What the request's cache takes on one GPU, so that the free segment is the margin.
		kvBytes: Math.max(0, j.perGpu.kvBudgetBytes - j.memory.marginBytes / count),
	};
}

const point = (
	label: string,
	verdict: FitJson["verdict"],
	hourlyUsd: number | null,
	speed: FitJson["speed"],
	margin: number,
	users: number,
) => ({
	label,
	verdict,
	hourlyUsd,
	decodeTokPerSecPerUser: speed?.decodeTokensPerSecondPerUser ?? null,
	marginBytes: margin,
	usersAtContext: users,
});

/** The chart of an answer, or null for answers that have none (lists, help, errors). */
export function chartRequestOf(command: string, result: CommandResult): AnswerChart | null {
	if (result.exitCode !== 0) return null;
	// `fit` with no request answers with its help: only answers with their figures have a chart.
	if (command === "fit" && "perGpu" in result.json) {
		const fit = result.json as FitJson;
		return {
			kind: "fit",
			input: { title: `${fit.model.name} on ${fit.hardware.count}× ${shortGpuName(fit.hardware)}`, setup: fitSetup(fit) },
		};
	}
	if (command === "compare" && "setups" in result.json) {
		const j = result.json as CompareJson;
		const setups = j.setups.map((s) =>
			point(
				`${s.hardware.count}× ${shortGpuName(s.hardware)}`,
				s.verdict,
				s.cost.hourlyUsd,
				s.speed,
				s.memory.marginBytes,
				s.limits.maxUsersAtContext,
			),
		);
		return { kind: "compare", input: { title: `${j.model.name}: ${setups.length} setups compared`, context: j.context, setups } };
	}
	if (command === "recommend" && "options" in result.json) {
		const j = result.json as RecommendJson;
		const options: RecommendOptionJson[] = j.options.length > 0 ? j.options : j.closest;
		const setups = options.map((o) =>
			point(`${o.count}× ${shortGpuName(o)}`, o.verdict, o.hourlyUsd, o.speed, o.marginBytes, o.maxUsersAtContext),
		);
		return { kind: "compare", input: { title: `${j.model.name}: cheapest setups`, context: j.context, setups } };
	}
	return null;
}
