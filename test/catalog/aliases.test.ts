// Every id, name and alias in the real catalog resolves, through the resolver `fit` uses, to the entry
// that declares it, and names that entry rather than another release of it.
//
// The rule for "names the entry": an alias's numbers (versions, sizes, release dates: "qwen3-235b-a22b-
// instruct-2507" -> 3, 235, 22, 2507; "glm-4.6" -> 4.6) must all be numbers of the entry's own id,
// name or repository (a model's hfRepo; a system's GPU). A number of its own that the entry does not
// carry ("2507" on the non-2507 release, "0905" on Kimi K2 0711, "4.6" on GLM-4.5) means the alias
// names another release. Form-factor, memory-type and precision words (SXM5, PCIe, HBM3, GDDR7, FP8,
// Q4_K_M) are not release numbers, nor is the entry's own memory size ("H100-80G", "T4 16GB") or
// parameter count (Ollama's "deepseek-r1:671b"). An alias without numbers must share a word with the
// entry ("Strix Halo", "DGX Spark").
import { describe, expect, it } from "vitest";
import type { Gpu, Model, System } from "../../src/catalog/types.js";
import { newerFirst } from "../../src/parse/releases.js";
import { findHardware, findModel } from "../../src/parse/resolve.js";
import { repoCatalog } from "../support/catalog.js";

const catalog = repoCatalog();

const DESCRIPTORS =
	/sxm\d?|pcie(?:gen)?\d?|hbm\d+e?|gddr\d+x?|lpddr\d+x?|ddr\d+x?|nvlink\d?|gen ?\d|(?<![a-z0-9])(?:nv|mx)?fp\d+|bf16|int\d+|w\d+a\d+|q\d+(?:_[a-z0-9]+)*/g;
const GENERIC = new Set(
	"nvidia amd intel huawei apple geforce tesla instinct radeon rtx pro the and with gpu gpus server platform superchip edition instruct chat base model".split(
		" ",
	),
);

/** What an entry's own sizes let an alias carry: memory in GB ("80g") or parameters in billions ("671b"). */
interface Sizes {
	gb?: number[];
	billions?: number[];
}

/** Numbers of a name after dropping form-factor and precision words and the entry's own sizes. */
function numbers(text: string, sizes: Sizes = {}): string[] {
	const plain = text
		.toLowerCase()
		.replace(DESCRIPTORS, " ")
		.replace(/(\d+)\s*g(?:i?b)?(?![a-z0-9])/g, (all, n: string) => (sizes.gb?.includes(Number(n)) ? " " : all))
		.replace(/(?<![a-z0-9.])(\d+)b(?![a-z0-9])/g, (all, n: string) => (sizes.billions?.includes(Number(n)) ? " " : all));
	return plain.match(/\d+(?:\.\d+)?/g) ?? [];
}

function words(text: string): string[] {
	return (text.toLowerCase().match(/[a-z]{3,}/g) ?? []).filter((w) => !GENERIC.has(w));
}

/** Why an alias does not name the entry whose own names are `own`, or null when it does. */
function misnames(alias: string, own: string[], sizes: Sizes): string | null {
	const mine = new Set(own.flatMap((t) => numbers(t)));
	const got = numbers(alias, sizes);
	if (got.length > 0) {
		const foreign = got.filter((n) => !mine.has(n));
		return foreign.length ? `names ${foreign.join(", ")}, which the entry's id/name/repository do not` : null;
	}
	// An alias that is only the entry's size ("405b") names it by the number its id carries.
	if (numbers(alias).some((n) => mine.has(n))) return null;
	const vocabulary = new Set(own.flatMap(words));
	return words(alias).some((w) => vocabulary.has(w)) ? null : "shares no word or number with the entry";
}

interface Finding {
	key: string;
	why: string;
}

const gpuOwn = (g: Gpu): string[] => [g.id, g.name];
const gpuSizes = (g: Gpu): Sizes => ({ gb: [g.memory.nominalGB, ...(g.memory.unified ? [g.memory.unified.ramGB] : [])] });
const modelSizes = (m: Model): Sizes => ({ billions: [Math.floor(m.params.total / 1e9), Math.round(m.params.total / 1e9)] });

function gpuFindings(): Finding[] {
	const out: Finding[] = [];
	for (const g of catalog.gpus) {
		for (const alias of [g.id, g.name, ...g.aliases]) {
			const key = `${g.id}: ${alias}`;
			const hit = findHardware(catalog, alias);
			if (!hit || hit.gpu.id !== g.id || hit.perSystem !== null) {
				out.push({
					key,
					why: `resolves to ${hit ? `${hit.gpu.id}${hit.perSystem ? ` (system of ${hit.perSystem})` : ""}` : "nothing"}`,
				});
				continue;
			}
			const why = misnames(alias, gpuOwn(g), gpuSizes(g));
			if (why) out.push({ key, why });
		}
	}
	return out;
}

function systemFindings(): Finding[] {
	const out: Finding[] = [];
	for (const s of catalog.systems as System[]) {
		const g = catalog.gpus.find((x) => x.id === s.gpu) as Gpu;
		for (const alias of [s.id, s.name, ...s.aliases]) {
			const key = `${s.id}: ${alias}`;
			const hit = findHardware(catalog, alias);
			if (!hit || hit.gpu.id !== s.gpu || hit.perSystem !== s.gpusPerNode) {
				out.push({ key, why: `resolves to ${hit ? `${hit.gpu.id} x${hit.perSystem ?? "GPU"}` : "nothing"}` });
				continue;
			}
			const why = misnames(alias, [s.id, s.name, ...gpuOwn(g), String(s.gpusPerNode)], gpuSizes(g));
			if (why) out.push({ key, why });
		}
	}
	return out;
}

function modelFindings(): Finding[] {
	const out: Finding[] = [];
	for (const m of catalog.models as Model[]) {
		for (const alias of [m.id, m.name, ...m.aliases]) {
			const key = `${m.id}: ${alias}`;
			const hit = findModel(catalog, alias);
			if (!hit || hit.model.id !== m.id) {
				out.push({ key, why: `resolves to ${hit ? hit.model.id : "nothing"}` });
				continue;
			}
			const why = misnames(alias, [m.id, m.name, m.hfRepo], modelSizes(m));
			if (why) out.push({ key, why });
		}
	}
	return out;
}

/**
 * Model aliases known to name another release (issue 12), left to the model entries' owner: each
 * should become its own entry or lose the alias. Only model aliases may be listed here; any finding
 * not listed fails the test. Fixed ones can simply be dropped from the list.
 */
const KNOWN_WRONG_MODEL_ALIASES = new Set<string>([
	// The August 2024 refresh of Command R+ is a release of its own, with no entry yet.
	"command-r-plus: command-r-plus-08-2024",
]);

/**
 * An alias without a release number ("kimi", "mistral-large") names the family, so it must answer as the newest
 * release whose id, name or repository hold all its words (src/parse/releases.ts orders them), never an older one.
 */
function bareAliasFindings(): Finding[] {
	const out: Finding[] = [];
	const models = catalog.models as Model[];
	for (const m of models) {
		for (const alias of m.aliases) {
			if (/\d/.test(alias)) continue;
			const asked = words(alias.replace(/[-_/:]/g, " "));
			const releases = models.filter((x) => {
				const own = new Set([x.id, x.name, x.hfRepo].flatMap((t) => words(t.replace(/[-_/:]/g, " "))));
				return x.family === m.family && asked.length > 0 && asked.every((w) => own.has(w));
			});
			const newer = releases.filter((x) => newerFirst(x, m) < 0);
			if (newer.length)
				out.push({ key: `${m.id}: ${alias}`, why: `names an older release than ${newer.map((x) => x.id).join(", ")}` });
		}
	}
	return out;
}

const report = (fs: Finding[]) => fs.map((f) => `${f.key} (${f.why})`);

describe("catalog aliases", () => {
	it("the rule catches an alias that names another release", () => {
		const qwen = ["qwen3-235b-a22b", "Qwen3-235B-A22B", "Qwen/Qwen3-235B-A22B"];
		expect(misnames("qwen3-235b-a22b-instruct-2507", qwen, {})).toMatch(/2507/);
		expect(misnames("Qwen3-235B-A22B-FP8", qwen, {})).toBeNull();
		expect(misnames("kimi-k2-0905", ["kimi-k2", "Kimi K2 Instruct (0711)"], {})).toMatch(/0905/);
		expect(misnames("glm-4.6", ["glm-4.5", "GLM-4.5"], {})).toMatch(/4\.6/);
		expect(misnames("llama 70b", ["llama-3.3-70b", "Llama 3.3 70B Instruct"], {})).toBeNull();
		expect(misnames("llama 3 70b", ["llama-3.3-70b", "Llama 3.3 70B Instruct"], {})).toMatch(/names 3,/);
		expect(misnames("deepseek-r1:671b", ["deepseek-r1", "DeepSeek-R1"], { billions: [671] })).toBeNull();
		expect(misnames("Tesla V100-SXM2-16GB", ["v100-16gb", "NVIDIA Tesla V100 16GB"], { gb: [16] })).toBeNull();
		expect(misnames("H100-80G", ["h100-sxm", "NVIDIA H100 SXM5 80GB"], { gb: [80] })).toBeNull();
		expect(misnames("H100 94GB", ["h100-sxm", "NVIDIA H100 SXM5 80GB"], { gb: [80] })).toMatch(/94/);
		expect(misnames("Strix Halo", ["ryzen-ai-max-395", "AMD Ryzen AI Max+ 395 (Strix Halo)"], {})).toBeNull();
		expect(misnames("Mac Studio", ["m4-max-128gb", "Apple M4 Max (128 GB)"], { gb: [128] })).toMatch(/no word/);
	});

	it("the rule catches a family name on an older release", () => {
		const kimi = (id: string) => catalog.models.find((m) => m.id === id) as Model;
		// Kimi K2.6 and K3: version 2.6 < 3 (releases.ts reads the number after "k").
		expect(newerFirst(kimi("kimi-k3"), kimi("kimi-k2.6"))).toBeLessThan(0);
		expect(newerFirst(kimi("mistral-large-3"), kimi("mistral-large-2"))).toBeLessThan(0);
	});

	it("an alias that is a checkpoint's repository sizes that checkpoint's precision", () => {
		let checked = 0;
		for (const m of catalog.models as Model[]) {
			for (const alias of m.aliases) {
				const named = m.variants.filter((v) => v.repo.toLowerCase() === alias.toLowerCase());
				if (named.length !== 1 || named[0]?.precision === m.nativePrecision) continue;
				expect(findModel(catalog, alias)?.precision, `${m.id}: ${alias}`).toBe(named[0]?.precision);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(3);
		// The release's own repository still means its native precision.
		expect(findModel(catalog, "google/gemma-4-31B-it")?.precision).toBeUndefined();
		expect(findModel(catalog, "nvidia/Gemma-4-31B-IT-NVFP4")?.precision).toBe("nvfp4");
	});

	it("every alias without a release number names the newest release of its family", () => {
		expect(report(bareAliasFindings())).toEqual([]);
		expect(findModel(catalog, "kimi")?.model.id).toBe("kimi-k3");
		expect(findModel(catalog, "mistral-large")?.model.id).toBe("mistral-large-3");
	});

	it("every GPU id, name and alias resolves to its GPU and names it", () => {
		expect(report(gpuFindings())).toEqual([]);
	});

	it("every system id, name and alias resolves to its system's GPUs and names it", () => {
		expect(report(systemFindings())).toEqual([]);
	});

	it("every model id, name and alias resolves to its model and names it (known wrong releases listed)", () => {
		const found = modelFindings();
		expect(report(found.filter((f) => !KNOWN_WRONG_MODEL_ALIASES.has(f.key)))).toEqual([]);
		// The list only shrinks: an alias fixed in the catalog must leave it too.
		const keys = new Set(found.map((f) => f.key));
		expect([...KNOWN_WRONG_MODEL_ALIASES].filter((k) => !keys.has(k))).toEqual([]);
	});
});
