// The program as `npm start` runs it: bin/gpufit.js, the bundle rolldown.config.js builds (dependencies
// included), started as its own process. The other server tests run
// the TypeScript sources; these check that the bundle answers the same on both platforms, in HTTP mode
// and through Slack's Socket Mode (its undici 7 bundled), that it edits a deferred Discord answer (a
// plain request with retries, chat/followup.ts), and that it reloads an edited catalog, validated a file at a
// time with requests served in between.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { runFit } from "../../commands/fit.js";
import { openCatalogStore } from "../../src/catalog/open.js";
import { cheapestOnDemandEntry, type TempCatalog, tempCatalog, waitFor } from "../catalog/temp-catalog.js";
import { type DiscordApiStandIn, startDiscordApi } from "../support/discord-api.js";
import { embedText, embedViolations } from "../support/discord-embed.js";
import { discordEnv } from "../support/discord-env.js";
import { commandInteraction, postInteraction, type SigningKeys, signInteraction, signingKeys } from "../support/discord-sign.js";
import { type SlackStandIn, startSlackStandIn } from "../support/slack-api.js";
import { blockKitViolations, cardText } from "../support/slack-blocks.js";
import { postSigned, slashBody } from "../support/slack-sign.js";
import { type SocketModeStandIn, startSocketModeStandIn } from "../support/slack-socket.js";
import { listening, type Spawned } from "../support/spawned-server.js";

const root = new URL("../..", import.meta.url).pathname;
const SECRET = "shipped-signing-secret";
const BOT_TOKEN = "xoxb-0000-shipped";
const REQUEST = "deepseek-r1 on 16x H100";
const store = openCatalogStore(join(root, "catalog"));
const expected = runFit(store.current(), REQUEST).json as { verdict: string; layout: { tp: number; pp: number } };
const VERDICT_WORD = { fits: "Fits", tight: "Tight", "no-fit": "Does not fit" }[expected.verdict as "fits"];

const stateDir = mkdtempSync(join(tmpdir(), "gpufit-shipped-"));
const children: ChildProcess[] = [];

/** Starts `node bin/gpufit.js serve` on a free port; resolves once it logs where it listens. */
function serve(env: Record<string, string>): Promise<Spawned> {
	const child = spawn(process.execPath, [join(root, "bin/gpufit.js"), "serve"], {
		env: {
			PATH: process.env.PATH ?? "",
			PORT: "0",
			HOST: "127.0.0.1",
			CATALOG_DIR: join(root, "catalog"),
			CATALOG_WATCH: "off",
			CATALOG_RELOAD_DEBOUNCE_MS: "20",
			GPUFIT_STATE_DIR: stateDir,
			GPUFIT_RATE_LIMIT: "off",
			...env,
		},
		stdio: ["ignore", "pipe", "pipe"],
	});
	children.push(child);
	return listening(child);
}

let slack: SlackStandIn;

beforeAll(async () => {
	slack = await startSlackStandIn();
});

afterAll(async () => {
	for (const c of children) c.kill();
	await slack.close();
	rmSync(stateDir, { recursive: true, force: true });
});

describe("HTTP mode, Slack and Discord on one listener", () => {
	let served: Spawned;
	let keys: SigningKeys;
	let discord: DiscordApiStandIn;

	beforeAll(async () => {
		keys = signingKeys();
		discord = await startDiscordApi();
		served = await serve({
			SLACK_SIGNING_SECRET: SECRET,
			SLACK_BOT_TOKEN: BOT_TOKEN,
			SLACK_API_URL: slack.apiUrl,
			...discordEnv(keys, discord.apiUrl, "discord-shipped-token"),
		});
	});

	afterAll(async () => {
		await discord.close();
	});

	it("answers a signed Slack /fit with the core's verdict and layout, and refuses a bad signature", async () => {
		const body = slashBody({ command: "/fit", text: REQUEST, response_url: slack.responseUrl("shipped-1") });
		const answer = await postSigned(`${served.url}/slack/events`, SECRET, body);
		expect(answer.status).toBe(200);
		expect(blockKitViolations(answer.json)).toEqual([]);
		const shown = cardText(answer.json);
		expect(shown).toContain(VERDICT_WORD);
		expect(shown).toContain(`TP${expected.layout.tp}×PP${expected.layout.pp}`);
		const forged = await postSigned(`${served.url}/slack/events`, "not-the-secret", body);
		expect(forged.status).toBe(401);
	});

	it("answers a signed Discord /fit with an embed within Discord's limits", async () => {
		const r = await postInteraction(
			served.url,
			signInteraction(keys, commandInteraction("fit", { model: "deepseek-r1", hardware: "16x H100" })),
		);
		expect(r.status).toBe(200);
		// biome-ignore lint/suspicious/noExplicitAny: the interaction response, read field by field
		const embed = (r.json as any).data.embeds[0];
		expect(embedViolations(embed)).toEqual([]);
		expect(embed.title).toContain(VERDICT_WORD);
		expect(embedText(embed)).toContain(`TP${expected.layout.tp}×PP${expected.layout.pp}`);
	});

	it("edits a deferred Discord answer through Discord's webhook route", async () => {
		const deferring = await serve({
			...discordEnv(keys, discord.apiUrl, "discord-shipped-token"),
			DISCORD_DEFER_AFTER_MS: "0",
		});
		const payload = commandInteraction("fit", { model: "deepseek-r1", hardware: "16x H100" });
		const r = await postInteraction(deferring.url, signInteraction(keys, payload));
		expect(r.json).toEqual({ type: 5 }); // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
		const edit = await discord.waitFor((q) => q.method === "PATCH" && q.path.includes(payload.token));
		expect(edit.path).toBe(`/webhooks/112233445566778899/${payload.token}/messages/@original`);
		// biome-ignore lint/suspicious/noExplicitAny: the edit's body, read field by field
		const embed = (edit.body as any).embeds[0];
		expect(embedViolations(embed)).toEqual([]);
		expect(embedText(embed)).toContain(`TP${expected.layout.tp}×PP${expected.layout.pp}`);
	});

	it("checks the bot token with auth.test shortly after start-up", async () => {
		await waitFor("auth.test", () => slack.calls.some((c) => c.method === "auth.test" && c.params.token === BOT_TOKEN), 10_000);
		await waitFor("the log line", () => served.log().includes("Slack bot token accepted"), 10_000);
	});
});

describe("Slack Socket Mode", () => {
	let socket: SocketModeStandIn;

	beforeAll(async () => {
		socket = await startSocketModeStandIn();
		slack.setSocketUrl(socket.url);
		await serve({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: "xapp-1-A0TEST-0000-shipped", SLACK_API_URL: slack.apiUrl });
		await socket.connected();
	});

	afterAll(async () => {
		await socket.close();
	});

	it("connects out and answers a slash command in the envelope's acknowledgement", async () => {
		const card = await socket.deliver({
			envelope_id: "shipped-env-1",
			type: "slash_commands",
			accepts_response_payload: true,
			payload: {
				command: "/fit",
				text: REQUEST,
				user_id: "U0ALICE",
				team_id: "T0TEST",
				channel_id: "C0TEST",
				api_app_id: "A0TEST",
				response_url: slack.responseUrl("shipped-socket-1"),
				trigger_id: "1.2.3",
			},
		});
		expect(blockKitViolations(card as never)).toEqual([]);
		const shown = cardText(card as never);
		expect(shown).toContain(VERDICT_WORD);
		expect(shown).toContain(`TP${expected.layout.tp}×PP${expected.layout.pp}`);
	});
});

describe("catalog reload", () => {
	let t: TempCatalog;
	let served: Spawned;
	const health = async () =>
		(await (await fetch(`${served.url}/healthz`)).json()) as {
			catalog: { version: string };
			reloadError: { file: string; entry: string; field: string } | null;
		};

	beforeAll(async () => {
		t = tempCatalog();
		served = await serve({ CATALOG_DIR: t.dir, CATALOG_WATCH: "on" });
	});

	afterAll(() => t.cleanup());

	it("takes a good edit, and refuses a broken one with its file and field while the last good one serves", async () => {
		const before = await health();
		const cheapest = cheapestOnDemandEntry(t, "h200-sxm");
		t.editPrices(cheapest.file, (entries) => {
			entries[cheapest.index]!.usd = Math.round(cheapest.entry.usd * 50) / 100;
		});
		const edited = await waitFor("the edited version on /healthz", async () => {
			const h = await health();
			return h.catalog.version !== before.catalog.version ? h : null;
		});
		expect(edited.reloadError).toBeNull();

		t.editPrices("cloud-aws.yaml", (entries) => {
			entries[0]!.usd = -1;
		});
		const refused = await waitFor("the refusal on /healthz", async () => {
			const h = await health();
			return h.reloadError ? h : null;
		});
		expect(refused.reloadError).toMatchObject({ file: "prices/cloud-aws.yaml", field: "usd" });
		expect(refused.catalog.version).toBe(edited.catalog.version);
		expect(stringify(refused.reloadError)).toMatch(/@aws\//);
	});
});
