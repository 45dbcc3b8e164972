// The GPUs issue 12 asks for, in the real catalog: each answers by the name people type, through
// `fit` (runFit, as the CLI and chat do), and its usable memory and bandwidth are the figures of the
// sources copied in test/fixtures/gpus/sources-2026.json (each with its quote and where it is from).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runFit } from "../../commands/fit.js";
import { repoCatalog } from "../support/catalog.js";

interface SourceFigure {
	id: string;
	typed: string;
	usable: {
		value: number;
		unit: "MiB" | "KiB" | "GiB" | "MB" | "GB";
		basis: "measured" | "estimated";
		quote: string;
		source: string;
	};
	bandwidthGBps: number;
	bandwidthQuote: string;
	bandwidthSource: string;
}

const FIXTURE = new URL("../fixtures/gpus/sources-2026.json", import.meta.url);
const sources = JSON.parse(readFileSync(FIXTURE, "utf8")) as SourceFigure[];
const catalog = repoCatalog();

/** Bytes of a figure in the unit its tool printed it in. */
const UNIT_BYTES = { KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, MB: 1e6, GB: 1e9 } as const;

const gpu = (id: string) => {
	const g = catalog.gpus.find((x) => x.id === id);
	if (!g) throw new Error(`no GPU ${id} in the catalog`);
	return g;
};

describe("GPUs of 2026 (issue 12)", () => {
	it("covers every GPU the issue names", () => {
		const ids = sources.map((s) => s.id);
		for (const id of [
			"gb10",
			"rtx-pro-5000-blackwell",
			"rtx-pro-6000-blackwell",
			"rtx-5080",
			"rtx-5070-ti",
			"rtx-5060-ti-16gb",
			"l20",
			"mi350x",
			"mi355x",
			"arc-pro-b60",
			"arc-pro-b70",
			"ascend-950pr",
			"ascend-910b4",
			"m3-ultra-512gb",
			"m3-ultra-256gb",
			"m4-max-128gb",
			"m5-max-128gb",
			"ryzen-ai-max-395",
		]) {
			expect(ids, id).toContain(id);
			expect(gpu(id).source.length, id).toBeGreaterThan(20);
			expect(gpu(id).asOf, id).toMatch(/^20\d\d-\d\d-\d\d$/);
		}
	});

	it.each(sources.map((s) => [s.typed, s] as const))("fit answers for %s by name", (typed, s) => {
		const result = runFit(catalog, `llama-3.1-8b q4_k_m on 1x ${typed}`);
		expect(result.exitCode, JSON.stringify(result.json)).toBe(0);
		// biome-ignore lint/suspicious/noExplicitAny: the contract's JSON, read field by field
		const json = result.json as any;
		expect(json.ok).toBe(true);
		expect(json.hardware.gpu).toBe(s.id);
		expect(["fits", "tight", "no-fit"]).toContain(json.verdict);
	});

	it.each(sources.map((s) => [s.id, s] as const))("%s: usable bytes are the source's figure", (id, s) => {
		const g = gpu(id);
		const expected = s.usable.value * UNIT_BYTES[s.usable.unit];
		// Printed figures are rounded (498216.21 MB, 107.52 GiB): equal to the last printed digit.
		const printedStep = (s.usable.unit === "MB" || s.usable.unit === "GiB" ? 0.01 : 1) * UNIT_BYTES[s.usable.unit];
		expect(Math.abs(g.memory.usableBytes - expected), `${s.usable.quote} (${s.usable.source})`).toBeLessThanOrEqual(printedStep);
		expect(g.memory.usableBasis, id).toBe(s.usable.basis);
		expect(runFit(catalog, `llama-3.1-8b on 1x ${s.typed}`).json).toMatchObject({
			hardware: { usableBytesPerGpu: g.memory.usableBytes },
		});
	});

	it.each(sources.map((s) => [s.id, s] as const))("%s: bandwidth is the source's figure", (id, s) => {
		expect(gpu(id).bandwidthTBps * 1000, `${s.bandwidthQuote} (${s.bandwidthSource})`).toBeCloseTo(s.bandwidthGBps, 0);
	});

	it("a few figures written out: nvidia-smi MiB, Metal's MB, PyTorch's GiB", () => {
		// nvidia-smi 'NVIDIA GeForce RTX 5080 ... 16303MiB' (library index id 60637830712).
		expect(gpu("rtx-5080").memory.usableBytes).toBe(16303 * 1048576);
		// nvidia-smi 'NVIDIA L20 ... 46068MiB' with ECC on (library index id 52722972152).
		expect(gpu("l20").memory.usableBytes).toBe(46068 * 1048576);
		// llama.cpp on a Mac Studio M3 Ultra: 'recommendedMaxWorkingSetSize = 498216.21 MB' = 464 GiB.
		expect(gpu("m3-ultra-512gb").memory.usableBytes).toBe(464 * 2 ** 30);
		// PyTorch on a DGX Spark: 'GPU 0 has a total capacity of 119.70 GiB'.
		expect(gpu("gb10").memory.usableBytes).toBe(Math.round(119.7 * 2 ** 30));
		// Ascend device plugin: Ascend910B4 whole card 32768 MiB (32 GB, against 65536 for 910B2/B3).
		expect(gpu("ascend-910b4").memory.usableBytes).toBe(32768 * 1048576);
	});
});
