// One example of each problem the parser (or the hub reader) can name, with its facts: typed by Problem, so a new
// code without one fails the type check. Shared by the wording tests of every locale and of Discord's options.
import type { Problem } from "../../src/parse/errors.js";

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
	hub: (["unknown_model", "gated_model", "hub_unreachable", "bad_config", "unsupported_architecture"] as const).map(
		(failure) => ({ code: "hub", failure, repo: "acme/x", near: [], report: `the hub reader's ${failure} report` }),
	),
};
