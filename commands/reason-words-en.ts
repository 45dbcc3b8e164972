// The core's reason codes in English: the words of the JSON contract and of English cards.
import { formatUsd } from "../src/core/labels.js";
import type { Blocker, SetupName } from "../src/core/reasons.js";
import { formatSeconds } from "../src/core/speed-text.js";
import { formatGiB, formatTokens, grouped, roundTokens } from "../src/core/units.js";
import type { ReasonWords } from "./reason-words.js";
import { EN_SPEED } from "./reason-words-speed-en.js";

const MAX_NAMES = 6;

/** "a, b, c and 2 more": at most six names. */
function list(items: string[]): string {
	return items.length <= MAX_NAMES
		? items.join(", ")
		: `${items.slice(0, MAX_NAMES).join(", ")} and ${items.length - MAX_NAMES} more`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** "16x H100 SXM5 80GB (2 nodes)": the nodes where there are several. */
const named = (s: SetupName) => `${s.count}x ${s.gpu}${s.nodes > 1 ? ` (${s.nodes} nodes)` : ""}`;
const usd = (v: number | null, perHour: boolean) => (v === null ? "no price" : formatUsd(v, perHour));
const priced = (xs: { setup: SetupName; usd: number | null }[], perHour: boolean) =>
	list(xs.map((x) => `${named(x.setup)} ${usd(x.usd, perHour)}`));
const host = (base: number, perGpu: number) => `${formatUsd(base)} + ${formatUsd(perGpu)} per GPU per server`;
const capacity = (o: { users: number; context: number; maxContext: number }) =>
	o.users === 0 ? `one user up to ${roundTokens(o.maxContext)}` : `${plural(o.users, "user")} at ${formatTokens(o.context)}`;

const BLOCKERS: ReasonWords["blocker"] = {
	"engine-not-on-gpu": (b) => `${b.engine} does not run on ${b.gpu}; engines that do: ${b.engines}`,
	"engine-needs-cc": (b) => `${b.engine} needs compute capability ${b.needs} or newer; ${b.gpu} has ${b.has}`,
	"sglang-rocm": (b) => `SGLang's ROCm build targets MI300-class GPUs (gfx942/gfx950); ${b.gpu} is ${b.arch}`,
	"sglang-gaudi": () => "SGLang does not run on Gaudi",
	"llamacpp-gaudi": () => "llama.cpp has no Gaudi backend",
	"nvidia-only": (b) => `${b.engine} runs on NVIDIA GPUs only; ${b.gpu} is ${b.vendor}`,
	"apple-only": (b) => `${b.engine} runs on Apple silicon (Metal); ${b.gpu} is ${b.vendor}`,
	"gguf-needs-llamacpp": (b) => `${b.format} is a GGUF format: it runs on llama.cpp (engine llamacpp)`,
	"llamacpp-needs-gguf": () => "llama.cpp runs GGUF files; ask for a GGUF type such as q8_0 or q4_k_m",
	"kernels-need-cc": (b) => `${b.kernels} weight-only kernels need compute capability ${b.needs} or newer`,
	"nvfp4-needs-blackwell": (b) => `NVFP4 needs Blackwell FP4 units; ${b.gpu} has none (ask for fp8 or int4)`,
	"layers-only": (b) => `${b.engine} splits layers across devices only (no tensor or data parallelism)`,
	"more-gpus-than-layers": (b) => `llama.cpp splits ${b.layers} layers; ${b.gpus} GPUs is more than layers`,
	"stages-for-gpus": (b) => `${b.gpus} GPUs would need ${b.stages} pipeline stages for ${b.layers} layers`,
	"layout-not-count": (b) => `layout ${b.layout} does not make ${b.gpus} GPUs`,
	"dp-not-dividing": (b) => `${b.dp} data-parallel attention ranks do not divide ${b.tp} GPUs per stage`,
	"ep-needs-moe": (b) => `expert parallelism needs a mixture-of-experts model; ${b.model} is dense`,
	"stages-over-layers": (b) => `${b.stages} pipeline stages for ${b.layers} layers`,
	"heads-not-splitting": (b) => `${b.heads} attention heads (or KV heads) do not split over ${b.gpus} GPUs`,
	"beyond-context": (b) =>
		`${formatTokens(b.context)} is beyond ${b.model}'s context of ${formatTokens(b.limit)}; engines refuse a longer max_model_len`,
};

const blocker = (b: Blocker): string => (BLOCKERS[b.code] as (f: Blocker) => string)(b);

export const EN: ReasonWords = {
	list,
	setup: named,
	blocker: BLOCKERS,
	sizing: {
		"engine-not-here": (r) =>
			`${r.asked} does not run on ${r.gpu}: answered for ${r.chosen}${r.ggufFormat ? `, which runs ${r.ggufFormat} files` : ""}${r.others.length ? `; ${r.others.join(", ")} also runs there` : ""}`,
		"gguf-engine": (r) => `${r.format} is a GGUF file: answered for llama.cpp`,
		"no-bf16": (r) => `${r.gpu} has no BF16 (compute capability ${r.computeCapability} < 8.0): runs as FP16, same bytes`,
		"fp8-upcast": (r) =>
			`${r.gpu} has no FP8 units: the FP8 ${r.moe ? "MoE " : ""}checkpoint runs upcast to ${r.to} (twice the weight bytes)`,
		"fp8-weight-only": (r) =>
			`${r.gpu} has no FP8 units: FP8 weights run weight-only (W8A16, FP8 Marlin), computing in ${r.computeIn}`,
		"int8-weight-only": (r) => `${r.gpu} has no INT8 tensor cores: INT8 runs weight-only`,
		"mlx-mxfp4": () => "MLX runs MXFP4 weights through its own quantized matmul kernels (no FP4 units)",
		"mxfp4-weight-only": (r) => `${r.gpu} has no FP4 units: MXFP4 weights run through weight-only kernels (Marlin/Triton)`,
		"llamacpp-layers": (r) => `llama.cpp splits the ${r.layers} layers across ${r.gpus} GPUs`,
		"fp8-blocks-experts": (r) =>
			`FP8 128-blocks do not divide the ${r.expertWidth}-wide experts over ${r.ranks} ranks (${r.expertWidth / r.ranks} each): tensor parallel ${r.tp} x pipeline ${r.pp} (expert parallelism would also do)`,
		"heads-uneven": (r) =>
			`${r.heads} attention heads do not split evenly over ${r.gpus} GPUs: tensor parallel ${r.tp}, pipeline ${r.pp}`,
		"kv-heads-per-rank": (r) =>
			`${r.kvHeads} KV heads on ${r.tp} tensor-parallel ranks: each head's cache is held ${r.tp / r.kvHeads}x`,
		"mla-cache-per-rank": (r) =>
			`MLA's latent cache is held in full by each of the ${r.tp} tensor-parallel ranks (no DP attention)`,
		"layout-as-asked": (r) => `Layout ${r.layout}, as asked`,
		"dp-attention": (r) => {
			const experts =
				r.experts === null
					? ""
					: r.expertsPerGpu !== null
						? `; the ${r.experts} experts are split ${r.expertsPerGpu} per GPU`
						: "; experts and FFNs are tensor-parallel over the group";
			return `Data-parallel attention: each of the ${r.dp} ranks keeps the attention weights${r.attnTp > 1 ? ` (over ${r.attnTp} GPUs)` : ""} and only its own requests' cache${experts}`;
		},
		"mla-widths-estimated": () =>
			"Attention weights per rank estimated with DeepSeek-V3's MLA projection widths (q_lora 1536, 128-wide heads)",
		"weights-padded": (r) =>
			`${r.weights} files hold ${formatGiB(r.fileBytes)}; engines report ${formatGiB(r.loadedBytes)} once loaded (kernel padding)`,
		"weights-with-mtp": (r) =>
			`${r.weights} files hold ${formatGiB(r.fileBytes)}, all loaded: the ${formatGiB(r.mtpBytes)} MTP module drafts tokens for speculative decoding`,
		"weights-without-mtp": (r) =>
			`${r.weights} files hold ${formatGiB(r.fileBytes)}; engines load ${formatGiB(r.loadedBytes)} (the ${formatGiB(r.mtpBytes)} MTP module is left out unless speculative decoding uses it)`,
		"weights-count": (r) => {
			const loaded = ["the language model", r.vision ? "its vision encoder" : null, r.audio ? "its audio encoder" : null];
			const many = r.mtpLayers > 1;
			const mtp =
				r.mtpLayers > 0
					? `; the ${r.mtpLayers} MTP layer${many ? "s are" : " is"} left out (engines load ${many ? "them" : "it"} only for speculative decoding)`
					: "";
			return `Weights count ${loaded.filter(Boolean).join(" and ")}${mtp}`;
		},
		"weights-from-params": (r) =>
			`Weights estimated as ${(r.params / 1e9).toFixed(1)}B parameters in ${r.format} (no published file size in the catalog)`,
		"context-extension": (r) => `The config's ${r.how} allows up to ${formatTokens(r.tokens)} where the engine enables it`,
		"util-ignored": () => "llama.cpp has no memory fraction: util is ignored",
		"kv-replicated": (r) => `KV cache held ${r.times}x across tensor-parallel ranks (fewer KV heads than ranks)`,
		"kv-fp8": () => "FP8 KV cache: half the cache bytes of 16-bit",
		"cannot-run": (r) => `Cannot run: ${blocker(r.blocker)}`,
		"newest-release": (r) =>
			`"${r.typed}" is answered as ${r.name}, the newest release it names.${r.others.length ? ` Also: ${r.others.join(", ")}; ask for one by name.` : ""}`,
		"fixed-needs-exceed": (r) =>
			`Weights and ${r.engine}'s fixed needs exceed what it may use on each GPU${r.knob !== null ? ` (${r.knob} ${r.fraction})` : ""}`,
		"vllm-max-len": (r) => `vLLM refuses to start with --max-model-len ${r.context}; it starts with ${r.maxContext} or less`,
	},
	recommend: {
		"newest-release": (r) => EN.sizing["newest-release"](r),
		"beyond-context": (r) =>
			`${formatTokens(r.context)} is beyond ${r.model}'s context of ${formatTokens(r.limit)}: engines refuse a longer max_model_len. The setups below are for ${formatTokens(r.limit)}.`,
		"sized-for": (r) =>
			`Sized for ${plural(r.users, "user")} at ${formatTokens(r.context)} tokens of context${r.defaultContext ? ` (recommend's default context; add e.g. "ctx 128k" to change it)` : ""}.`,
		searched: (r) => {
			const label = (f: { format: string; published: boolean }) => (f.published ? `${f.format} as published` : f.format);
			const ranked = r.ranked.length ? r.ranked.map(label).join(" and ") : "no full-quality";
			const kv = r.fp8KvFallback ? ", with an FP8 KV cache where the default one does not fit" : "";
			const traded = r.traded.length ? `; ${r.traded.map(label).join(", ")} (quality trade-offs) only when named` : "";
			return `Searched ${ranked} weights${kv}${traded}.`;
		},
		"ranked-by-rent": () =>
			"Ranked by the rent of the whole setup per hour (cheapest on-demand provider per GPU); setups that must upcast an FP8 checkpoint (no FP8 units) come after those that run it as published.",
		"ranked-by-purchase": (r) =>
			`Ranked by the purchase price of the whole setup: servers where the catalog prices them, else the cards with a host of ${host(r.hostBaseUsd, r.hostPerGpuUsd)}; setups that must upcast an FP8 checkpoint come after those that run it as published.`,
		filters: (r) => {
			const filters = [
				r.vendor !== null ? `${r.vendor} GPUs only` : null,
				r.pcieOnly ? "PCIe cards only" : null,
				r.oneNode ? "one node only" : null,
				r.budget !== null ? `budget ${formatUsd(r.budget.usd, r.budget.perHour)}` : null,
				r.engine !== null ? `engine ${r.engine}` : null,
			];
			return `Filters: ${filters.filter((x) => x !== null).join(", ")}.`;
		},
		"cannot-run-here": (r) => `Cannot run here (${blocker(r.rule).split("; ")[0]}): ${list(r.gpus)}.`,
		"too-small": (r) => `Too small even at ${r.oneNode ? "one full node" : `${r.nodes} full nodes`}: ${list(r.gpus)}.`,
		upcast: (r) =>
			`No FP8 units, so the checkpoint runs upcast to ${r.to} (twice the weight bytes, half the decode speed): ${priced(r.setups, r.perHour)}; ranked after hardware that runs it as published.`,
		"no-price": (r) => `Fit, but the catalog has no ${r.rent ? "rental" : "purchase"} price: ${list(r.setups.map(named))}.`,
		"over-budget": (r) => `Over the budget: ${priced(r.setups, r.perHour)}.`,
		dearer: (r) => `Dearer: ${priced(r.setups, r.perHour)}.`,
		"slow-prefill": (r) =>
			`${named(r.setup)}: a ${formatTokens(r.promptTokens)}-token prompt waits ~${formatSeconds(r.seconds)} for its first token, against ~${formatSeconds(r.fastestSeconds)} on ${named(r.fastest)} (${(r.seconds / r.fastestSeconds).toFixed(1)}x: ${r.peak.tflops} TFLOP/s ${r.peak.format} against ${r.fastestPeak.tflops} TFLOP/s ${r.fastestPeak.format} per GPU); slow on long prompts (estimate).`,
		"host-added": (r) =>
			`† Cards priced alone, with a host added so they compare with whole servers (${host(r.hostBaseUsd, r.hostPerGpuUsd)}: CPUs, memory, chassis, power supplies, networking; an assumption): ${list(r.setups.map((s) => `${named(s.setup)} ${formatUsd(s.usd)} with ${formatUsd(s.hostUsd)} of hosts`))}.`,
		quantized: (r) =>
			`With ${r.format} weights (a quality trade-off): ${named(r.setup.setup)} fits at ${usd(r.setup.usd, r.perHour)}; ask "${r.ask}".`,
		"nothing-within-budget": (r) =>
			`Nothing fits within ${formatUsd(r.budget.usd, r.budget.perHour)}; closest over budget: ${priced(r.closest, r.perHour)}.`,
		"nothing-fits": (r) => `Nothing fits ${plural(r.users, "user")} at ${formatTokens(r.context)}.`,
		closest: (r) => {
			const near = r.setups.map(({ setup, near: n }) => {
				const what =
					n.kind === "loads"
						? `loads, ${plural(n.users, "user")} at ${formatTokens(n.context)} or 1 up to ${roundTokens(n.maxContext)}`
						: n.kind === "blocked"
							? blocker(n.blocker)
							: "weights and engine needs exceed its memory";
				return `${named(setup)} (${what})`;
			});
			return `Closest: ${near.join("; ")}.`;
		},
	},
	speed: EN_SPEED,
	hub: {
		"hub-read": (n) => {
			const bytes = formatGiB(n.weights.bytes ?? 0);
			const basis =
				n.weights.basis === "index"
					? `weights ${bytes} from model.safetensors.index.json`
					: n.weights.basis === "parameters"
						? `weights ${bytes} from the hub's parameter counts per dtype`
						: "weights estimated from the config (no index or parameter counts published)";
			return `Read from the Hugging Face hub: ${n.repo} at ${n.sha} (fetched ${n.fetched} UTC); ${basis}`;
		},
		"hub-context": (n) => `The config allows ${grouped(n.tokens)} tokens with ${n.how}`,
	},
	change: {
		"use-format": (c) => `Use ${c.format}`,
		"format-weights": (c) => `${c.format} weights`,
		util: (c) => `${c.knob} ${c.util} (util ${c.util})`,
		"kv-fp8": (c) => (c.twice ? "FP8 KV cache (kv fp8) holds twice the tokens" : "FP8 KV cache (kv fp8)"),
		"dp-attention": (c) => `Data-parallel attention with expert parallelism (layout dp${c.dp} ep)`,
		engine: (c) => `${c.engine} (engine ${c.id})`,
		"fewer-users": (c) => `${plural(c.users, "user")} instead of ${c.asked}`,
		context: (c) => `Context ${roundTokens(c.tokens)}`,
		"model-limit": (c) => `Context ${formatTokens(c.tokens)}, ${c.model}'s limit`,
		"more-gpus": (c) => `${c.count}x ${c.gpu}`,
		"per-replica": (c) => `${c.count}x ${c.gpu} per replica`,
		"half-gpus": () => "Half the GPUs also fit",
		"other-gpu": (c) => `${c.count}x ${c.gpu}`,
	},
	outcome: {
		fits: (o) => `fits, ${capacity(o)}`,
		loads: (o) => `loads, ${capacity(o)}`,
		fitsOnly: "fits",
		noFit: "does not fit either",
	},
	suggestion: (change, result, s) => {
		const c = s.change;
		if (c.code === "more-gpus") return `${change}: ${result}, margin ${formatGiB(c.marginBytes)}`;
		if (c.code === "per-replica") return `${change}: ${result}; run ${c.replicas} replicas for more users`;
		if (c.code === "half-gpus") return `${change}: ${c.count}x ${c.gpu}, ${capacity(s.outcome)}`;
		return `${change}: ${result}`;
	},
	onSetup: (setup, note) => `${setup}: ${note}`,
};
