// Command line: `gpufit <command> ...`. Text for people, --json for scripts; exit 0 answered,
// 2 not understood, 1 internal error.
import { writeFile } from "node:fs/promises";
import { formatCatalogError } from "../catalog/errors.js";
import { loadCatalogCached } from "../catalog/snapshot.js";
import type { Catalog } from "../catalog/types.js";
import { chartRequestOf } from "../chat/chart-inputs.js";
import { ChatPipeline, type Outcome } from "../chat/pipeline.js";
import { type Config, ConfigError, readConfig } from "../config.js";
import { createLogger } from "../log.js";
import { renderText } from "../render/text.js";
import { hubClient } from "./hub.js";

const USAGE = `usage: gpufit <command> [...]
  fit "<request>" [--json] [--png FILE]  does a model fit? e.g. gpufit fit "deepseek-r1 on 16x H100" (--png: its chart)
                                   any Hugging Face model by its id: gpufit fit "Qwen/Qwen3.5-397B-A17B on 8x H200"
  recommend "<request>" [--json]   cheapest setups that fit, e.g. gpufit recommend "deepseek-r1 ctx 32k users 10"
  compare "<request>" [--json]     setups side by side, e.g. gpufit compare "deepseek-r1 on 8x H200 vs 16x H100"
  gpus [filter] [--json]           list GPUs in the catalog
  models [filter] [--json]         list models in the catalog
  serve                            run the bot (HTTP endpoints for Slack and Discord)
  catalog check [dir]              validate a catalog directory
  catalog add <org/name> [--out FILE]  write the catalog entry of a Hugging Face model
  prices post [--dry-run]          the price-update post: print it (dry run) or send it now
  prices fetch [--json]            fetch the price feeds now, store what was seen, print what changed
  prices history <gpu> [--json] [--png FILE]  a GPU's observed prices over time (--png: its chart)
  prices import skypilot <vms.csv>...  SkyPilot catalog CSVs to catalog price YAML`;

async function openCatalog(config: Config): Promise<Catalog> {
	const result = await loadCatalogCached(config.catalog.dir, config.catalog.cacheDir);
	if (!result.ok) {
		throw new Error(`catalog invalid:\n${result.errors.map(formatCatalogError).join("\n")}`);
	}
	return result.catalog;
}

const INTERNAL_ERROR = "internal error (logged above)";

function print(outcome: Outcome, json: boolean): number {
	if (outcome.kind !== "answer") {
		// The pipeline has logged what failed; the CLI asks for no rate limit and only known commands.
		if (json)
			process.stdout.write(
				`${JSON.stringify({ ok: false, error: { code: "internal", message: INTERNAL_ERROR, suggestions: [] } })}\n`,
			);
		else console.error(`gpufit: ${INTERNAL_ERROR}`);
		return 1;
	}
	const result = outcome.result;
	if (json) process.stdout.write(`${JSON.stringify(result.json)}\n`);
	else if (result.exitCode === 0) process.stdout.write(`${renderText(result.reply)}\n`);
	else process.stderr.write(`${renderText(result.reply)}\n`);
	return result.exitCode;
}

async function checkCatalog(dir: string): Promise<number> {
	const { loadCatalog } = await import("../catalog/load.js");
	const result = loadCatalog(dir);
	if (result.ok) {
		const c = result.catalog;
		console.log(
			`catalog ${c.version}: ${c.gpus.length} GPUs, ${c.models.length} models, ${c.systems.length} systems, ${c.prices.length} prices: OK`,
		);
		return 0;
	}
	for (const e of result.errors) console.error(formatCatalogError(e));
	console.error(`${result.errors.length} error(s)`);
	return 1;
}

/** `--png FILE`: the answer's chart written beside the text (rendered only when asked: the engine loads lazily). */
async function writeChart(command: string, outcome: Outcome, file: string, env: NodeJS.ProcessEnv): Promise<void> {
	if (outcome.kind !== "answer") return;
	const request = chartRequestOf(command, outcome.result);
	if (!request) {
		console.error(`gpufit: this answer has no chart; ${file} not written`);
		return;
	}
	const { createChartRenderer } = await import("../render/charts/index.js");
	const log = createLogger(env);
	const chart = await createChartRenderer({ log: (message, fields) => log.warn(message, fields) }).chart(request);
	if (chart) await writeFile(file, chart.png);
	else console.error(`gpufit: the chart could not be drawn; ${file} not written`);
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
	const json = argv.includes("--json");
	const pngAt = argv.indexOf("--png");
	const png = pngAt >= 0 ? argv[pngAt + 1] : undefined;
	const args = argv.filter((a, i) => a !== "--json" && (pngAt < 0 || (i !== pngAt && i !== pngAt + 1)));
	const [command, ...rest] = args;
	try {
		// The environment is read once, here, for every command.
		const config = readConfig(env);
		switch (command) {
			case "fit":
			case "recommend":
			case "compare":
			case "gpus":
			case "models": {
				// The same pipeline as the chat platforms, without a rate limit or a cache; its outcome is printed as is.
				// Answers with prices take the fetched ones `prices fetch` stored, as the server's live catalog does.
				const curated = await openCatalog(config);
				const priced = command === "fit" || command === "recommend" || command === "compare";
				const catalog = priced
					? await (await import("../schedule/stored-prices.js")).withStoredPrices(curated, config, createLogger(env))
					: curated;
				const pipeline = new ChatPipeline<Outcome>({
					catalog: () => catalog,
					hub: hubClient(config),
					limiter: null,
					log: createLogger(env),
					encode: (outcome) => outcome,
				});
				const request = {
					platform: "cli",
					userId: "cli",
					command,
					text: rest.join(" "),
					locale: "en" as const,
					context: undefined,
				};
				const outcome = await pipeline.answer(request);
				if (png) await writeChart(command, outcome, png, env);
				return print(outcome, json);
			}
			case "serve": {
				// Loaded on demand: the chat SDKs are not needed to answer one CLI request. The catalog starts
				// from its validated snapshot; YAML and zod are loaded afterwards, for reloads.
				const { CatalogStore } = await import("../catalog/store.js");
				const store = await CatalogStore.fromSnapshot(config.catalog.dir, config.catalog.cacheDir);
				// Runs until SIGTERM or SIGINT, then finishes what is in flight (SHUTDOWN_GRACE_MS) and exits 0.
				return (await import("./server.js")).serveUntilSignalled({ config, env, store });
			}
			case "register-discord":
				return (await import("./discord/register.js")).registerFromCli(config.discord);
			case "catalog":
				if (rest[0] === "check") return checkCatalog(rest[1] ?? config.catalog.dir);
				if (rest[0] === "add") {
					const { runCatalogAdd } = await import("../models/catalog-add.js");
					return runCatalogAdd(await openCatalog(config), config.catalog.dir, rest.slice(1), hubClient(config));
				}
				break;
			case "prices":
				if (rest[0] === "post") {
					const post = await import("../schedule/post-cli.js");
					return post.runPricesPost(await openCatalog(config), json ? [...rest, "--json"] : rest, config, createLogger(env));
				}
				if (rest[0] === "fetch" || rest[0] === "history") {
					const feeds = await import("../schedule/fetch-cli.js");
					const catalog = await openCatalog(config);
					if (rest[0] === "fetch") return feeds.runPricesFetch(catalog, json, config, createLogger(env));
					return feeds.runPricesHistory(catalog, rest.slice(1), json, config, createLogger(env), png);
				}
				if (rest[0] === "import" && rest[1] === "skypilot") {
					return (await import("../catalog/skypilot-cli.js")).runSkypilotImport(await openCatalog(config), rest.slice(2));
				}
				break;
			case undefined:
			case "help":
			case "--help":
				console.log(USAGE);
				return command === undefined ? 2 : 0;
		}
		console.error(`unknown command "${command}"\n${USAGE}`);
		return 2;
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		if (e instanceof ConfigError) {
			if (json)
				process.stdout.write(`${JSON.stringify({ ok: false, error: { code: "bad_environment", message, suggestions: [] } })}\n`);
			else console.error(`gpufit: ${message}`);
			return 1;
		}
		if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: "internal", message, suggestions: [] } })}\n`);
		else console.error(`gpufit: internal error: ${message}`);
		return 1;
	}
}
