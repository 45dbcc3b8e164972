// What the chart delivery tests share: the chart the renderer draws for an answer, apart from the server (the
// bytes a platform must receive), and waiting until a server has sent everything it owes (cards and charts).
import type { CommandResult } from "../../commands/result.js";
import { chartRequestOf } from "../../src/chat/chart-inputs.js";
import { type Chart, createChartRenderer } from "../../src/render/charts/index.js";
import type { RunningServer } from "../../src/transports/server.js";

/** The chart of `command`'s answer, drawn by a renderer of its own. */
export async function expectedChart(command: string, result: CommandResult): Promise<Chart> {
	const request = chartRequestOf(command, result);
	if (request === null) throw new Error(`${command}: the answer has no chart`);
	const chart = await createChartRenderer({ log: () => {} }).chart(request);
	if (chart === null) throw new Error(`${command}: the expected chart could not be drawn`);
	return chart;
}

/** Resolves once the server has nothing left to send; fails after `timeoutMs`. */
export async function settled(server: RunningServer, timeoutMs = 10_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (server.followups.pending > 0) {
		if (Date.now() > end) throw new Error("still sending");
		await new Promise((r) => setTimeout(r, 10));
	}
}
