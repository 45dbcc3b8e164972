// A request the bot could not read, in English: the JSON contract's `message` and English cards, said of the
// text grammar and of the named options (Discord's `model:` `hardware:`). Requests, grammars and option values
// stay as typed, in quotes.

import { grouped } from "../src/core/units.js";
import { hubReasonText } from "../src/models/hub-reasons.js";
import type { GrammarName, Problem } from "../src/parse/errors.js";
import { EXAMPLES, GRAMMARS } from "../src/parse/grammars.js";
import type { WordsOf } from "./reason-words.js";
import type { OptionsProblem, RequestWords } from "./reason-words-request.js";

/** How the options a request may be asked with are written. */
const OPTIONS_HELP =
	"model: a model name (deepseek-r1), hardware: a count and a GPU (16x H100 or 2x8 H200), context: tokens (32k)";
/** A word a command does not read, in its options' words: which option held it is not known. */
const NOT_READ: Record<GrammarName, (word: string) => string> = {
	fit: (w) => `"${w}" is not something gpufit reads. ${OPTIONS_HELP}.`,
	compare: (w) =>
		`"${w}" is not something /compare reads: model: takes a model name (deepseek-r1), setups: GPUs joined by vs (8x H200 vs 16x H100), context: tokens (32k).`,
	recommend: (w) =>
		`"${w}" is not something /recommend reads: model: takes a model name (deepseek-r1), context: tokens (32k), price: rent or buy.`,
};
const mean = (near: string[]) => (near.length ? ` Did you mean ${near.join(", ")}?` : "");
const nothing = (found: string) => found || "nothing";

/** What was wrong, said of the text grammar ("on 8x H100"). */
const EN_PROBLEM: WordsOf<Problem> = {
	"too-long": (p) => `The request is ${grouped(p.chars)} characters long; the limit is ${grouped(p.limit)}.`,
	"control-chars": () => "The request contains control characters; type it as plain text.",
	empty: () => "The request is empty.",
	"model-first": (p) => `The request starts with the model name. Grammar: ${GRAMMARS[p.grammar]}`,
	"unknown-word": (p) => `Unknown word "${p.word}". Grammar: ${GRAMMARS[p.grammar]}`,
	"needs-value": (p) => `"${p.word}" needs a value, e.g. ${EXAMPLES.fit}`,
	"two-precisions": (p) => `Two precisions given ("${p.first}" and "${p.second}"); give one.`,
	"bad-context": (p) => `Context "${p.value}" is not a token count: write e.g. ctx 32k, ctx 131072 or ctx 1m (k = 1024).`,
	"bad-users": (p) => `Users "${p.value}" must be a whole number from 1 to ${grouped(p.max)}.`,
	"unknown-engine": (p) => `Unknown engine "${p.value}": choose ${p.engines.join(", ")}.`,
	"bad-kv": (p) => `KV cache type "${p.value}" is not one of fp8, bf16, fp16.`,
	"bad-util": (p) => `util "${p.value}" must be a fraction above 0 and at most 1, e.g. util 0.9.`,
	"bad-prompt": (p) => `Prompt "${p.value}" is not a token count: write e.g. prompt 8k or prompt 2000 (k = 1024).`,
	"layout-size": (p) => `"${p.part}" needs a size of at least 1, e.g. layout tp8.`,
	"layout-parts": () => `"layout" needs its parts: e.g. layout tp8, layout tp4 pp2 or layout dp8 ep.`,
	"spec-method": () => `"spec" needs a method: spec mtp or spec eagle (optionally accept 0.8).`,
	"bad-accept": (p) =>
		`accept "${p.value}" must be the share of drafted tokens accepted, above 0 and at most 1, e.g. accept 0.8.`,
	"hardware-twice": () => `The hardware is given twice; give one "on <count>x <gpu>".`,
	"no-hardware": () => `No hardware given: add "on <count>x <gpu>", e.g. ${EXAMPLES.fit}.`,
	"no-count": (p) => `Expected a GPU count after "on" (like 8x or 2x8), found "${nothing(p.found)}".`,
	"bad-count": (p) => `GPU count "${p.count}" must be a whole number from 1 to ${p.max}, written like 8x H100 or 2x8 H100.`,
	"bad-node-count": (p) => `"${p.count}" must be <nodes>x<GPUs per node> with at most ${p.max} GPUs in all, e.g. 2x8.`,
	"which-gpu": (p) => `Which GPU? Write e.g. "${p.count} H100".`,
	"too-many-gpus": (p) => `${p.count} GPUs is more than the ${p.max} this bot sizes.`,
	"two-setups": () => `Give two setups or more, joined by "vs": ${EXAMPLES.compare}.`,
	"too-many-setups": (p) => `Compare at most ${p.max} setups at a time.`,
	"setup-no-gpus": (p) => `Setup ${p.setup} names no GPUs: write e.g. "vs 16x H100".`,
	"bad-budget": (p) =>
		`Budget "${p.value}" is not an amount in US dollars: write e.g. budget $30/h (rent) or budget $400k (purchase).`,
	"budget-zero": (p) => `Budget "${p.value}" must be above $0.`,
	"rent-and-buy": () => "Give rent or buy, not both.",
	"bad-vendor": (p) => `Vendor "${p.value}" is not one of nvidia, amd, intel, huawei.`,
	"recommend-hardware": (p) =>
		`recommend searches the hardware for you; to size given GPUs use fit, e.g. fit "${p.model} on 8x H200".`,
	"unknown-model": (p) => `Unknown model "${p.typed}".${mean(p.near)} \`models\` lists them all.`,
	"unknown-gpu": (p) => `Unknown GPU "${p.typed}".${mean(p.near)} \`gpus\` lists them all.`,
	"unknown-model-and-gpu": (p) =>
		`Unknown model "${p.model}" and GPU "${p.gpu}".${p.request ? ` Did you mean: ${p.request}?` : ""} \`models\` and \`gpus\` list them all.`,
	"not-in-name": (p) => `Unknown word "${p.word}" after the ${p.after}. Grammar: ${GRAMMARS[p.grammar]}`,
	// The hub reader's English (or the config reader's); a repository the hub lacks adds the catalog's names it
	// comes near.
	hub: (p) => {
		const report = p.reason.why === "config-unread" ? p.reason.report : hubReasonText(p.reason);
		if (p.failure === "unknown_model") return `${report}.${mean(p.near)}`;
		return p.failure === "unsupported_architecture" ? `${p.repo}: ${report}` : report;
	},
};

/** The same, said of named options. */
const EN_PROBLEM_OPTIONS: WordsOf<OptionsProblem> = {
	"model-first": () => "model: which model? e.g. deepseek-r1.",
	"unknown-word": (p) => NOT_READ[p.grammar](p.word),
	"needs-value": (p) => `"${p.word}" needs a value. ${OPTIONS_HELP}.`,
	"bad-context": (p) => `context: "${p.value}" is not a token count: write e.g. 32k, 131072 or 1m (k = 1024).`,
	"hardware-twice": () => "The GPUs are given twice: name them in hardware: only (e.g. 16x H100), and only the model in model:.",
	"no-hardware": () => "hardware: which GPUs? e.g. 16x H100 or 2x8 H200.",
	"no-count": (p) => `${p.option}: start with how many GPUs, e.g. 8x H100 or 2x8 H200 (found "${nothing(p.found)}").`,
	"bad-count": (p) =>
		`${p.option}: the GPU count "${p.count}" must be a whole number from 1 to ${p.max}, e.g. 8x H100 or 2x8 H100.`,
	"bad-node-count": (p) =>
		`${p.option}: "${p.count}" must be nodes x GPUs per node with at most ${p.max} GPUs in all, e.g. 2x8 H100.`,
	"which-gpu": (p) => `${p.option}: which GPU? e.g. ${p.count} H100.`,
	"two-setups": () => "setups: give two setups or more, joined by vs, e.g. 8x H200 vs 16x H100.",
	"setup-no-gpus": (p) => `setups: setup ${p.setup} names no GPUs, e.g. 8x H200 vs 16x H100.`,
	"recommend-hardware": (p) =>
		`/recommend searches the hardware for you: give only the model in model:. To size given GPUs, ask /fit with model:${p.model} hardware:8x H200.`,
	"unknown-model": (p) => `model: unknown model "${p.typed}".${mean(p.near)} /models lists them all.`,
	"unknown-gpu": (p) => `hardware: unknown GPU "${p.typed}".${mean(p.near)} /gpus lists them all.`,
	"unknown-model-and-gpu": (p) =>
		// The corrected request is offered below as options to run; said here in the text grammar, it would not be.
		`model: unknown model "${p.model}", and hardware: unknown GPU "${p.gpu}".${p.request ? " The first request below corrects both." : ""} /models and /gpus list them all.`,
	"not-in-name": (p) =>
		p.after === "model"
			? `model: "${p.word}" is not part of a model name; give only the model, e.g. deepseek-r1.`
			: `hardware: "${p.word}" is not part of a GPU name; write a count and a GPU, e.g. 8x H100.`,
};

export const EN_REQUEST: RequestWords = {
	title: "Request not understood",
	problem: EN_PROBLEM,
	options: EN_PROBLEM_OPTIONS,
	help: (h) => (h.line === "grammar" ? `Grammar: ${GRAMMARS[h.grammar]}` : `Example: ${EXAMPLES[h.grammar]}`),
};
