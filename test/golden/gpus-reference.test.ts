// The GPU catalog against test/fixtures/reference/gpus.json (copied from the reference research) and the seed note.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoCatalog, repoGpu } from "../support/catalog.js";

interface RefGpu {
	id: string;
	compute_capability: string | null;
	nvidia_smi_mib: number | null;
	memory_gb: number;
	tdp_w: number;
}

const REFERENCE = new URL("../fixtures/reference/gpus.json", import.meta.url);
const ref = (JSON.parse(readFileSync(REFERENCE, "utf8")) as RefGpu[]).filter((g) => "id" in g);

describe("GPU catalog", () => {
	it("holds at least 40 GPUs including every card the seed note names", () => {
		const ids = repoCatalog().gpus.map((g) => g.id);
		expect(ids.length).toBeGreaterThanOrEqual(40);
		const seed = [
			"p40",
			"v100-16gb",
			"v100-32gb",
			"quadro-rtx-6000",
			"rtx-2080",
			"rtx-3090",
			"rtx-4090",
			"rtx-5090",
			"rtx-a6000",
			"rtx-6000-ada",
			"l40",
			"l40s",
			"a100-40gb-pcie",
			"a100-40gb-sxm",
			"a100-80gb-pcie",
			"a100-80gb-sxm",
			"a800-80gb",
			"h100-pcie",
			"h100-sxm",
			"h100-nvl",
			"h800",
			"h20",
			"h20-141gb",
			"h200-sxm",
			"h200-nvl",
			"b200",
			"gb200",
			"b300",
			"mi300x",
			"mi325x",
			"mi355x",
			"ascend-910b",
			"ascend-910c",
			"t4",
			"l4",
			"a10",
			"a10g",
			"gaudi2",
			"gaudi3",
		];
		for (const id of seed) expect(ids, id).toContain(id);
	});

	// The reference's single "a100-40gb" is split into PCIe and SXM entries here.
	const ids = (id: string) => (id === "a100-40gb" ? ["a100-40gb-pcie", "a100-40gb-sxm"] : [id]);
	it.each(ref.filter((g) => g.nvidia_smi_mib !== null).map((g) => [g.id, g] as const))(
		"%s: usable bytes are nvidia-smi's MiB",
		(id, r) => {
			for (const x of ids(id)) {
				expect(repoGpu(x).memory.usableBytes).toBe((r.nvidia_smi_mib as number) * 2 ** 20);
				expect(repoGpu(x).memory.usableBasis).toBe("measured");
			}
		},
	);

	it.each(ref.filter((g) => g.compute_capability?.match(/^\d/)).map((g) => [g.id, g] as const))(
		"%s: compute capability",
		(id, r) => {
			for (const x of ids(id)) expect(repoGpu(x).computeCapability).toBe(r.compute_capability);
		},
	);

	it("number formats follow the generations (groundtruth E11)", () => {
		for (const id of ["t4", "v100-16gb", "v100-32gb", "p40"]) expect(repoGpu(id).nativeFormats, id).not.toContain("bf16");
		for (const id of ["a100-80gb-sxm", "a800-80gb", "a10", "a10g", "ascend-910b", "mi250x"])
			expect(repoGpu(id).nativeFormats, id).not.toContain("fp8");
		for (const id of ["l4", "l40s", "rtx-4090", "h100-sxm", "h200-sxm", "h20", "b200", "mi300x", "gaudi2"]) {
			expect(repoGpu(id).nativeFormats, id).toContain("fp8");
		}
		for (const id of ["b200", "b300", "gb200", "rtx-5090", "rtx-pro-6000-blackwell"])
			expect(repoGpu(id).nativeFormats, id).toContain("nvfp4");
		expect(repoGpu("mi355x").nativeFormats).toContain("mxfp4");
		for (const id of ["h100-sxm", "h200-sxm", "a100-80gb-sxm", "mi300x"])
			expect(repoGpu(id).nativeFormats, id).not.toContain("nvfp4");
	});

	it("usable memory never exceeds the nominal figure by more than GB-vs-GiB rounding", () => {
		for (const g of repoCatalog().gpus) {
			expect(g.memory.usableBytes, g.id).toBeLessThanOrEqual(g.memory.nominalGB * 1.08 * 2 ** 30);
			expect(g.memory.usableBytes, g.id).toBeGreaterThan(g.memory.nominalGB * 0.85 * 1e9);
		}
	});

	it("the H20 comes in 96 GB and 141 GB versions, both with cut compute", () => {
		expect(repoGpu("h20").memory.nominalGB).toBe(96);
		expect(repoGpu("h20-141gb").memory.nominalGB).toBe(141);
		expect(repoGpu("h20").tflops.bf16 as number).toBeLessThan((repoGpu("h100-sxm").tflops.bf16 as number) / 5);
	});
});
