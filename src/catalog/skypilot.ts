// Turns SkyPilot's public catalog CSVs (skypilot-org/skypilot-catalog catalogs/v8/<cloud>/vms.csv)
// into catalog price entries, per GPU-hour, so a scheduled job can refresh prices and commit them.
// The files' quirks, each seen in the real data:
// - Price and SpotPrice are for the whole instance: divided by AcceleratorCount here.
// - AcceleratorName is SkyPilot's ("H100", "A100-80GB"); "A100" is the 40 GB card and "V100" may be
//   16 GB, so the GPU memory in GpuInfo picks the catalog GPU when the alias alone would be wrong.
// - GpuInfo memory is MiB, except RunPod writes GB in the MiB field, and Lambda's total is one GPU's.
// - AWS repeats each instance per availability zone (spot differs per zone: the lowest is kept);
//   Lambda and RunPod copy each row to every region: one entry per offer, the cheapest region,
//   unless every region is asked for.
// - Empty prices (AWS capacity-block instances have no on-demand price), spot equal to on-demand
//   (a copy, not a spot market) and spot above on-demand are left out.
import { csvRecords } from "./csv.js";
import { normalizeName } from "./names.js";
import { type Price, priceSchema } from "./schema.js";
import type { Catalog, Gpu } from "./types.js";

export interface SkypilotImportOptions {
	provider: string;
	/** YYYY-MM-DD: the CSV has no date column, so the importer records when it read the file. */
	asOf: string;
	source: string;
	/** One entry per region instead of the cheapest region per offer. */
	allRegions?: boolean;
}

export interface SkypilotImport {
	prices: Price[];
	rows: number;
	/** Rows left out, by reason. */
	skipped: Record<string, number>;
	/** Accelerator names (with the memory read) that match no catalog GPU, with their row counts. */
	unmapped: Record<string, number>;
}

const REQUIRED = ["InstanceType", "AcceleratorName", "AcceleratorCount", "Price", "Region"];

/** SkyPilot names with no alias in the catalog: GCP's a3-megagpu is an H100 SXM. */
const SKYPILOT_NAMES: Record<string, string> = { "H100-MEGA": "H100" };

/** Reported memory within this share of the catalog's nominal figure counts as the same card. */
const MEMORY_TOLERANCE = 0.12;

function memoryCandidatesGiB(gpuInfo: string, count: number): number[] {
	const read = (name: string) => {
		const m = gpuInfo.match(new RegExp(`'${name}':\\s*([\\d.]+)`));
		return m ? Number(m[1]) : null;
	};
	// Values under 1024 cannot be MiB of a GPU: they are GB written in a MiB field (RunPod).
	const gib = (v: number) => (v < 1024 ? v : v / 1024);
	const size = read("SizeInMiB");
	if (size) return [gib(size)];
	const total = read("TotalGpuMemoryInMiB");
	// The total should cover every GPU, but Lambda's is one GPU's: both readings are tried.
	return total ? [gib(total) / count, gib(total)] : [];
}

const memoryMatches = (gpu: Gpu, candidates: number[]) =>
	candidates.some((c) => Math.abs(c - gpu.memory.nominalGB) / gpu.memory.nominalGB <= MEMORY_TOLERANCE);

const namesOf = (g: Gpu) => [g.id, g.name, ...g.aliases].map(normalizeName);

/** The catalog GPU an accelerator row means, by alias, checked (and if need be chosen) by memory. */
export function resolveAccelerator(catalog: Catalog, name: string, gpuInfo: string, count: number): Gpu | null {
	const key = normalizeName(SKYPILOT_NAMES[name] ?? name);
	const named = catalog.index.gpus.byKey.get(key) ?? null;
	const memory = memoryCandidatesGiB(gpuInfo, count);
	if (memory.length === 0 || (named && memoryMatches(named, memory))) return named;
	const family = catalog.gpus.filter((g) => namesOf(g).some((n) => n.startsWith(key)) && memoryMatches(g, memory));
	return family.find((g) => g.formFactor === named?.formFactor) ?? family[0] ?? null;
}

function price(raw: string | undefined): number | null {
	if (!raw) return null;
	const v = Number(raw);
	return Number.isFinite(v) && v > 0 ? v : null;
}

interface Row {
	gpu: string;
	kind: "on-demand" | "spot";
	instance: string;
	count: number;
	instanceUsd: number;
	region: string;
	zone: string;
	gpuOnly: boolean;
}

const perGpu = (r: Row) => r.instanceUsd / r.count;
const round = (v: number, digits: number) => Number(v.toFixed(digits));

function cheapest(rows: Row[]): Row {
	return rows.reduce((best, r) => (perGpu(r) < perGpu(best) ? r : best));
}

function groupBy<T>(items: T[], key: (t: T) => string): T[][] {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const k = key(item);
		groups.set(k, [...(groups.get(k) ?? []), item]);
	}
	return [...groups.values()];
}

function entry(options: SkypilotImportOptions, zones: Row[], regions: Row[][]): Price {
	const best = cheapest(zones);
	const notes = [
		best.gpuOnly
			? `${round(best.instanceUsd, 4)} USD per hour for ${best.count} GPU(s) alone; the host VM is billed separately`
			: `${round(best.instanceUsd, 4)} USD per instance-hour / ${best.count} GPUs`,
	];
	if (best.kind === "spot" && zones.length > 1) notes.push(`lowest of ${zones.length} zones (${best.zone})`);
	if (regions.length > 1) {
		const dearest = Math.max(...regions.map((r) => perGpu(cheapest(r))));
		notes.push(`cheapest of ${regions.length} regions (up to ${round(dearest, 4)} per GPU-hour)`);
	}
	return priceSchema.parse({
		gpu: best.gpu,
		provider: options.provider,
		kind: best.kind,
		usd: round(perGpu(best), 4),
		region: best.region,
		instance: best.instance,
		note: `${notes.join("; ")}.`,
		source: options.source,
		asOf: options.asOf,
	});
}

export function importSkypilot(catalog: Catalog, csv: string, options: SkypilotImportOptions): SkypilotImport {
	const { header, records } = csvRecords(csv);
	const missing = REQUIRED.filter((c) => !header.includes(c));
	if (missing.length) throw new Error(`not a SkyPilot vms.csv: no column ${missing.join(", ")} (has ${header.join(", ")})`);
	const skipped: Record<string, number> = {};
	const unmapped: Record<string, number> = {};
	const skip = (reason: string) => {
		skipped[reason] = (skipped[reason] ?? 0) + 1;
	};
	const rows: Row[] = [];
	for (const r of records) {
		const name = r.AcceleratorName ?? "";
		const count = Number(r.AcceleratorCount);
		if (!name) {
			skip("no GPU (CPU instance)");
			continue;
		}
		if (!(count >= 1) || !Number.isInteger(count)) {
			skip("no whole GPU (fractional or missing AcceleratorCount)");
			continue;
		}
		const gpuInfo = r.GpuInfo ?? "";
		const gpu = resolveAccelerator(catalog, name, gpuInfo, count);
		if (!gpu) {
			const memory = memoryCandidatesGiB(gpuInfo, count)[0];
			const label = memory ? `${name} (${round(memory, 1)} GiB)` : name;
			unmapped[label] = (unmapped[label] ?? 0) + 1;
			continue;
		}
		const onDemand = price(r.Price);
		let spot = price(r.SpotPrice);
		if (spot !== null && onDemand !== null && spot >= onDemand) {
			skip(spot === onDemand ? "spot price copied from on-demand" : "spot price above on-demand");
			spot = null;
		}
		if (onDemand === null && spot === null) {
			skip("no price");
			continue;
		}
		const gpuOnly = !r.InstanceType;
		const base = {
			gpu: gpu.id,
			count,
			instance: `${r.InstanceType || "GPU only"} (${count}x ${name})`,
			region: r.Region || "global",
			zone: r.AvailabilityZone ?? "",
			gpuOnly,
		};
		if (onDemand !== null) rows.push({ ...base, kind: "on-demand", instanceUsd: onDemand });
		if (spot !== null) rows.push({ ...base, kind: "spot", instanceUsd: spot });
	}
	const prices: Price[] = [];
	for (const offer of groupBy(rows, (r) => [r.gpu, r.instance, r.kind].join("|"))) {
		const regions = groupBy(offer, (r) => r.region);
		if (options.allRegions) for (const zones of regions) prices.push(entry(options, zones, [zones]));
		else {
			const best = regions.reduce((a, b) => (perGpu(cheapest(b)) < perGpu(cheapest(a)) ? b : a));
			prices.push(entry(options, best, regions));
		}
	}
	const order = (p: Price) => [p.gpu, p.instance ?? "", p.kind, p.region].join("|");
	prices.sort((a, b) => order(a).localeCompare(order(b)));
	return { prices, rows: records.length, skipped, unmapped };
}
