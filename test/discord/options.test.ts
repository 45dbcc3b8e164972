// Discord asks with named options: its /help, its errors phrased in those options (`model:` `hardware:`, never the
// text grammar's "on <count>x <gpu>"), autocomplete that reads counts as people type them (16卡 h1, a count alone),
// and embeds that lay short fields inline, three to a row, in English as in Chinese. On the fixture catalog.
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.js";
import { type OptionsProblem, requestErrorWords } from "../../commands/reason-words-request.js";
import { EN_REQUEST } from "../../commands/reason-words-request-en.js";
import { requestText } from "../../commands/request-text.js";
import { embedOf } from "../../src/render/embed.js";
import { uiStrings } from "../../src/render/locale.js";
import { autocompleteChoices } from "../../src/transports/discord/autocomplete.js";
import { commandDefinitions } from "../../src/transports/discord/definitions.js";
import { embedText, embedViolations } from "../support/discord-embed.js";
import { fixtureCatalog } from "../support/fixture-catalog.js";
import { PROBLEM_EXAMPLES } from "../support/problem-examples.js";

const catalog = fixtureCatalog();
/** What the chat pipeline does with a Discord command: its options read into the request's text, then the command. */
const ask = (
	command: "fit" | "recommend" | "compare" | "help",
	options: Record<string, string | number>,
	locale: "en" | "zh" = "en",
) => COMMANDS[command].run(catalog, requestText(command, options), locale);

describe("/help", () => {
	it("is registered, and answers in Discord's options with examples to run", () => {
		const help = commandDefinitions().find((c) => c.name === "help");
		expect(help?.description).toMatch(/How to ask/);
		for (const locale of ["en", "zh"] as const) {
			const r = ask("help", {}, locale);
			expect(r.exitCode).toBe(0);
			const e = embedOf(r.reply, locale);
			expect(embedViolations(e)).toEqual([]);
			expect(e.description).toMatch(/model:.*hardware:/);
			expect(e.description).not.toMatch(/<count>x|<model>| on /);
			expect(embedText(e)).toContain("/recommend");
			expect(embedText(e)).toContain("/fit model:deepseek-r1 hardware:16x h100");
		}
	});
});

describe("errors in Discord's options", () => {
	it.each([
		[{ model: "deepseek-r1", hardware: "h100" }, /^hardware: start with how many GPUs, e\.g\. 8x H100/],
		[{ model: "deepseek-r1", hardware: "8x" }, /^hardware: which GPU\?/],
		[{ model: "deepseek-r1", hardware: "8x h100 please" }, /^hardware: "please" is not part of a GPU name/],
		[{ model: "deepseek-r1", hardware: "8x h100", context: "lots" }, /^context: "lots" is not a token count/],
		[{ model: "deepsek-r1", hardware: "8x h100" }, /^model: unknown model "deepsek-r1"\. Did you mean deepseek-r1/],
		[{ model: "deepseek-r1 on 8x h100", hardware: "8x h100" }, /^The GPUs are given twice: name them in hardware: only/],
		[{ model: "deepseek-r1", hardware: "8x h100 tonight" }, /^hardware: "tonight" is not part of a GPU name/],
		[{ model: "deepsek-r1", hardware: "8x h1OO" }, /^model: unknown model "deepsek-r1", and hardware: unknown GPU "h1oo"/],
	])("%o", (options, message) => {
		const r = ask("fit", options);
		expect(r.exitCode).toBe(2);
		const e = embedOf(r.reply, "en");
		expect(e.description).toMatch(message);
		const text = embedText(e);
		expect(text).not.toMatch(/Grammar|<count>x|on <count>/);
		// The example and help are Discord's own commands.
		expect(text).toContain("/fit model:deepseek-r1 hardware:16x h100");
		expect(text).toContain(uiStrings("en").askHelp);
		// A correction, where one is offered, is the options to run.
		for (const f of e.fields ?? [])
			if (f.name === uiStrings("en").tryInstead) expect(f.value).toMatch(/\/fit model:\S+ hardware:/);
	});

	it.each([
		[
			"recommend",
			{ model: "deepseek-r1 on 8x h200" },
			/^\/recommend searches the hardware for you: give only the model in model:/,
		],
		["recommend", { model: "deepseek-r1 tomorrow" }, /^model: unknown model "deepseek-r1 tomorrow"\. Did you mean deepseek-r1/],
		["compare", { model: "deepseek-r1", setups: "8x h200" }, /^setups: give two setups or more/],
		["compare", { model: "deepseek-r1", setups: "8x h200 vs 8x h1000" }, /^setups: unknown GPU "h1000"/],
		["compare", { model: "deepseek-r1", setups: "8x h200 vs h100" }, /^setups: start with how many GPUs/],
	] as const)("/%s %o", (command, options, message) => {
		const r = ask(command, options);
		expect(r.exitCode).toBe(2);
		const e = embedOf(r.reply, "en");
		expect(e.description).toMatch(message);
		expect(embedText(e)).not.toMatch(/Grammar|<count>x|<model>/);
	});

	it("the CLI and Slack keep the text grammar's words for the same request", () => {
		const r = ask("fit", { model: "deepseek-r1", hardware: "h100" });
		expect(r.reply.headline).toMatch(/^Expected a GPU count after "on"/);
		expect(r.json).toMatchObject({ ok: false, error: { code: "bad_request", message: r.reply.headline } });
		expect(embedOf(r.reply, "en").description).toMatch(/^hardware: start with how many GPUs/);
	});

	it('every problem said in options, in both locales, names an option and never the text grammar\'s " on "', () => {
		const codes = Object.keys(EN_REQUEST.options) as OptionsProblem["code"][];
		expect(codes.length).toBeGreaterThan(0);
		for (const code of codes) {
			for (const problem of PROBLEM_EXAMPLES[code]) {
				for (const locale of ["en", "zh"] as const) {
					const said = requestErrorWords({ problem, help: [] }, locale).options;
					expect(said, `${locale} ${JSON.stringify(problem)}`).toMatch(/\b(model|hardware|setups|context|price): ?\S/);
					expect(said, `${locale} ${JSON.stringify(problem)}`).not.toMatch(/ on /);
				}
			}
		}
	});

	it("two names corrected at once point to the options to run, not to a request in the text grammar", () => {
		for (const locale of ["en", "zh"] as const) {
			const e = embedOf(ask("fit", { model: "deepsek-r1", hardware: "8x h1OO" }, locale).reply, locale);
			expect(e.description).not.toMatch(/ on /);
			expect(embedText(e)).toContain("/fit model:deepseek-r1 hardware:8x h100-sxm");
		}
	});
});

describe("hardware autocomplete", () => {
	const values = (typed: string) => autocompleteChoices(catalog, "fit", "hardware", typed).map((c) => c.value);

	it.each([
		["16卡 h1", "16x h100-sxm"],
		["16卡h1", "16x h100-sxm"],
		["2台8卡 h2", "2x8 h200-sxm"],
		["16x h1", "16x h100-sxm"],
		["16 h1", "16x h100-sxm"],
		["2x8 h200", "2x8 h200-sxm"],
	])("%s offers %s", (typed, value) => {
		const v = values(typed);
		expect(v).toContain(value);
		const prefix = value.split(" ")[0];
		for (const x of v) expect(x.startsWith(`${prefix} `)).toBe(true);
	});

	it("a count alone, or with its x, offers the GPUs whose servers it fills first", () => {
		for (const typed of ["16", "16x", "16卡"]) {
			const v = values(typed);
			expect(v.length).toBe(catalog.gpus.length);
			expect(v.every((x) => x.startsWith("16x "))).toBe(true);
			expect(v.slice(0, 3)).toContain("16x h100-sxm");
			expect(v.indexOf("16x h100-sxm")).toBeLessThan(v.indexOf("16x rtx-4090"));
		}
		expect(values("2x8")).toContain("2x8 h100-sxm");
	});

	it("a GPU named by its number is a GPU, not a count", () => {
		expect(values("4090")).toContain("1x rtx-4090");
	});

	it("every choice is something /fit answers", () => {
		for (const typed of ["16卡 h1", "2台8卡 h2", "16", "2x8", "4090", "h20"]) {
			for (const v of values(typed)) expect(COMMANDS.fit.run(catalog, `deepseek-r1 on ${v}`).exitCode, v).toBe(0);
		}
	});
});

describe("embed fields", () => {
	it("short fields sit inline, three to a row, in English as in Chinese", () => {
		for (const locale of ["en", "zh"] as const) {
			const r = ask("fit", { model: "deepseek-r1", hardware: "8x h200", context: "32k", users: 10 }, locale);
			const fields = embedOf(r.reply, locale).fields ?? [];
			const inline = fields.map((f) => f.inline);
			expect(inline.slice(0, 4), locale).toEqual([true, true, true, false]);
			expect(fields.slice(0, 3).map((f) => f.name)).toEqual(r.reply.fields.slice(0, 3).map((f) => f.label));
		}
	});
});
