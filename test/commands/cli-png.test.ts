// `--png FILE` writes the answer's chart beside the text answer (issue 18), from the shipped bundle.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { COMPARE_CHART_HEIGHT, COMPARE_CHART_WIDTH } from "../../src/render/charts/compare.js";
import { FIT_CHART_WIDTH, fitChartHeight } from "../../src/render/charts/fit.js";

const run = promisify(execFile);
const BIN = new URL("../../bin/gpufit.js", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "gpufit-png-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function gpufit(...args: string[]) {
	try {
		const { stdout, stderr } = await run(process.execPath, [BIN, ...args]);
		return { code: 0, stdout, stderr };
	} catch (e) {
		const err = e as { code: number; stdout: string; stderr: string };
		return { code: err.code, stdout: err.stdout, stderr: err.stderr };
	}
}

describe("gpufit --png", () => {
	it("fit writes the memory chart (one bar) and prints the same answer as without it", async () => {
		const file = join(dir, "fit.png");
		const withChart = await gpufit("fit", "llama-3.1-8b on 1x h100", "--json", "--png", file);
		const plain = await gpufit("fit", "llama-3.1-8b on 1x h100", "--json");
		expect(withChart.code).toBe(0);
		expect(withChart.stdout).toBe(plain.stdout);
		const png = PNG.sync.read(readFileSync(file));
		expect([png.width, png.height]).toEqual([FIT_CHART_WIDTH, fitChartHeight(1)]);
	});

	it("compare and recommend write the cost-against-speed chart", async () => {
		for (const [command, request] of [
			["compare", "llama-3.1-70b on 2x h100 vs 4x a100"],
			["recommend", "llama-3.1-8b ctx 8k users 4"],
		] as const) {
			const file = join(dir, `${command}.png`);
			expect((await gpufit(command, request, "--png", file)).code).toBe(0);
			const png = PNG.sync.read(readFileSync(file));
			expect([png.width, png.height]).toEqual([COMPARE_CHART_WIDTH, COMPARE_CHART_HEIGHT]);
		}
	});

	it("an answer without a chart says so and still answers", async () => {
		const r = await gpufit("gpus", "h100", "--png", join(dir, "none.png"));
		expect(r.code).toBe(0);
		expect(r.stderr).toContain("has no chart");
	});
});
