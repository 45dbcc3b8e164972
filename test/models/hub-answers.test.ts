// Any model by its Hugging Face id, end to end over real HTTP: the CLI (the shipped bundle), Slack and
// Discord (signed requests to the real server) against a local stand-in of the hub serving real config.json
// files. Expected figures are arithmetic on those configs (Meta-Llama-3.1-8B: 32 layers x 8 KV heads x 128;
// Qwen3.5-35B-A3B: 10 full-attention layers of 40 x 2 KV heads x 256) or the index total the stand-in serves.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCatalogStore } from "../../src/catalog/open.js";
import type { RunningServer } from "../../src/transports/server.js";
import { runCli } from "../support/cli-run.js";
import { discordEnv } from "../support/discord-env.js";
import { commandInteraction, postInteraction, signInteraction, signingKeys } from "../support/discord-sign.js";
import { type HubStandIn, hubFixture, startHubStandIn } from "../support/hub-stand-in.js";
import { serveOnLoopback } from "../support/loopback-server.js";
import { type SlackStandIn, startSlackStandIn } from "../support/slack-api.js";
import { cardText } from "../support/slack-blocks.js";
import { postSigned, slashBody } from "../support/slack-sign.js";

const CATALOG = new URL("../../catalog", import.meta.url).pathname;

/** Meta-Llama-3.1-8B's model.safetensors.index.json metadata.total_size (BF16, 8,030,261,248 params x 2 B). */
const LLAMA_8B_BYTES = 16_060_522_496;
const LLAMA = "acme/Llama-3.1-8B-ft";
const QWEN = "acme/Qwen3.5-35B-A3B-ft";
const GATED = "acme/gated-model";
const ODD = "acme/odd-model";
const SHA = "0123456789abcdef0123456789abcdef01234567";

let hub: HubStandIn;
let stateDir: string;

beforeAll(async () => {
	stateDir = mkdtempSync(join(tmpdir(), "gpufit-hub-"));
	hub = await startHubStandIn({
		[LLAMA]: {
			sha: SHA,
			files: {
				"config.json": hubFixture("meta-llama/Meta-Llama-3.1-8B"),
				"model.safetensors.index.json": JSON.stringify({ metadata: { total_size: LLAMA_8B_BYTES }, weight_map: {} }),
			},
		},
		[QWEN]: { sha: SHA, files: { "config.json": hubFixture("Qwen/Qwen3.5-35B-A3B") }, parameters: { BF16: 35_000_000_000 } },
		[GATED]: {
			sha: SHA,
			files: { "config.json": hubFixture("meta-llama/Meta-Llama-3.1-8B") },
			gated: "manual",
			grantedToken: "hf_ok",
		},
		[ODD]: {
			sha: SHA,
			files: { "config.json": JSON.stringify({ architectures: ["FooForCausalLM"], model_type: "foo", num_hidden_layers: 4 }) },
		},
	});
});

afterAll(async () => {
	await hub.close();
	rmSync(stateDir, { recursive: true, force: true });
});

const gpufit = (env: Record<string, string>, ...args: string[]) =>
	runCli(args, { HF_ENDPOINT: hub.url, GPUFIT_STATE_DIR: stateDir, ...env });

// biome-ignore lint/suspicious/noExplicitAny: the contract's JSON, read field by field
const json = (stdout: string): any => JSON.parse(stdout);
const requestsFor = (repo: string) => hub.requests.filter((r) => r.url.includes(repo)).length;

describe("fit with a Hugging Face id on the command line", () => {
	it("sizes a repo the catalog does not know from its own files", async () => {
		const r = await gpufit({}, "fit", `${LLAMA} on 1x H100 ctx 8k`, "--json");
		expect(r.code).toBe(0);
		const j = json(r.stdout);
		expect(j.model.id).toBe(LLAMA);
		expect(j.memory.weightsBytes).toBe(LLAMA_8B_BYTES);
		expect(j.memory.kvBytesPerToken).toBe(32 * 8 * 128 * 2 * 2);
		expect(j.memory.kvBytes).toBe(8192 * 32 * 8 * 128 * 2 * 2);
		expect(j.notes.join(" ")).toContain(`Read from the Hugging Face hub: ${LLAMA} at ${SHA.slice(0, 12)}`);
	});

	it("hf: prefix and @revision name the same repo", async () => {
		const r = await gpufit({}, "fit", `hf:${LLAMA}@${SHA} on 1x H100 ctx 8k`, "--json");
		expect(r.code).toBe(0);
		expect(json(r.stdout).memory.weightsBytes).toBe(LLAMA_8B_BYTES);
		expect(hub.requests.some((q) => q.url.includes(`/revision/${SHA}`) || q.url.includes(`/resolve/${SHA}/`))).toBe(true);
	});

	it("a hybrid linear-attention model grows only by its full-attention layers, and says what it counted", async () => {
		const r = await gpufit({}, "fit", `${QWEN} on 1x H100 ctx 32k`, "--json");
		expect(r.code).toBe(0);
		const j = json(r.stdout);
		// full_attention_interval 4 over 40 layers: 10 layers x 2 KV heads x (256 K + 256 V) x 2 B.
		expect(j.memory.kvBytesPerToken).toBe(10 * 2 * 256 * 2 * 2);
		// The 30 Gated DeltaNet layers keep a fixed state per request on top of that growth.
		expect(j.memory.kvBytes).toBeGreaterThan(32768 * 10 * 2 * 256 * 2 * 2);
		const notes = j.notes.join(" ");
		expect(notes).toContain("vision encoder");
		expect(notes).toMatch(/MTP module is left out/);
		expect(notes).toContain("parameter counts");
	});

	it("recommend and compare take a repo id too, and their requests reproduce through the hub", async () => {
		const rec = await gpufit({}, "recommend", `${LLAMA} ctx 8k users 4`, "--json");
		expect(rec.code).toBe(0);
		const options = json(rec.stdout).options;
		expect(options.length).toBeGreaterThan(0);
		const first = options[0];
		expect(first.request.startsWith(LLAMA)).toBe(true);
		const again = await gpufit({}, "fit", first.request, "--json");
		expect(json(again.stdout).verdict).toBe(first.verdict);

		const cmp = await gpufit({}, "compare", `${LLAMA} on 1x H100 vs 1x L4`, "--json");
		expect(cmp.code).toBe(0);
		expect(cmp.stdout).toContain(String(LLAMA_8B_BYTES));
	});

	it("catalog ids and aliases win over the hub", async () => {
		const before = hub.requests.length;
		const r = await gpufit({}, "fit", "deepseek-ai/DeepSeek-R1 on 16x H100", "--json");
		expect(r.code).toBe(0);
		expect(json(r.stdout).model.id).toBe("deepseek-r1");
		expect(hub.requests.length).toBe(before);
	});

	it("each error has its code and exits 2", async () => {
		const missing = await gpufit({}, "fit", "acme/no-such-model on 8x H100", "--json");
		expect(missing.code).toBe(2);
		expect(json(missing.stdout).error.code).toBe("unknown_model");

		const gated = await gpufit({}, "fit", `${GATED} on 1x H100`, "--json");
		expect(gated.code).toBe(2);
		expect(json(gated.stdout).error).toMatchObject({ code: "gated_model" });
		expect(json(gated.stdout).error.message).toContain("HF_TOKEN");
		const granted = await gpufit({ HF_TOKEN: "hf_ok" }, "fit", `${GATED} on 1x H100`, "--json");
		expect(granted.code).toBe(0);

		const odd = await gpufit({}, "fit", `${ODD} on 1x H100`, "--json");
		expect(odd.code).toBe(2);
		expect(json(odd.stdout).error.code).toBe("unsupported_architecture");
		expect(json(odd.stdout).error.message).toContain("FooForCausalLM");

		// Nothing listens on port 9 of the loopback: the connection is refused at once.
		const down = await gpufit({ HF_ENDPOINT: "http://127.0.0.1:9" }, "fit", "acme/any-model on 1x H100", "--json");
		expect(down.code).toBe(2);
		expect(json(down.stdout).error.code).toBe("hub_unreachable");
	});

	it("answers from the disk cache without asking for the files again", async () => {
		const before = requestsFor(LLAMA);
		const r = await gpufit({}, "fit", `${LLAMA} on 1x H100`, "--json");
		expect(r.code).toBe(0);
		// A new process: the API is asked for the sha, the files come from GPUFIT_STATE_DIR/hub.
		expect(requestsFor(LLAMA) - before).toBe(1);
	});
});

describe("catalog add", () => {
	it("writes an entry the catalog accepts, which then answers exactly as the hub did", async () => {
		const dir = mkdtempSync(join(tmpdir(), "gpufit-catalog-"));
		try {
			cpSync(CATALOG, dir, { recursive: true });
			const added = await gpufit({ CATALOG_DIR: dir }, "catalog", "add", LLAMA);
			expect(added.code, added.stderr).toBe(0);
			const file = join(dir, "models", "acme.yaml");
			expect(existsSync(file)).toBe(true);
			const yaml = readFileSync(file, "utf8");
			expect(yaml).toContain(`hfRepo: ${LLAMA}`);
			expect(yaml).toMatch(/asOf: "?\d{4}-\d{2}-\d{2}/);
			expect(yaml).toContain(`${hub.url}/${LLAMA}`);
			expect((await gpufit({}, "catalog", "check", dir)).code).toBe(0);

			const before = hub.requests.length;
			const fromCatalog = await gpufit({ CATALOG_DIR: dir }, "fit", "llama-3.1-8b-ft on 1x H100 ctx 8k", "--json");
			const fromHub = await gpufit({}, "fit", `${LLAMA} on 1x H100 ctx 8k`, "--json");
			expect(hub.requests.length - before).toBeLessThanOrEqual(1); // the second asks the API for the sha at most
			const [a, b] = [json(fromCatalog.stdout), json(fromHub.stdout)];
			expect(a.model.id).toBe("llama-3.1-8b-ft");
			expect(a.memory).toEqual(b.memory);
			expect(a.limits).toEqual(b.limits);

			const again = await gpufit({ CATALOG_DIR: dir }, "catalog", "add", LLAMA);
			expect(again.code).toBe(1);
			expect(again.stderr).toContain("already has");
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe("Slack and Discord answer hub ids", () => {
	const store = openCatalogStore(CATALOG);
	const keys = signingKeys();
	const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
	let slack: SlackStandIn;
	let server: RunningServer;

	beforeAll(async () => {
		slack = await startSlackStandIn();
		const env = {
			SLACK_SIGNING_SECRET: SECRET,
			SLACK_BOT_TOKEN: "xoxb-0000-test-token",
			SLACK_API_URL: slack.apiUrl,
			...discordEnv(keys, slack.apiUrl),
			GPUFIT_RATE_LIMIT: "off",
			HF_ENDPOINT: hub.url,
			GPUFIT_STATE_DIR: stateDir,
		};
		server = await serveOnLoopback(env, store);
	});

	afterAll(async () => {
		await server.close();
		await slack.close();
	});

	it("Slack: /fit with a repo id answers in the acknowledgement, naming the hub", async () => {
		const body = slashBody({
			command: "/fit",
			text: `${LLAMA} on 1x H100 ctx 8k`,
			user_id: "U1",
			response_url: slack.responseUrl("h1"),
		});
		const answer = await postSigned(`${server.url}/slack/events`, SECRET, body);
		expect(answer.status).toBe(200);
		const text = cardText(answer.json);
		expect(text).toContain("Llama-3.1-8B-ft");
		expect(text).toContain("Read from the Hugging Face hub");
	});

	it("Slack: a repo the hub does not have gets the unknown-model card", async () => {
		const body = slashBody({
			command: "/fit",
			text: "acme/nothing-here on 1x H100",
			user_id: "U1",
			response_url: slack.responseUrl("h2"),
		});
		const answer = await postSigned(`${server.url}/slack/events`, SECRET, body);
		expect(answer.status).toBe(200);
		expect(cardText(answer.json)).toContain("acme/nothing-here");
		expect(answer.json.response_type).toBe("ephemeral");
	});

	it("/healthz reports the hub: its endpoint and whether it answered last time", async () => {
		const health = await (await fetch(`${server.url}/healthz`)).json();
		expect(health.hub).toMatchObject({ endpoint: hub.url, ok: true, error: null });
		expect(Date.parse(health.hub.checkedAt)).toBeGreaterThan(0);
	});

	it("Discord: /fit with a repo id in the model option answers with the hub model's embed", async () => {
		const payload = commandInteraction("fit", { model: LLAMA, hardware: "1x H100", context: "8k" });
		const r = await postInteraction(server.url, signInteraction(keys, payload));
		expect(r.status).toBe(200);
		const embed = json(JSON.stringify(r.json)).data.embeds[0];
		expect(embed.title).toContain("Llama-3.1-8B-ft");
		expect(JSON.stringify(embed)).toContain("Read from the Hugging Face hub");
	});
});
