// The command line as scripts use it: exit codes, exactly one JSON object with --json, text for people.
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli-run.js";

const gpufit = (...args: string[]) => runCli(args);

describe("gpufit CLI", () => {
	it("fit --json prints exactly one JSON object and exits 0 whatever the verdict", async () => {
		for (const request of ["deepseek-r1 on 16x H100", "deepseek-r1 on 8x H100"]) {
			const r = await gpufit("fit", request, "--json");
			expect(r.code).toBe(0);
			const lines = r.stdout.trim().split("\n");
			expect(lines).toHaveLength(1);
			const j = JSON.parse(lines[0] as string);
			expect(j.ok).toBe(true);
			expect(["fits", "no-fit"]).toContain(j.verdict);
		}
	});

	it("an unknown model exits 2 with the error object", async () => {
		const r = await gpufit("fit", "deepseek-r9 on 8x H100", "--json");
		expect(r.code).toBe(2);
		const j = JSON.parse(r.stdout);
		expect(j).toMatchObject({ ok: false, error: { code: "unknown_model" } });
		expect(j.error.suggestions).toContain("deepseek-r1");
	});

	it("text output is for people: verdict, units, no stack trace", async () => {
		const r = await gpufit("fit", "deepseek-r1 on 16x H100");
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/^\[FITS\] DeepSeek-R1 on 16x/);
		expect(r.stdout).toMatch(/GiB/);
		const bad = await gpufit("fit", "deepseek-r1 on 0x H100");
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/whole number/);
		expect(bad.stderr).not.toMatch(/\bat .*\.js:\d+/);
	});

	it("gpus and models list the catalog, as text and JSON", async () => {
		const gpus = JSON.parse((await gpufit("gpus", "--json")).stdout);
		expect(gpus.gpus.length).toBeGreaterThanOrEqual(40);
		const models = JSON.parse((await gpufit("models", "deepseek", "--json")).stdout);
		expect(models.models.map((m: { id: string }) => m.id)).toContain("deepseek-r1");
		expect((await gpufit("gpus", "mi300")).stdout).toMatch(/mi300x/);
	});

	it("an unknown command exits 2 with the usage", async () => {
		const r = await gpufit("frobnicate");
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(/usage: gpufit/);
	});
});
