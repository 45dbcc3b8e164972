// `prices import skypilot`: SkyPilot's vms.csv (small samples shaped like the real aws, lambda and
// runpod files, quirks included) to per-GPU-hour catalog prices. Expected figures are worked out
// here from the sample rows.
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadCatalog } from "../../src/catalog/load.js";
import { importSkypilot } from "../../src/catalog/skypilot.js";
import type { Price } from "../../src/catalog/types.js";
import { repoCatalog } from "../support/catalog.js";
import { type TempCatalog, tempCatalog } from "./temp-catalog.js";

const gpuInfo = (name: string, count: number, mib: number, total = mib * count) =>
	`"{'Gpus': [{'Name': '${name}', 'Manufacturer': 'NVIDIA', 'Count': ${count}, 'MemoryInfo': {'SizeInMiB': ${mib}}}], 'TotalGpuMemoryInMiB': ${total}}"`;

// AWS: one row per availability zone, spot per zone, Arch column, an instance with no on-demand price.
const AWS = [
	"InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,AvailabilityZone,Arch",
	"m5.large,,,2.0,8.0,,0.096,0.0374,us-east-1,use1-az1,x86_64",
	`p5.48xlarge,H100,8.0,192.0,2048.0,${gpuInfo("H100", 8, 81920)},55.04,17.6289,us-east-1,use1-az6,x86_64`,
	`p5.48xlarge,H100,8.0,192.0,2048.0,${gpuInfo("H100", 8, 81920)},55.04,19.1234,us-east-1,use1-az2,x86_64`,
	`p5.48xlarge,H100,8.0,192.0,2048.0,${gpuInfo("H100", 8, 81920)},68.8,25.0,ap-northeast-1,apne1-az1,x86_64`,
	`p4d.24xlarge,A100,8.0,96.0,1152.0,${gpuInfo("A100", 8, 40960)},21.96,,us-east-1,use1-az1,x86_64`,
	`p5e.48xlarge,H200,8.0,192.0,2048.0,${gpuInfo("H200", 8, 144384)},,18.7359,us-east-2,use2-az1,x86_64`,
	`g6.xlarge,L4,1.0,4.0,16.0,${gpuInfo("L4", 1, 22888)},0.8048,0.8048,us-east-1,use1-az1,x86_64`,
	`dl1.24xlarge,Gaudi-HL-205,8.0,96.0,768.0,${gpuInfo("Gaudi HL-205", 8, 32768)},13.11,3.9,us-east-1,use1-az1,x86_64`,
].join("\n");

// Lambda: every row copied to each region, no spot, TotalGpuMemoryInMiB = one GPU's memory.
const LAMBDA = [
	"InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Price,Region,GpuInfo,SpotPrice",
	...["us-east-1", "us-west-1", "europe-central-1"].map(
		(region) => `gpu_8x_v100,V100,8.0,92.0,448.0,6.32,${region},${gpuInfo("V100", 8, 16384, 16384)},`,
	),
	`gpu_1x_h100_sxm5,H100,1.0,26.0,225.0,3.29,us-east-1,${gpuInfo("H100", 1, 81920)},`,
].join("\n");

// RunPod: GB written in the MiB fields, SpotPrice copied from Price, a fractional GPU.
const RUNPOD = [
	"InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Region,SpotPrice,Price,AvailabilityZone,GpuInfo",
	`1x_A100-80GB_SECURE,A100-80GB,1.0,8.0,117.0,CA,1.59,1.59,CA-MTL-1,"{'Gpus': [{'Name': 'A100 PCIe', 'Count': 1, 'MemoryInfo': {'SizeInMiB': 80}}], 'TotalGpuMemoryInMiB': 80}"`,
	`1x_RTX4090_SECURE,RTX4090,1.0,16.0,62.0,CA,0.59,0.74,CA-MTL-1,"{'Gpus': [{'Name': 'RTX 4090', 'Count': 1}], 'TotalGpuMemoryInMiB': 24}"`,
	`half_A100,A100-80GB,0.5,4.0,58.0,CA,0.8,0.9,CA-MTL-1,"{'TotalGpuMemoryInMiB': 40}"`,
].join("\n");

const options = (provider: string) => ({
	provider,
	asOf: "2026-01-02",
	source: `skypilot-org/skypilot-catalog catalogs/v8/${provider}/vms.csv`,
});
const r4 = (v: number) => Number(v.toFixed(4));
const find = (prices: Price[], gpu: string, kind: Price["kind"]) => prices.filter((p) => p.gpu === gpu && p.kind === kind);

describe("SkyPilot import", () => {
	it("AWS: per GPU-hour, lowest zone for spot, cheapest region, names mapped through aliases and memory", () => {
		const result = importSkypilot(repoCatalog(), AWS, options("aws"));
		const { prices } = result;
		expect(find(prices, "h100-sxm", "on-demand")).toMatchObject([{ usd: r4(55.04 / 8), region: "us-east-1" }]);
		expect(find(prices, "h100-sxm", "spot")).toMatchObject([{ usd: r4(17.6289 / 8), region: "us-east-1" }]);
		expect(find(prices, "h100-sxm", "on-demand")[0]!.note).toMatch(/cheapest of 2 regions/);
		// SkyPilot's "A100" is the 40 GB card (p4d): the memory picks it, not the "A100" alias (80 GB).
		expect(find(prices, "a100-40gb-sxm", "on-demand")).toMatchObject([
			{ usd: r4(21.96 / 8), instance: "p4d.24xlarge (8x A100)" },
		]);
		expect(find(prices, "a100-40gb-sxm", "spot")).toHaveLength(0);
		// No on-demand price (capacity blocks only): the spot offer alone.
		expect(find(prices, "h200-sxm", "on-demand")).toHaveLength(0);
		expect(find(prices, "h200-sxm", "spot")).toMatchObject([{ usd: r4(18.7359 / 8), region: "us-east-2" }]);
		// Spot equal to on-demand is a copy, not a spot market.
		expect(find(prices, "l4", "on-demand")).toMatchObject([{ usd: 0.8048 }]);
		expect(find(prices, "l4", "spot")).toHaveLength(0);
		expect(prices).toHaveLength(5);
		expect(result.unmapped).toEqual({ "Gaudi-HL-205 (32 GiB)": 1 });
		expect(result.skipped["no GPU (CPU instance)"]).toBe(1);
		for (const p of prices) expect(p).toMatchObject({ provider: "aws", asOf: "2026-01-02", source: options("aws").source });
	});

	it("Lambda: rows copied across regions become one offer; the V100 is told apart by memory", () => {
		const { prices } = importSkypilot(repoCatalog(), LAMBDA, options("lambda"));
		expect(prices.map((p) => [p.gpu, p.kind, p.usd])).toEqual([
			["h100-sxm", "on-demand", 3.29],
			["v100-16gb", "on-demand", r4(6.32 / 8)],
		]);
		expect(prices[1]!.note).toMatch(/cheapest of 3 regions/);
		const all = importSkypilot(repoCatalog(), LAMBDA, { ...options("lambda"), allRegions: true }).prices;
		expect(
			all
				.filter((p) => p.gpu === "v100-16gb")
				.map((p) => p.region)
				.sort(),
		).toEqual(["europe-central-1", "us-east-1", "us-west-1"]);
	});

	it("RunPod: GB in the MiB field, spot copied from on-demand, fractional GPUs left out", () => {
		const result = importSkypilot(repoCatalog(), RUNPOD, options("runpod"));
		expect(result.prices.map((p) => [p.gpu, p.kind, p.usd])).toEqual([
			["a100-80gb-sxm", "on-demand", 1.59],
			["rtx-4090", "on-demand", 0.74],
			["rtx-4090", "spot", 0.59],
		]);
		expect(result.skipped).toMatchObject({
			"spot price copied from on-demand": 1,
			"no whole GPU (fractional or missing AcceleratorCount)": 1,
		});
	});

	it("refuses a file without SkyPilot's columns", () => {
		expect(() => importSkypilot(repoCatalog(), "a,b\n1,2\n", options("aws"))).toThrow(/no column InstanceType/);
	});
});

describe("gpufit prices import skypilot", () => {
	let t: TempCatalog | null = null;
	afterEach(() => {
		t?.cleanup();
		t = null;
	});

	it("writes YAML that the catalog accepts", async () => {
		t = tempCatalog();
		const csv = join(t.root, "vms.csv");
		writeFileSync(csv, AWS);
		const out = join(t.dir, "prices", "imported-aws.yaml");
		const bin = new URL("../../bin/gpufit.js", import.meta.url).pathname;
		const { stderr } = await promisify(execFile)(process.execPath, [
			bin,
			"prices",
			"import",
			"skypilot",
			csv,
			"--provider",
			"aws",
			"--as-of",
			"2026-01-02",
			"--out",
			out,
		]);
		expect(stderr).toMatch(/8 rows → 5 aws prices/);
		expect(stderr).toMatch(/Gaudi-HL-205/);
		const written = parse(readFileSync(out, "utf8")) as Price[];
		expect(written).toHaveLength(5);
		const loaded = loadCatalog(t.dir);
		expect(loaded.ok).toBe(true);
	});
});
