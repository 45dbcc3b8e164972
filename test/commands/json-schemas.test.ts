// Every command's --json answer parses with its schema (commands/json.ts), the one the commands are typed by
// and the price job reads: from the CLI (the shipped bundle) and in-process, answers and errors alike.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.js";
import {
	COMMAND_JSON,
	compareJsonSchema,
	errorJsonSchema,
	fitJsonSchema,
	helpJsonSchema,
	pricePostJsonSchema,
	recommendJsonSchema,
} from "../../commands/json.js";
import { pricePost, pricePostReply } from "../../commands/prices.js";
import { diffPrices, snapshotPrices } from "../../src/catalog/price-snapshot.js";
import { FIXTURE_CATALOG_DIR, fixtureCatalog } from "../support/fixture-catalog.js";

const run = promisify(execFile);
const BIN = new URL("../../bin/gpufit.js", import.meta.url).pathname;
const catalog = fixtureCatalog();

describe("--json schemas", () => {
	it.each([
		["fit", "deepseek-r1 on 16x H100 ctx 32k users 10"],
		["fit", "llama-3.1-8b on 1x rtx-4090"],
		["fit", "deepseek-r1 on 1x l4"],
		["recommend", "llama-3.3-70b ctx 32k users 4"],
		["recommend", "deepseek-r1 buy"],
		["compare", "deepseek-r1 on 8x H200 vs 16x H100"],
		["gpus", ""],
		["models", "llama"],
	] as const)("%s %s", (command, text) => {
		const result = COMMANDS[command].run(catalog, text);
		expect(result.exitCode).toBe(0);
		const parsed = COMMAND_JSON[command].safeParse(result.json);
		expect(parsed.error?.issues ?? []).toEqual([]);
	});

	it.each([
		["fit", "deepseek-r9 on 8x H100"],
		["recommend", "deepseek-r1 budget cheap"],
		["compare", "deepseek-r1 on 8x H200"],
	] as const)("%s %s: the error object", (command, text) => {
		const result = COMMANDS[command].run(catalog, text);
		expect(result.exitCode).toBe(2);
		expect(errorJsonSchema.safeParse(result.json).error?.issues ?? []).toEqual([]);
	});

	it("help answers", () => {
		for (const command of ["fit", "recommend", "compare"] as const) {
			expect(helpJsonSchema.safeParse(COMMANDS[command].run(catalog, "help").json).success).toBe(true);
		}
	});

	it("the CLI prints exactly the schema's object", async () => {
		const env = { ...process.env, CATALOG_DIR: FIXTURE_CATALOG_DIR };
		const fit = await run(process.execPath, [BIN, "fit", "deepseek-r1 on 16x H100", "--json"], { env });
		expect(fitJsonSchema.safeParse(JSON.parse(fit.stdout)).error?.issues ?? []).toEqual([]);
		const rec = await run(process.execPath, [BIN, "recommend", "llama-3.3-70b ctx 32k", "--json"], { env });
		expect(recommendJsonSchema.safeParse(JSON.parse(rec.stdout)).success).toBe(true);
		const cmp = await run(process.execPath, [BIN, "compare", "deepseek-r1 on 8x H200 vs 16x H100", "--json"], { env });
		expect(compareJsonSchema.safeParse(JSON.parse(cmp.stdout)).success).toBe(true);
		const bad = await run(process.execPath, [BIN, "fit", "deepseek-r9 on 8x H100", "--json"], { env }).catch(
			(e: { code: number; stdout: string }) => e,
		);
		expect("code" in bad && bad.code).toBe(2);
		expect(errorJsonSchema.safeParse(JSON.parse(bad.stdout)).success).toBe(true);
	});

	it("the price post: its JSON is the schema's, and its card is made from the JSON alone", () => {
		const before = snapshotPrices(catalog, new Date("2026-08-01T09:00:00Z"));
		// Every rental 10% dearer than it was: a post with changes.
		const moved = {
			...catalog,
			prices: catalog.prices.map((p) => (p.kind === "purchase" ? p : { ...p, usd: Math.round(p.usd * 110) / 100 })),
		};
		const now = new Date("2026-08-08T09:00:00Z");
		const current = snapshotPrices(moved, now);
		const threshold = { minPct: 2, minUsd: 0.05 };
		const post = pricePost({ catalog: moved, before, diff: diffPrices(before, current, threshold), now, threshold });
		const parsed = pricePostJsonSchema.parse(post.json);
		expect(parsed.changes.length).toBeGreaterThan(0);
		// What the outbox keeps is the JSON; sent later, it is the same card.
		expect(pricePostReply(JSON.parse(JSON.stringify(parsed)))).toEqual(post.reply);
	});
});
