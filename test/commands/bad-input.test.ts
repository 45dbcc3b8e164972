// Malformed and hostile requests: each is answered with exit code 2, a one-line reason and
// suggestions; nothing throws.
import { describe, expect, it } from "vitest";
import { runFit } from "../../commands/fit.js";
import { repoCatalog } from "../support/catalog.js";

const BAD: [label: string, text: string, mentions?: RegExp][] = [
	["empty", ""],
	["spaces only", "   \t  "],
	["10 kB of text", "deepseek-r1 on 8x h100 ".repeat(450), /1,000/],
	["1001 characters", "a".repeat(1001), /1,000/],
	["zero GPUs", "deepseek-r1 on 0x H100", /whole number/],
	["negative GPUs", "deepseek-r1 on -3x H100", /whole number/],
	["exponent GPUs", "deepseek-r1 on 1e9x H100", /whole number/],
	["fractional GPUs", "deepseek-r1 on 1.5x H100", /whole number/],
	["too many GPUs", "deepseek-r1 on 100000x H100", /whole number/],
	["too many nodes", "deepseek-r1 on 64x64 H100", /at most 512/],
	["zero per node", "deepseek-r1 on 2x0 H100"],
	["no hardware", "deepseek-r1", /No hardware/],
	["no GPU after count", "deepseek-r1 on 8x", /Which GPU/],
	["no count after on", "deepseek-r1 on H100", /GPU count/],
	["only hardware", "on 8x H100", /model/],
	["unknown GPU", "deepseek-r1 on 8x H900", /Unknown GPU/],
	["unknown model", "deepseek-r9 on 8x H100", /Unknown model/],
	["word after GPU", "deepseek-r1 on 8x H100 please", /"please"/],
	["word after options", "deepseek-r1 on 8x H100 ctx 32k now", /"now"/],
	["ctx zero", "deepseek-r1 on 8x H100 ctx 0", /Context/],
	["ctx negative", "deepseek-r1 on 8x H100 ctx -5", /Context/],
	["ctx garbage", "deepseek-r1 on 8x H100 ctx lots", /Context/],
	["ctx huge", "deepseek-r1 on 8x H100 ctx 99999999999", /Context/],
	["ctx missing", "deepseek-r1 on 8x H100 ctx", /needs a value/],
	["users 1e12", "deepseek-r1 on 8x H100 users 1e12", /Users/],
	["users zero", "deepseek-r1 on 8x H100 users 0", /Users/],
	["users fraction", "deepseek-r1 on 8x H100 users 2.5", /Users/],
	["util above 1", "deepseek-r1 on 8x H100 util 1.5", /util/],
	["util zero", "deepseek-r1 on 8x H100 util 0", /util/],
	["util percent", "deepseek-r1 on 8x H100 util 90%", /util/],
	["unknown engine", "deepseek-r1 on 8x H100 engine tgi", /Unknown engine/],
	["unknown kv", "deepseek-r1 on 8x H100 kv int3", /KV cache/],
	["two precisions", "deepseek-r1 fp8 on 8x H100 bf16", /Two precisions/],
	["two hardware", "deepseek-r1 on 8x H100 on 8x H200", /twice/],
	["NUL byte", "deepseek-r1 on 8x H100\u0000", /control characters/],
	["escape sequence", "deepseek-r1 \u001b[31mon 8x H100", /control characters/],
	["bidi override", "deepseek-r1 on 8x \u202eH100", /control characters/],
	["emoji model", "🚀🚀 on 8x H100", /Unknown model/],
	["emoji GPU", "deepseek-r1 on 8x 🔥", /Unknown GPU/],
	["SQL fragment", "deepseek-r1'; DROP TABLE gpus; -- on 8x H100", /Unknown model/],
	["shell fragment", "$(rm -rf /) on 8x H100", /Unknown model/],
	["backticks", "`cat /etc/passwd` on 8x h100", /Unknown model/],
	["HTML", "<script>alert(1)</script> on 8x H100", /Unknown model/],
	["path traversal GPU", "deepseek-r1 on 8x ../../etc/passwd", /Unknown GPU/],
	["JSON", '{"model":"r1"} on 8x H100', /Unknown model/],
	["prototype", "__proto__ on 8x constructor", /Unknown model/],
	["hex count", "deepseek-r1 on 0x10 H100", /GPUs/],
];

describe("bad input", () => {
	it("covers at least 40 malformed or hostile requests", () => {
		expect(BAD.length).toBeGreaterThanOrEqual(40);
	});

	it.each(BAD)("%s -> exit 2 with a one-line reason", (_label, text, mentions) => {
		const result = runFit(repoCatalog(), text);
		expect(result.exitCode).toBe(2);
		const json = result.json as { ok: boolean; error: { code: string; message: string; suggestions: string[] } };
		expect(json.ok).toBe(false);
		expect(["unknown_model", "unknown_gpu", "bad_request"]).toContain(json.error.code);
		expect(json.error.message).not.toContain("\n");
		expect(json.error.message.length).toBeLessThan(400);
		if (mentions) expect(json.error.message).toMatch(mentions);
		expect(result.reply.kind).toBe("error");
	});

	it("unknown names come with the closest catalog ids", () => {
		const gpu = runFit(repoCatalog(), "deepseek-r1 on 8x H10").json as { error: { suggestions: string[] } };
		expect(gpu.error.suggestions).toContain("h100-sxm");
		const model = runFit(repoCatalog(), "deepsek-r1 on 8x H100").json as { error: { suggestions: string[] } };
		expect(model.error.suggestions).toContain("deepseek-r1");
		const grammar = runFit(repoCatalog(), "deepseek-r1 on 8x H100 users many").json as { error: { suggestions: string[] } };
		expect(grammar.error.suggestions.join(" ")).toMatch(/on <count>x <gpu>/);
	});
});
