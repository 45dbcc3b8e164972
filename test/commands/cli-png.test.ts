// `--png FILE` writes the answer's chart beside the text answer (issue 18), from the shipped bundle.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { COMPARE_CHART_HEIGHT, COMPARE_CHART_WIDTH } from "../../src/render/charts/compare.js";
import { FIT_CHART_WIDTH, fitChartHeight } from "../../src/render/charts/fit.js";
import { runCli } from "../support/cli-run.js";

const dir = mkdtempSync(join(tmpdir(), "gpufit-png-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gpufit = (...args: string[]) => runCli(args);

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
