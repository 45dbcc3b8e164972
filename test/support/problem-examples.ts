// One example of each problem the parser (or the hub reader) can name, with its facts: typed by Problem, so a new
// code without one fails the type check. Shared by the wording tests of every locale and of Discord's options.
import type { Problem } from "../../src/parse/errors.js";

type HubProblem = Extract<Problem, { code: "hub" }>;
const hub = (failure: HubProblem["failure"], reason: HubProblem["reason"], near: string[] = []): HubProblem => ({
	code: "hub",
	failure,
	repo: "repo" in reason ? reason.repo : "acme/x",
	near,
	reason,
});

export const PROBLEM_EXAMPLES: { [K in Problem["code"]]: Extract<Problem, { code: K }>[] } = {
	"too-long": [{ code: "too-long", chars: 1200, limit: 1000 }],
	"control-chars": [{ code: "control-chars" }],
	empty: [{ code: "empty" }],
	"model-first": [
		{ code: "model-first", grammar: "fit" },
		{ code: "model-first", grammar: "compare" },
		{ code: "model-first", grammar: "recommend" },
	],
	"unknown-word": [
		{ code: "unknown-word", word: "please", grammar: "fit" },
		{ code: "unknown-word", word: "now", grammar: "compare" },
		{ code: "unknown-word", word: "soon", grammar: "recommend" },
	],
	"needs-value": [{ code: "needs-value", word: "ctx" }],
	"two-precisions": [{ code: "two-precisions", first: "fp8", second: "bf16" }],
	"bad-context": [{ code: "bad-context", value: "lots" }],
	"bad-users": [{ code: "bad-users", value: "zero", max: 500 }],
	"unknown-engine": [{ code: "unknown-engine", value: "turbo", engines: ["vllm", "sglang"] }],
	"bad-kv": [{ code: "bad-kv", value: "int3" }],
	"bad-util": [{ code: "bad-util", value: "2" }],
	"bad-prompt": [{ code: "bad-prompt", value: "long" }],
	"layout-size": [{ code: "layout-size", part: "tp0" }],
	"layout-parts": [{ code: "layout-parts" }],
	"spec-method": [{ code: "spec-method" }],
	"bad-accept": [{ code: "bad-accept", value: "1.5" }],
	"hardware-twice": [{ code: "hardware-twice" }],
	"no-hardware": [{ code: "no-hardware" }],
	"no-count": [
		{ code: "no-count", found: "h100", option: "hardware" },
		{ code: "no-count", found: "", option: "setups" },
	],
	"bad-count": [{ code: "bad-count", count: "0x", max: 512, option: "hardware" }],
	"bad-node-count": [{ code: "bad-node-count", count: "64x64", max: 512, option: "setups" }],
	"which-gpu": [{ code: "which-gpu", count: "8x", option: "hardware" }],
	"too-many-gpus": [{ code: "too-many-gpus", count: 800, max: 512 }],
	"two-setups": [{ code: "two-setups" }],
	"too-many-setups": [{ code: "too-many-setups", max: 6 }],
	"setup-no-gpus": [{ code: "setup-no-gpus", setup: 3 }],
	"bad-budget": [{ code: "bad-budget", value: "lots" }],
	"budget-zero": [{ code: "budget-zero", value: "$0" }],
	"rent-and-buy": [{ code: "rent-and-buy" }],
	"bad-vendor": [{ code: "bad-vendor", value: "acme" }],
	"recommend-hardware": [{ code: "recommend-hardware", model: "llama-3.1-8b" }],
	"unknown-model": [
		{ code: "unknown-model", typed: "llama-3.1-8c", near: ["llama-3.1-8b", "llama-3-8b"] },
		{ code: "unknown-model", typed: "nosuchmodel", near: [] },
	],
	"unknown-gpu": [{ code: "unknown-gpu", typed: "h1oo", near: ["h100-sxm"] }],
	"unknown-model-and-gpu": [
		{ code: "unknown-model-and-gpu", model: "deepsek-r1", gpu: "h1oo", request: "deepseek-r1 on 8x h100-sxm" },
		{ code: "unknown-model-and-gpu", model: "zzz", gpu: "yyy", request: null },
	],
	"not-in-name": [
		{ code: "not-in-name", word: "please", after: "model" },
		{ code: "not-in-name", word: "please", after: "GPU" },
	],
	hub: [
		hub("unknown_model", { why: "not-repo-id", repo: "acme x" }),
		hub("unknown_model", { why: "no-revision", repo: "acme/x", revision: "v9" }),
		hub("unknown_model", { why: "no-repo", repo: "acme/x", endpoint: "http://127.0.0.1:9", token: false }, ["llama-3.1-8b"]),
		hub("unknown_model", { why: "no-repo", repo: "acme/x", endpoint: "http://127.0.0.1:9", token: true }),
		hub("gated_model", { why: "gated", repo: "acme/x", token: "none" }),
		hub("gated_model", { why: "gated", repo: "acme/x", token: "refused" }),
		hub("gated_model", { why: "gated", repo: "acme/x", token: "no-access" }),
		hub("hub_unreachable", { why: "timeout", seconds: 2.5 }),
		hub("hub_unreachable", { why: "unreachable", endpoint: "http://127.0.0.1:9", detail: "connect ECONNREFUSED 127.0.0.1:9" }),
		hub("hub_unreachable", { why: "status", endpoint: "http://127.0.0.1:9", status: 503, repo: "acme/x", file: null }),
		hub("hub_unreachable", { why: "status", endpoint: "http://127.0.0.1:9", status: 502, repo: "acme/x", file: "config.json" }),
		hub("hub_unreachable", { why: "unusable-answer", endpoint: "http://127.0.0.1:9", repo: "acme/x" }),
		hub("bad_config", { why: "no-file", repo: "acme/x", file: "config.json", sha: "0123456789abcdef0123456789abcdef01234567" }),
		hub("bad_config", {
			why: "bad-json",
			repo: "acme/x",
			file: "config.json",
			detail: "not valid JSON: Unexpected end of JSON input",
		}),
		hub("bad_config", { why: "not-object", repo: "acme/x", file: "hf_quant_config.json" }),
		hub("unsupported_architecture", {
			why: "config-unread",
			keys: ["architectures", "rope_scaling.type"],
			report:
				'config.json has keys or values this reader cannot interpret: architectures: ["FooForCausalLM"]; rope_scaling.type: "odd"',
		}),
	],
};
