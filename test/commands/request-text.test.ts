// A command's options -> the grammar's request text, and suggested requests back to options: what the user
// would type in Discord asks the sizing core exactly what the CLI asks, and no renderer parses a request.
import { describe, expect, it } from "vitest";
import { runFit } from "../../commands/fit.js";
import { optionsOf, requestText, runOf } from "../../commands/request-text.js";
import { slashCommandText } from "../../src/render/embed.js";
import { fixtureCatalog } from "../support/fixture-catalog.js";

const catalog = fixtureCatalog();
const json = (text: string) => runFit(catalog, text).json;

describe("requestText", () => {
	it("builds /fit requests in the grammar's order", () => {
		expect(requestText("fit", { model: "deepseek-r1", hardware: "16x H100" })).toBe("deepseek-r1 on 16x H100");
		expect(
			requestText("fit", {
				model: " llama-3.1-405b ",
				hardware: "2x8 H200",
				precision: "fp8",
				context: "32k",
				users: 10,
				engine: "sglang",
				kv: "fp8",
			}),
		).toBe("llama-3.1-405b fp8 on 2x8 H200 ctx 32k users 10 engine sglang kv fp8");
	});

	it("asks the core the same question as the CLI request, Chinese counts included", () => {
		expect(json(requestText("fit", { model: "deepseek-r1", hardware: "16卡 H100" }))).toEqual(json("deepseek-r1 on 16x H100"));
		expect(json(requestText("fit", { model: "r1", hardware: "2x8 h100", users: 4 }))).toEqual(
			json("deepseek-r1 on 16x H100 users 4"),
		);
	});

	it("builds /recommend and list requests", () => {
		expect(requestText("recommend", { model: "deepseek-r1", context: "32k", users: 10, price: "buy" })).toBe(
			"deepseek-r1 ctx 32k users 10 buy",
		);
		expect(requestText("gpus", { filter: " h100 " })).toBe("h100");
		expect(requestText("models", {})).toBe("");
	});
});

describe("optionsOf", () => {
	it("turns a suggested request into /fit options that ask the same question", () => {
		for (const request of [
			"deepseek-r1 on 16x h100-sxm kv fp8",
			"llama-3.1-405b fp8 on 2x8 H100 ctx 32k users 8 engine sglang",
			"qwen3-32b on 2x rtx-4090 awq ctx 1536",
		]) {
			const options = optionsOf("fit", request);
			expect(options).not.toBeNull();
			expect(json(requestText("fit", options ?? {}))).toEqual(json(request));
			// Discord shows them as the slash command filled in; read back as Discord would fill the options.
			const hint = slashCommandText(runOf("fit", request));
			expect(hint.startsWith("/fit model:")).toBe(true);
			const read = Object.fromEntries([...hint.matchAll(/(\w+):(.+?)(?= \w+:|$)/g)].map((m) => [m[1] as string, m[2] as string]));
			expect(json(requestText("fit", read))).toEqual(json(request));
		}
	});

	it("gives up on requests the command's options cannot say, which are shown as text", () => {
		expect(optionsOf("fit", "gpt-oss-120b on 1x a100 util 0.95")).toBeNull();
		expect(optionsOf("fit", "not a request")).toBeNull();
		expect(slashCommandText(runOf("fit", "gpt-oss-120b on 1x a100 util 0.95"))).toBe("/fit gpt-oss-120b on 1x a100 util 0.95");
	});

	it("recommend and compare requests too, each answered like the text", async () => {
		const { runCompare } = await import("../../commands/compare.js");
		const { runRecommend } = await import("../../commands/recommend.js");
		const rec = "deepseek-r1 ctx 32k users 10 buy";
		expect(runRecommend(catalog, requestText("recommend", optionsOf("recommend", rec) ?? {})).json).toEqual(
			runRecommend(catalog, rec).json,
		);
		expect(optionsOf("recommend", "deepseek-r1 budget $30/h")).toBeNull();
		const cmp = "deepseek-r1 on 8x H200 vs 2x8 H100 ctx 32k users 10";
		expect(runCompare(catalog, requestText("compare", optionsOf("compare", cmp) ?? {})).json).toEqual(
			runCompare(catalog, cmp).json,
		);
	});
});

describe("compare options", () => {
	it("turn into the compare grammar and answer like the CLI", async () => {
		const { runCompare } = await import("../../commands/compare.js");
		const text = requestText("compare", { model: "deepseek-r1", setups: "8x H200 vs 16x H100", context: "32k", users: 10 });
		expect(text).toBe("deepseek-r1 on 8x H200 vs 16x H100 ctx 32k users 10");
		const result = runCompare(fixtureCatalog(), text);
		expect(result.exitCode).toBe(0);
		expect(result.reply.table?.columns.length).toBe(3);
	});
});
