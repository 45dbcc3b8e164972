// `gpufit prices post [--dry-run]`: the dry run prints the post and touches nothing; without it the
// post goes out once, recorded like a scheduled run.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { hang } from "../support/faults.js";
import { cents, makeEdits, money } from "./edits.js";
import { DISCORD_CHANNEL, type Harness, harness, SLACK_CHANNEL } from "./harness.js";

const BIN = new URL("../../bin/gpufit.js", import.meta.url).pathname;
/** PRICE_POST_TIMEOUT_MS of the bounded run: it covers every call, the answered ones too. */
const SEND_TIMEOUT_MS = 2000;

let h: Harness | null = null;
afterEach(async () => {
	await h?.cleanup();
	h = null;
});

async function gpufit(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	try {
		const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
		return { code: 0, stdout, stderr };
	} catch (e) {
		const err = e as { code: number; stdout: string; stderr: string };
		return { code: err.code, stdout: err.stdout, stderr: err.stderr };
	}
}

describe("gpufit prices post", () => {
	it("prints the post on a dry run, then sends it once", async () => {
		h = await harness();
		const server = await h.start();
		await server.background.pricePosts!.trigger(new Date(Date.UTC(2026, 0, 5, 9)));
		await server.close();
		const e = makeEdits(h.t);
		const stateFile = join(h.env.GPUFIT_STATE_DIR!, "price-posts.json");
		const stateBefore = readFileSync(stateFile, "utf8");

		const dry = await gpufit(h.env, "prices", "post", "--dry-run");
		expect(dry.code).toBe(0);
		expect(dry.stdout).toMatch(/^GPU price update · /);
		const cut = dry.stdout.split("\n").find((l) => l.startsWith("H200 SXM"));
		expect(cut).toContain(money(e.cut.oldUsd));
		expect(cut).toContain(money(e.cut.newUsd));
		expect(dry.stdout).toContain(`now ${money(cents(e.cut.newUsd * 8))}`);
		expect(dry.stdout).toContain(`(dry run) would go to: slack ${SLACK_CHANNEL}, discord ${DISCORD_CHANNEL}`);
		expect(h.slack.requests).toHaveLength(0);
		expect(h.discord.requests).toHaveLength(0);
		expect(readFileSync(stateFile, "utf8")).toBe(stateBefore);

		const sent = await gpufit(h.env, "prices", "post");
		expect(sent.code).toBe(0);
		expect(sent.stdout).toContain("price post: posted");
		expect(h.slack.messages).toHaveLength(1);
		expect(h.discord.messages).toHaveLength(1);

		const again = await gpufit(h.env, "prices", "post", "--dry-run", "--json");
		expect(again.code).toBe(0);
		expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, post: false, reason: "no-change", dryRun: true });
		expect(h.slack.messages).toHaveLength(1);
	});

	it("is bounded: a Slack post that never answers is cut after PRICE_POST_TIMEOUT_MS and left pending", async () => {
		h = await harness({ PRICE_POST_TIMEOUT_MS: String(SEND_TIMEOUT_MS) });
		const server = await h.start();
		await server.background.pricePosts!.trigger(new Date(Date.UTC(2026, 0, 5, 9)));
		await server.close();
		makeEdits(h.t);
		h.slack.failNextWhen((r) => r.path === "/api/chat.postMessage", hang);
		const started = Date.now();
		const cut = await gpufit(h.env, "prices", "post");
		// Was 150 s and more on a hung Slack: now the bound, plus the CLI's start (room for a loaded machine).
		expect(Date.now() - started).toBeLessThan(60_000);
		expect(cut.code).toBe(1);
		expect(cut.stdout).toMatch(new RegExp(`slack C0PRICES: pending \\(.*(timeout|no answer within ${SEND_TIMEOUT_MS} ms)`));
		expect(cut.stdout).toContain("discord 1100000000000000001: delivered");
		expect(h.discord.messages).toHaveLength(1);

		// The next run asks Slack whether it went out (it did not: the hung request posted nothing), then sends it.
		const again = await gpufit(h.env, "prices", "post");
		expect(again.code).toBe(0);
		expect(h.slack.messages).toHaveLength(1);
		expect(h.discord.messages).toHaveLength(1);
	}, 90_000);
});
