// `gpufit prices import skypilot <vms.csv>... [--provider name] [--as-of YYYY-MM-DD] [--source text]
// [--all-regions] [--out file]`: SkyPilot catalog CSVs to catalog price YAML, on stdout or in a file,
// with what was left out (and why) on stderr.
import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { stringify } from "yaml";
import { importSkypilot } from "./skypilot.js";
import type { Catalog, Price } from "./types.js";

const IMPORT_USAGE =
	"usage: gpufit prices import skypilot <vms.csv>... [--provider name] [--as-of YYYY-MM-DD] [--source text] [--all-regions] [--out file]";

interface Args {
	files: string[];
	provider: string | null;
	asOf: string;
	source: string | null;
	allRegions: boolean;
	out: string | null;
}

function parseArgs(argv: string[], today: string): Args | string {
	const args: Args = { files: [], provider: null, asOf: today, source: null, allRegions: false, out: null };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i] ?? "";
		const value = () => argv[++i] ?? "";
		if (a === "--provider") args.provider = value();
		else if (a === "--as-of") args.asOf = value();
		else if (a === "--source") args.source = value();
		else if (a === "--out") args.out = value();
		else if (a === "--all-regions") args.allRegions = true;
		else if (a.startsWith("--")) return `unknown option ${a}`;
		else args.files.push(a);
	}
	if (args.files.length === 0) return "no CSV file given";
	if (!/^\d{4}-\d{2}-\d{2}$/.test(args.asOf)) return `--as-of ${args.asOf}: expected YYYY-MM-DD`;
	return args;
}

/** catalogs/v8/aws/vms.csv → "aws": SkyPilot keeps one folder per cloud. */
const providerOf = (file: string) => basename(dirname(file));

function pricesYaml(prices: Price[], comment: string): string {
	return `${comment
		.split("\n")
		.map((l) => `# ${l}`)
		.join("\n")}\n\n${stringify(prices, { lineWidth: 0 })}`;
}

export async function runSkypilotImport(catalog: Catalog, argv: string[], now = new Date()): Promise<number> {
	const args = parseArgs(argv, now.toISOString().slice(0, 10));
	if (typeof args === "string") {
		console.error(`${args}\n${IMPORT_USAGE}`);
		return 2;
	}
	const prices: Price[] = [];
	for (const file of args.files) {
		const provider = args.provider ?? providerOf(file);
		if (!provider || provider === ".") {
			console.error(`${file}: cannot tell the provider from the path; pass --provider`);
			return 2;
		}
		const source = args.source ?? `skypilot-org/skypilot-catalog ${file} (imported ${args.asOf})`;
		let result: ReturnType<typeof importSkypilot>;
		try {
			result = importSkypilot(catalog, await readFile(file, "utf8"), {
				provider,
				asOf: args.asOf,
				source,
				allRegions: args.allRegions,
			});
		} catch (e) {
			console.error(`${file}: ${e instanceof Error ? e.message : String(e)}`);
			return 2;
		}
		prices.push(...result.prices);
		const left = Object.entries(result.skipped).map(([why, n]) => `${n} ${why}`);
		const unknown = Object.entries(result.unmapped).map(([name, n]) => `${name} ×${n}`);
		console.error(`${file}: ${result.rows} rows → ${result.prices.length} ${provider} prices`);
		if (left.length) console.error(`  left out: ${left.join(", ")}`);
		if (unknown.length) console.error(`  no catalog GPU (add an alias to catalog/gpus): ${unknown.join(", ")}`);
	}
	const yaml = pricesYaml(
		prices,
		`Imported from SkyPilot's catalog by \`gpufit prices import skypilot\` on ${args.asOf}.\nusd = instance price / GPU count (per GPU-hour); check with \`gpufit catalog check\`.`,
	);
	if (args.out) writeFileSync(args.out, yaml);
	else process.stdout.write(yaml);
	return 0;
}
