// Turns SkyPilot's public catalog CSVs (skypilot-org/skypilot-catalog catalogs/v8/<cloud>/vms.csv) into
// per-GPU-hour prices: catalog price entries (`prices import skypilot`) and the observed offers the scheduled
// price feed stores (src/schedule/price-fetch.ts). Every row is checked on the way in; the files' traps, each
// seen in the real data (research notes on prices, §0.4 and §4.5):
// - Price and SpotPrice are for the whole instance: divided by AcceleratorCount here.
// - AcceleratorCount can be wrong: Azure's Standard_ND96isr_H100_v5 says 12 for an 8-GPU VM. A count the
//   instance name contradicts (gpu_8x_, 8x_, -8g, or a known Azure size) is corrected from the name; a count
//   no instance holds (over 8, other than 10 and 16) without such a name is refused.
// - AcceleratorName is SkyPilot's ("H100", "A100-80GB"); "A100" is the 40 GB card and "V100" may be 16 GB, so
//   the GPU memory in GpuInfo picks the catalog GPU when the alias alone would be wrong. Azure names the
//   H100 NVL VMs "H100": their size names them.
// - GpuInfo memory is MiB, except RunPod writes GB in the MiB field, Lambda's total is one GPU's, and Vast
//   writes the total of all GPUs where one GPU's belongs: each reading is tried.
// - AWS and GCP repeat each instance per availability zone (spot differs per zone: the lowest is kept);
//   Lambda and RunPod copy each row to every region or datacenter whatever the stock (a price row never
//   says an offer is available).
// - Empty prices (AWS capacity-block instances have no on-demand price), spot equal to on-demand (a copy,
//   not a spot market) and spot above on-demand (GCP) are left out.
// - A per-GPU price far outside what the catalog's own prices for that GPU say (a fifth to five times their
//   median; spot down to a twentieth) is refused: a wrong count or unit, not a price.
// - A file cut short (a last row with missing columns, an unclosed quote) or without SkyPilot's columns
//   is refused as a whole (SkypilotFileError): a partial file would read as withdrawn offers.
import { normalizeName } from "./names.js";
import { type Price, priceSchema } from "./schema.js";
import type { Catalog, Gpu } from "./types.js";

interface SkypilotImportOptions {
	provider: string;
	/** YYYY-MM-DD: the CSV has no date column, so the importer records when it read the file. */
	asOf: string;
	source: string;
	/** One entry per region instead of the cheapest region per offer. */
	allRegions?: boolean;
}

interface SkypilotImport {
	prices: Price[];
	rows: number;
	/** Rows left out, by reason. */
	skipped: Record<string, number>;
	/** Accelerator names (with the memory read) that match no catalog GPU, with their row counts. */
	unmapped: Record<string, number>;
	/** Rows kept after a correction, by reason. */
	corrected: Record<string, number>;
}

/** A file that cannot be read as a whole: not a SkyPilot vms.csv, or cut short. */
export class SkypilotFileError extends Error {
	constructor(message: string) {
		super(message);
		this.name = "SkypilotFileError";
	}
}

/** One checked GPU row: one instance in one zone, prices for the whole instance. */
interface SkypilotRow {
	/** Catalog GPU id. */
	gpu: string;
	/** SkyPilot's accelerator name, as written. */
	accelerator: string;
	/** InstanceType; empty for GCP's GPU-only rows (the host VM is billed apart). */
	instance: string;
	count: number;
	region: string;
	zone: string;
	/** USD per hour for the whole instance; null where the file has none (or it failed a check). */
	onDemand: number | null;
	spot: number | null;
}

export interface SkypilotReading {
	rows: SkypilotRow[];
	/** Data rows in the file. */
	rowsRead: number;
	skipped: Record<string, number>;
	unmapped: Record<string, number>;
	corrected: Record<string, number>;
}

const REQUIRED = ["InstanceType", "AcceleratorName", "AcceleratorCount", "Price", "Region"];

/**
 * SkyPilot's names where the catalog's alias means another card: GCP's a3-megagpu is an H100 SXM, and to
 * SkyPilot "A100" is the 40 GB card and "V100" the 16 GB one (the 80 GB and 32 GB ones are A100-80GB and
 * V100-32GB). Rows that carry the memory are checked against it either way.
 */
const SKYPILOT_NAMES: Record<string, string> = { "H100-MEGA": "H100", A100: "A100-40G", V100: "V100-16G" };

/**
 * Azure sizes whose row is wrong: the GPUs they hold (vendor documentation of the ND/NC v4-v5 sizes). The
 * catalog names the NC H100 v5 sizes' H100 NVL "H100" and gives ND96isr_H100_v5 12 GPUs.
 */
const AZURE_SIZES: Record<string, { count: number; accelerator?: string }> = {
	Standard_ND96isr_H100_v5: { count: 8 },
	Standard_ND96isr_H200_v5: { count: 8 },
	Standard_ND96isr_MI300X_v5: { count: 8 },
	Standard_ND96amsr_A100_v4: { count: 8 },
	Standard_ND96asr_v4: { count: 8 },
	Standard_ND40rs_v2: { count: 8 },
	Standard_NC40ads_H100_v5: { count: 1, accelerator: "H100-NVL" },
	Standard_NC80adis_H100_v5: { count: 2, accelerator: "H100-NVL" },
};

/** Counts an instance holds; anything else needs its name to vouch for it. */
const PLAUSIBLE_COUNTS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 10, 16]);

/** Reported memory within this share of the catalog's nominal figure counts as the same card. */
const MEMORY_TOLERANCE = 0.12;

/** A per-GPU price outside [median / LOW, median x HIGH] of the catalog's prices for the GPU is refused. */
const BAND = { high: 5, lowOnDemand: 5, lowSpot: 20 };

/** The GPU count an instance name states: Lambda gpu_8x_..., RunPod and Vast 8x_... / 8x-..., GCP ...-8g. */
function countFromName(instance: string): number | null {
	const known = AZURE_SIZES[instance];
	if (known) return known.count;
	const m = instance.match(/^gpu_(\d+)x_/) ?? instance.match(/^(\d+)x[_-]/) ?? instance.match(/-(\d+)g(?:-|$)/);
	return m ? Number(m[1]) : null;
}

function memoryCandidatesGiB(gpuInfo: string, count: number): number[] {
	const read = (name: string) => {
		const m = gpuInfo.match(new RegExp(`'${name}':\\s*([\\d.]+)`));
		return m ? Number(m[1]) : null;
	};
	// Values under 1024 cannot be MiB of a GPU: they are GB written in a MiB field (RunPod).
	const gib = (v: number) => (v < 1024 ? v : v / 1024);
	const size = read("SizeInMiB");
	// One GPU's size, except where it is all of them together (Vast): both readings are tried.
	if (size) return count > 1 ? [gib(size), gib(size) / count] : [gib(size)];
	const total = read("TotalGpuMemoryInMiB");
	// The total should cover every GPU, but Lambda's is one GPU's: both readings are tried.
	return total ? [gib(total) / count, gib(total)] : [];
}

const memoryMatches = (gpu: Gpu, candidates: number[]) =>
	candidates.some((c) => Math.abs(c - gpu.memory.nominalGB) / gpu.memory.nominalGB <= MEMORY_TOLERANCE);

const namesOf = (g: Gpu) => [g.id, g.name, ...g.aliases].map(normalizeName);

/** The catalog GPU an accelerator row means, by alias, checked (and if need be chosen) by memory. */
function resolveAccelerator(catalog: Catalog, name: string, gpuInfo: string, count: number): Gpu | null {
	const key = normalizeName(name);
	const named = catalog.index.gpus.byKey.get(normalizeName(SKYPILOT_NAMES[name] ?? name)) ?? null;
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

function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The median on-demand price per GPU-hour of each GPU among the catalog's own prices. */
function catalogMedians(catalog: Catalog): Map<string, number> {
	const byGpu = new Map<string, number[]>();
	for (const p of catalog.prices) {
		if (p.kind !== "on-demand") continue;
		byGpu.set(p.gpu, [...(byGpu.get(p.gpu) ?? []), p.usd]);
	}
	const out = new Map<string, number>();
	for (const [gpu, values] of byGpu) {
		const m = median(values);
		if (m !== null) out.set(gpu, m);
	}
	return out;
}

/**
 * The rows of a CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks), one array of cells at a
 * time, scanned with indexOf and slices: SkyPilot's aws/vms.csv is megabytes, read while the bot answers.
 * A quoted field never closed (the file ended inside it) is a file cut short.
 */
function* csvRows(text: string): Generator<string[]> {
	const n = text.length;
	let i = 0;
	while (i < n) {
		const row: string[] = [];
		for (;;) {
			if (text.charCodeAt(i) === 34) {
				let cell = "";
				let from = i + 1;
				for (;;) {
					const q = text.indexOf('"', from);
					if (q < 0) throw new SkypilotFileError("cut short: the file ends inside a quoted field");
					if (text.charCodeAt(q + 1) === 34) {
						cell += text.slice(from, q + 1);
						from = q + 2;
						continue;
					}
					cell += text.slice(from, q);
					i = q + 1;
					break;
				}
				row.push(cell);
			} else {
				let k = i;
				while (k < n) {
					const c = text.charCodeAt(k);
					if (c === 44 || c === 10 || c === 13) break;
					k++;
				}
				row.push(text.slice(i, k));
				i = k;
			}
			const c = text.charCodeAt(i);
			if (c === 44) {
				i++;
				if (i === n) row.push("");
				else continue;
			}
			if (c === 13) i++;
			if (text.charCodeAt(i) === 10) i++;
			break;
		}
		if (row.length > 1 || row[0] !== "") yield row;
	}
}

/** Reads a vms.csv row by row: checks the header, then each row (what readSkypilotCsv returns, built as it goes). */
class SkypilotReader {
	readonly reading: SkypilotReading = { rows: [], rowsRead: 0, skipped: {}, unmapped: {}, corrected: {} };
	readonly #rows: Generator<string[]>;
	readonly #header: string[];
	readonly #col: Record<string, number>;
	readonly #medians: Map<string, number>;
	/** Rows repeat the same accelerator text (one per zone, region, datacenter): resolved once. */
	readonly #resolved = new Map<string, Gpu | null>();

	constructor(
		private readonly catalog: Catalog,
		csv: string,
	) {
		this.#rows = csvRows(csv);
		const first = this.#rows.next();
		this.#header = first.done ? [] : first.value.map((h) => h.trim());
		const missing = REQUIRED.filter((c) => !this.#header.includes(c));
		if (missing.length)
			throw new SkypilotFileError(`not a SkyPilot vms.csv: no column ${missing.join(", ")} (has ${this.#header.join(", ")})`);
		this.#col = Object.fromEntries(this.#header.map((h, i) => [h, i]));
		this.#medians = catalogMedians(catalog);
	}

	/** Counts a row left out or corrected, by reason; false: the row is not kept (for `return` in #row). */
	#count(to: Record<string, number>, reason: string): false {
		to[reason] = (to[reason] ?? 0) + 1;
		return false;
	}

	/** Reads up to `max` rows; false once the file is done. */
	step(max: number): boolean {
		for (let done = 0; done < max; done++) {
			const next = this.#rows.next();
			if (next.done) return false;
			const cells = next.value;
			if (cells.length !== this.#header.length) {
				// A short row is a file cut short when it is the last one; a malformed file otherwise.
				const last = this.#rows.next().done === true;
				const where = last ? "the last row" : `row ${this.reading.rowsRead + 2}`;
				throw new SkypilotFileError(`cut short or malformed: ${where} has ${cells.length} of ${this.#header.length} columns`);
			}
			this.reading.rowsRead++;
			this.#row(cells);
		}
		return true;
	}

	#cell(cells: string[], column: string): string {
		const i = this.#col[column];
		return i === undefined ? "" : (cells[i] ?? "").trim();
	}

	/** Checks one row; true when it is kept. */
	#row(cells: string[]): boolean {
		const { skipped, unmapped, corrected } = this.reading;
		const instance = this.#cell(cells, "InstanceType");
		let name = this.#cell(cells, "AcceleratorName");
		let count = Number(this.#cell(cells, "AcceleratorCount"));
		if (!name) return this.#count(skipped, "no GPU (CPU instance)");
		if (!(count >= 1) || !Number.isInteger(count))
			return this.#count(skipped, "no whole GPU (fractional or missing AcceleratorCount)");
		const size = AZURE_SIZES[instance];
		if (size?.accelerator && normalizeName(name) !== normalizeName(size.accelerator)) {
			name = size.accelerator;
			this.#count(corrected, "GPU named by the instance size");
		}
		const named = countFromName(instance);
		if (named !== null && named !== count) {
			count = named;
			this.#count(corrected, "AcceleratorCount corrected from the instance name");
		} else if (named === null && !PLAUSIBLE_COUNTS.has(count)) return this.#count(skipped, "implausible AcceleratorCount");
		const gpuInfo = this.#cell(cells, "GpuInfo");
		const key = `${name}\u0000${count}\u0000${gpuInfo}`;
		let gpu = this.#resolved.get(key);
		if (gpu === undefined) {
			gpu = resolveAccelerator(this.catalog, name, gpuInfo, count);
			this.#resolved.set(key, gpu);
		}
		if (!gpu) {
			const memory = memoryCandidatesGiB(gpuInfo, count)[0];
			return this.#count(unmapped, memory ? `${name} (${Number(memory.toFixed(1))} GiB)` : name);
		}
		let onDemand = price(this.#cell(cells, "Price"));
		let spot = price(this.#cell(cells, "SpotPrice"));
		if (spot !== null && onDemand !== null && spot >= onDemand) {
			this.#count(skipped, spot === onDemand ? "spot price copied from on-demand" : "spot price above on-demand");
			spot = null;
		}
		const m = this.#medians.get(gpu.id);
		if (m !== undefined) {
			if (onDemand !== null && (onDemand / count > m * BAND.high || onDemand / count < m / BAND.lowOnDemand)) {
				this.#count(skipped, "on-demand price per GPU implausible for the GPU");
				onDemand = null;
			}
			if (spot !== null && (spot / count > m * BAND.high || spot / count < m / BAND.lowSpot)) {
				this.#count(skipped, "spot price per GPU implausible for the GPU");
				spot = null;
			}
		}
		if (onDemand === null && spot === null) return this.#count(skipped, "no price");
		this.reading.rows.push({
			gpu: gpu.id,
			accelerator: name,
			instance,
			count,
			region: this.#cell(cells, "Region") || "global",
			zone: this.#cell(cells, "AvailabilityZone"),
			onDemand,
			spot,
		});
		return true;
	}
}

/** Reads and checks every row of a vms.csv; throws SkypilotFileError when the file cannot be read as a whole. */
function readSkypilotCsv(catalog: Catalog, csv: string): SkypilotReading {
	const reader = new SkypilotReader(catalog, csv);
	while (reader.step(Number.POSITIVE_INFINITY)) {}
	return reader.reading;
}

/** readSkypilotCsv, handing the event loop back every `rowsPerTurn` rows: a server keeps answering meanwhile. */
export async function readSkypilotCsvAsync(catalog: Catalog, csv: string, rowsPerTurn = 2000): Promise<SkypilotReading> {
	const reader = new SkypilotReader(catalog, csv);
	while (reader.step(rowsPerTurn)) await new Promise((resolve) => setImmediate(resolve));
	return reader.reading;
}

/** One offer as the price feed stores it: an instance in a region, per GPU-hour (the lowest zone's). */
export interface SkypilotOffer {
	gpu: string;
	accelerator: string;
	/** InstanceType; empty for a GPU-only row. */
	instance: string;
	count: number;
	region: string;
	onDemandUsd: number | null;
	spotUsd: number | null;
}

const round = (v: number, digits: number) => Number(v.toFixed(digits));

/** The offers of a reading: one per GPU, instance, count and region, per GPU-hour, the lowest zone's prices. */
export function skypilotOffers(reading: SkypilotReading): SkypilotOffer[] {
	const byOffer = new Map<string, SkypilotOffer>();
	const lowest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
	for (const r of reading.rows) {
		const key = [r.gpu, r.instance, r.count, r.region].join("|");
		const perGpu = (v: number | null) => (v === null ? null : round(v / r.count, 4));
		const prior = byOffer.get(key);
		byOffer.set(key, {
			gpu: r.gpu,
			accelerator: r.accelerator,
			instance: r.instance,
			count: r.count,
			region: r.region,
			onDemandUsd: lowest(prior?.onDemandUsd ?? null, perGpu(r.onDemand)),
			spotUsd: lowest(prior?.spotUsd ?? null, perGpu(r.spot)),
		});
	}
	// A zone's spot at or above another zone's on-demand in the same region is no spot market either.
	for (const o of byOffer.values())
		if (o.spotUsd !== null && o.onDemandUsd !== null && o.spotUsd >= o.onDemandUsd) o.spotUsd = null;
	return [...byOffer.values()].sort((a, b) =>
		[a.gpu, a.instance, a.count, a.region].join("|").localeCompare([b.gpu, b.instance, b.count, b.region].join("|")),
	);
}

/** The catalog's instance text for an offer: "p5.48xlarge (8x H100)", "GPU only (8x H100)" for GCP's GPU rows. */
export const instanceText = (o: { instance: string; count: number; accelerator: string }) =>
	`${o.instance || "GPU only"} (${o.count}x ${o.accelerator})`;

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

/** Catalog price entries from a vms.csv: per GPU-hour, the cheapest region per offer (or every region). */
export function importSkypilot(catalog: Catalog, csv: string, options: SkypilotImportOptions): SkypilotImport {
	let reading: SkypilotReading;
	try {
		reading = readSkypilotCsv(catalog, csv);
	} catch (e) {
		throw e instanceof SkypilotFileError ? new Error(e.message) : e;
	}
	const rows: Row[] = [];
	for (const r of reading.rows) {
		const base = {
			gpu: r.gpu,
			count: r.count,
			instance: instanceText(r),
			region: r.region,
			zone: r.zone,
			gpuOnly: !r.instance,
		};
		if (r.onDemand !== null) rows.push({ ...base, kind: "on-demand", instanceUsd: r.onDemand });
		if (r.spot !== null) rows.push({ ...base, kind: "spot", instanceUsd: r.spot });
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
	return { prices, rows: reading.rowsRead, skipped: reading.skipped, unmapped: reading.unmapped, corrected: reading.corrected };
}
