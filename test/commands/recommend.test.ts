// /recommend as the transports call it: the contract's JSON, requests that `fit` reproduces, errors,
// the registry entry and the command line.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { findCommand } from "../../commands/index.js";
import { runRecommend } from "../../commands/recommend.js";
import { answered } from "../support/answered.js";
import { repoCatalog } from "../support/catalog.js";

const catalog = repoCatalog();
// biome-ignore lint/suspicious/noExplicitAny: the JSON is checked field by field
const json = (text: string): any => runRecommend(catalog, text).json;

describe("recommend --json", () => {
	it("has the contract's fields, best first", () => {
		const j = json("deepseek-r1 ctx 32k users 10");
		expect(j).toMatchObject({ ok: true, model: { id: "deepseek-r1" }, context: 32768, users: 10 });
		expect(j.options.length).toBeGreaterThan(0);
		for (const o of j.options) {
			expect(Object.keys(o)).toEqual(
				expect.arrayContaining([
					"gpu",
					"count",
					"nodes",
					"precision",
					"verdict",
					"marginBytes",
					"hourlyUsd",
					"provider",
					"purchaseUsd",
					"costTier",
					"request",
				]),
			);
			expect(o.verdict).toBe("fits");
			expect(o.marginBytes).toBeGreaterThanOrEqual(0);
			expect(o.costTier).toMatch(/^(\$+|\?)$/);
			expect(o.speed.estimate).toBe(true);
		}
		expect(j.options.map((o: { hourlyUsd: number }) => o.hourlyUsd)).toEqual(
			[...j.options.map((o: { hourlyUsd: number }) => o.hourlyUsd)].sort((a, b) => a - b),
		);
		expect(Array.isArray(j.notes)).toBe(true);
	});

	it("every option's request reproduces it with fit", () => {
		for (const text of [
			"deepseek-r1 ctx 32k users 10",
			"llama-3.1-70b users 20",
			"qwen3-235b-a22b buy",
			"deepseek-r1 users 32",
		]) {
			for (const o of json(text).options) {
				const fit = answered(findCommand("fit")!.run(catalog, o.request));
				expect(fit).toMatchObject({
					verdict: "fits",
					hardware: { gpu: o.gpu, count: o.count, nodes: o.nodes },
					precision: { weights: o.precision },
				});
			}
		}
	});

	it("a total budget ranks by purchase; the text names the filters", () => {
		const r = runRecommend(catalog, "deepseek-r1 budget $400,000 vendor nvidia one node");
		const j = r.json as { ranking: string; options: { purchaseUsd: number; nodes: number }[]; notes: string[] };
		expect(j.ranking).toBe("buy");
		expect(j.options.every((o) => o.purchaseUsd <= 400_000 && o.nodes === 1)).toBe(true);
		expect(j.notes.join(" ")).toMatch(/Filters: NVIDIA GPUs only, one node only, budget \$400,000/);
	});

	it("the reply is a table of the options with costs and speed estimates", () => {
		const reply = runRecommend(catalog, "deepseek-r1").reply;
		expect(reply.kind).toBe("recommend");
		expect(reply.table?.columns).toEqual(
			expect.arrayContaining(["setup", "rent", "buy", "power", "decode/user", "TTFT 4K", "$/M out"]),
		);
		expect(reply.table?.rows).toHaveLength(5);
		expect(reply.notes.at(-1)).toMatch(/^Speeds are estimates: /);
		expect(reply.suggestions.every((s) => s.run?.command === "fit" && s.run.text.startsWith("deepseek-r1 on "))).toBe(true);
	});
});

describe("recommend errors", () => {
	it.each([
		["deepseek-r9", "unknown_model", /Unknown model/],
		["deepseek-r1 budget cheap", "bad_request", /Budget "cheap"/],
		["deepseek-r1 vendor cerebras", "bad_request", /Vendor "cerebras"/],
		["deepseek-r1 rent buy", "bad_request", /rent or buy/],
		["deepseek-r1 on 8x H100", "bad_request", /use fit/],
		["deepseek-r1 ctx lots", "bad_request", /Context "lots"/],
		["deepseek-r1 please", "unknown_model", /Unknown model "deepseek-r1 please"/],
	])("%s -> %s", (text, code, message) => {
		const r = runRecommend(catalog, text);
		expect(r.exitCode).toBe(2);
		expect(r.json).toMatchObject({ ok: false, error: { code } });
		expect((r.json as { error: { message: string } }).error.message).toMatch(message);
	});

	it("an empty request shows the grammar", () => {
		const r = findCommand("recommend")!.run(catalog, "");
		expect(r.exitCode).toBe(0);
		expect(r.reply.kind).toBe("help");
		expect(r.reply.headline).toMatch(/rent\|buy/);
	});
});

describe("registry and command line", () => {
	it("recommend and compare are registered for every transport", () => {
		expect(findCommand("/recommend")?.name).toBe("recommend");
		expect(findCommand("compare")?.name).toBe("compare");
	});

	it("recommend --json prints exactly one JSON object; text is a table", async () => {
		const run = promisify(execFile);
		const bin = new URL("../../bin/gpufit.js", import.meta.url).pathname;
		const { stdout } = await run(process.execPath, [bin, "recommend", "deepseek-r1 ctx 32k users 10", "--json"]);
		const lines = stdout.trim().split("\n");
		expect(lines).toHaveLength(1);
		expect(JSON.parse(lines[0] as string)).toMatchObject({ ok: true, context: 32768, users: 10 });
		const text = await run(process.execPath, [bin, "recommend", "deepseek-r1"]);
		expect(text.stdout).toMatch(/^\[FITS\] Cheapest setups for DeepSeek-R1/);
	});
});
