// `gpufit prices fetch`, `prices history <gpu>` and `prices post --dry-run` from the shipped binary, against a
// local stand-in of SkyPilot's catalog: what was read and changed, a GPU's prices over time, and the channels a
// post would go to from the environment, token or not.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { etagOfFile, type SkypilotStandIn, setColumn, startSkypilotStandIn } from "../support/skypilot-stand-in.js";

const BIN = new URL("../../bin/gpufit.js", import.meta.url).pathname;

let primary: SkypilotStandIn;
let root: string;
let env: Record<string, string>;

beforeEach(async () => {
	primary = await startSkypilotStandIn();
	root = mkdtempSync(join(tmpdir(), "gpufit-fetch-cli-"));
	env = {
		GPUFIT_STATE_DIR: join(root, "state"),
		PRICE_SOURCE_SKYPILOT_URL: primary.base,
		PRICE_SOURCE_SKYPILOT_MIRROR_URL: "off",
		PRICE_SOURCE_SKYPILOT_CLOUDS: "aws,lambda,runpod,nowhere",
	};
});

afterEach(async () => {
	await primary.close();
	rmSync(root, { recursive: true, force: true });
});

async function gpufit(
	extra: Record<string, string>,
	...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
	const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK|DISCORD|PRICE|OPS|REDIS)_/.test(k)));
	try {
		const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
			env: { ...clean, ...env, ...extra },
		});
		return { code: 0, stdout, stderr };
	} catch (e) {
		const err = e as { code: number; stdout: string; stderr: string };
		return { code: err.code, stdout: err.stdout, stderr: err.stderr };
	}
}

describe("gpufit prices fetch / history", () => {
	it("fetches, says what was read and what changed, and a second run gets 304s", async () => {
		const first = await gpufit({}, "prices", "fetch", "--json");
		expect(first.code).toBe(0);
		const json = JSON.parse(first.stdout);
		expect(json).toMatchObject({ ok: true, source: primary.base, mirror: null });
		expect(json.feeds.map((f: { cloud: string; outcome: string }) => [f.cloud, f.outcome])).toEqual([
			["aws", "changed"],
			["lambda", "changed"],
			["runpod", "changed"],
			["nowhere", "absent"],
		]);
		expect(json.feeds[0]).toMatchObject({ offers: 9, summary: { added: 9 }, notes: { "spot price copied from on-demand": 1 } });
		// The upstream version read (SkyPilot's files carry no commit SHA: their ETag and Last-Modified).
		expect(json.feeds[0].upstream).toMatchObject({
			source: "primary",
			url: `${primary.base}/v8/aws/vms.csv`,
			etag: etagOfFile(primary.files.aws!),
			lastModified: expect.stringMatching(/ GMT$/),
		});
		// A cloud the source publishes no file for is skipped with a note, not an error.
		expect(json.feeds[3]).toMatchObject({
			error: null,
			upstream: null,
			note: "no catalogs/v8/nowhere/vms.csv at the source (HTTP 404): skipped, nowhere's curated prices stand",
		});

		const runpod = primary.files.runpod!.split("\n");
		primary.files.runpod = runpod.map((l) => (l.startsWith("1x_H100-80GB-HBM3_SECURE") ? setColumn(l, 7, "2.79") : l)).join("\n");
		const second = await gpufit({}, "prices", "fetch");
		expect(second.code).toBe(0);
		expect(second.stdout).toMatch(/^aws\s+not modified\s+9 offers, unchanged since the last read \(304\)$/m);
		expect(second.stdout).toMatch(/^runpod\s+changed\s+5 offers \(0 new, 1 moved, 0 withdrawn\)$/m);
		expect(second.stdout).toContain("▼   6.7%   H100 SXM 1x_H100-80GB-HBM3_SECURE ×1 US on-demand: $2.99/h → $2.79/h");
		expect(second.stdout).toMatch(/^nowhere\s+absent/m);
		expect(second.stderr).toBe("");

		// A failing feed: exit 1, the prices kept, said so.
		primary.misbehave("lambda", { status: 500 });
		const failed = await gpufit({}, "prices", "fetch");
		expect(failed.code).toBe(1);
		expect(failed.stdout).toMatch(/^lambda\s+FAILED\s+primary: HTTP 500; keeping 8 offers last confirmed \d{4}-\d{2}-\d{2}$/m);
	});

	it("prints a GPU's prices over time: the catalog's dated entries and every price a feed listed", async () => {
		await gpufit({}, "prices", "fetch");
		const runpod = primary.files.runpod!.split("\n");
		primary.files.runpod = runpod.map((l) => (l.startsWith("1x_H100-80GB-HBM3_SECURE") ? setColumn(l, 7, "2.79") : l)).join("\n");
		await gpufit({}, "prices", "fetch");

		const json = await gpufit({}, "prices", "history", "h100", "--json");
		expect(json.code).toBe(0);
		const history = JSON.parse(json.stdout);
		expect(history).toMatchObject({ ok: true, gpu: { id: "h100-sxm", name: "H100 SXM" }, unit: "USD per GPU-hour" });
		const runpodH100 = history.points.filter(
			(p: { provider: string; kind: string; source: string; instance: string }) =>
				p.provider === "runpod" && p.kind === "on-demand" && p.source === "feed" && p.instance.startsWith("1x_H100"),
		);
		expect(runpodH100.map((p: { usdPerGpuHour: number }) => p.usdPerGpuHour)).toEqual([2.99, 2.79]);
		expect([typeof runpodH100[0].until, runpodH100[1].until]).toEqual(["string", null]);
		expect(history.points.some((p: { source: string; date: string }) => p.source === "catalog" && p.date === "2026-08-21")).toBe(
			true,
		);

		const text = await gpufit({}, "prices", "history", "H100 SXM");
		expect(text.code).toBe(0);
		expect(text.stdout).toMatch(/^H100 SXM \(h100-sxm\): observed prices per GPU-hour/);
		expect(text.stdout).toMatch(/^RunPod on-demand$/m);
		expect(text.stdout).toMatch(/^AWS on-demand\n(\s+.*\n)*\s+\d{4}-\d{2}-\d{2}\s+\$6\.88\/h\s+p5\.48xlarge · us-east-1$/m);

		const unknown = await gpufit({}, "prices", "history", "h1000");
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toMatch(/Unknown GPU "h1000"/);
	});

	it("prices post --dry-run names the channels from the environment, token or not", async () => {
		const dry = await gpufit(
			{ PRICE_POST_SLACK_CHANNEL: "C0PRICES", PRICE_POST_DISCORD_CHANNEL: "1100000000000000001" },
			"prices",
			"post",
			"--dry-run",
		);
		expect(dry.code).toBe(0);
		expect(dry.stdout).toContain(
			"(dry run) would go to: slack C0PRICES (SLACK_BOT_TOKEN not set: not sent), discord 1100000000000000001 (DISCORD_BOT_TOKEN not set: not sent)",
		);
		const json = await gpufit(
			{ PRICE_POST_SLACK_CHANNEL: "C0PRICES", SLACK_BOT_TOKEN: "xoxb-dry" },
			"prices",
			"post",
			"--dry-run",
			"--json",
		);
		expect(JSON.parse(json.stdout)).toMatchObject({ dryRun: true, targets: ["slack C0PRICES"], missingTokens: [] });
	});
});
