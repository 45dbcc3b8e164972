// The Discord transport end to end: the real server (startServer, one listener), interactions signed
// with a fresh Ed25519 key as Discord signs them, and a local stand-in for Discord's REST API that
// records the edits of deferred responses. Expected figures come from the sizing core's JSON (runFit)
// and arithmetic written here, never from a rendered embed.
import type { APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFit } from "../../commands/fit.js";
import { findCommand } from "../../commands/index.js";
import { normalizeName } from "../../src/catalog/names.js";
import { openCatalogStore } from "../../src/catalog/open.js";
import { formatGiB, roundTokens } from "../../src/core/units.js";
import { EMBED_COLOURS } from "../../src/render/embed.js";
import { uiStrings } from "../../src/render/locale.js";
import type { RunningServer } from "../../src/transports/server.js";
import { answered } from "../support/answered.js";
import { type DiscordApiStandIn, startDiscordApi } from "../support/discord-api.js";
import { embedText, embedViolations } from "../support/discord-embed.js";
import { DISCORD_APP_ID, discordEnv } from "../support/discord-env.js";
import { commandInteraction, postInteraction, type SigningKeys, signInteraction, signingKeys } from "../support/discord-sign.js";
import { FIXTURE_CATALOG_DIR } from "../support/fixture-catalog.js";
import { serveOnLoopback } from "../support/loopback-server.js";

const REQUEST = "deepseek-r1 on 16x H100";
const FIT_OPTIONS = { model: "deepseek-r1", hardware: "16x H100" };
const EPHEMERAL = 1 << 6;

const store = openCatalogStore(FIXTURE_CATALOG_DIR);
const catalog = () => store.current();
const logLines: string[] = [];

let keys: SigningKeys;
let api: DiscordApiStandIn;
let main: RunningServer;
const servers: RunningServer[] = [];

async function serve(extra: Record<string, string> = {}): Promise<RunningServer> {
	const server = await serveOnLoopback({ ...discordEnv(keys, api.apiUrl), GPUFIT_RATE_LIMIT: "off", ...extra }, store, logLines);
	servers.push(server);
	return server;
}

/** Signs and sends an interaction payload; returns Discord's view of the answer. */
async function send(server: RunningServer, payload: unknown) {
	return postInteraction(server.url, signInteraction(keys, payload));
}

// biome-ignore lint/suspicious/noExplicitAny: interaction responses are checked field by field
const embedOf = (json: any): APIEmbed => json.data.embeds[0];
const field = (e: APIEmbed, name: string) => e.fields?.find((f) => f.name === name)?.value ?? "";

beforeAll(async () => {
	keys = signingKeys();
	api = await startDiscordApi();
	main = await serve();
});

afterAll(async () => {
	for (const s of servers) await s.close();
	await api.close();
});

/** The model name the fit card of REQUEST names. */
const modelName = () => answered(runFit(catalog(), REQUEST)).model.name;

describe("Discord on the shared listener", () => {
	it("mounts at POST /discord/interactions, and is off with a line saying how when a variable is missing", async () => {
		expect(main.routes.map((r) => r.path)).toContain("/discord/interactions");
		const lines: string[] = [];
		const env = { DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_APPLICATION_ID: DISCORD_APP_ID };
		const off = await serveOnLoopback(env, store, lines);
		servers.push(off);
		expect(off.routes.some((r) => r.path === "/discord/interactions")).toBe(false);
		expect(lines.join("\n")).toMatch(/DISCORD_PUBLIC_KEY, DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN/);
		expect((await postInteraction(off.url, signInteraction(keys, { type: 1 }))).status).toBe(404);
	});

	it("takes only POST", async () => {
		expect((await fetch(`${main.url}/discord/interactions`)).status).toBe(405);
	});

	it("answers PING with PONG", async () => {
		const r = await send(main, { type: 1, id: "1", application_id: DISCORD_APP_ID, token: "t", version: 1 });
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ type: 1 });
	});
});

describe("signatures (Discord probes these before it accepts the endpoint)", () => {
	const ping = { type: 1, id: "1", application_id: DISCORD_APP_ID, token: "t", version: 1 };

	it("rejects a signature made with another key", async () => {
		const other = signingKeys();
		const r = await postInteraction(main.url, signInteraction(other, ping));
		expect(r.status).toBe(401);
	});

	it("rejects a request without a signature, or without a timestamp", async () => {
		const signed = signInteraction(keys, ping);
		expect((await postInteraction(main.url, { body: signed.body })).status).toBe(401);
		expect((await postInteraction(main.url, { body: signed.body, timestamp: signed.timestamp })).status).toBe(401);
		expect((await postInteraction(main.url, { body: signed.body, signature: signed.signature })).status).toBe(401);
		expect((await postInteraction(main.url, { ...signed, signature: "zz" })).status).toBe(401);
	});

	it("rejects a replayed request whose body or timestamp was changed", async () => {
		const payload = commandInteraction("fit", FIT_OPTIONS);
		const signed = signInteraction(keys, payload);
		expect((await postInteraction(main.url, signed)).status).toBe(200);
		const changed = JSON.stringify({ ...payload, data: { ...payload.data, name: "gpus" } });
		expect((await postInteraction(main.url, { ...signed, body: changed })).status).toBe(401);
		expect((await postInteraction(main.url, { ...signed, timestamp: String(Number(signed.timestamp) + 1) })).status).toBe(401);
	});
});

/** What a /fit embed must say, checked against the sizing core's JSON for the same request. */
// biome-ignore lint/suspicious/noExplicitAny: the contract's JSON, read field by field
function expectFitEmbed(e: APIEmbed, json: any, locale: "en" | "zh" = "en") {
	const ui = uiStrings(locale);
	expect(e.title).toContain(ui.verdict[json.verdict as "fits"]);
	expect(e.title).toContain(json.model.name);
	expect(e.color).toBe(EMBED_COLOURS[json.verdict as "fits"]);
	const text = embedText(e);
	expect(text).toContain(formatGiB(json.memory.marginBytes));
	// Token counts as people say them (the exact count is in --json).
	expect(text).toContain(roundTokens(json.limits.maxKvTokens));
	expect(text).toContain(`TP${json.layout.tp}×PP${json.layout.pp}`);
	expect(text).toContain(`$${json.cost.hourlyUsd.toFixed(2)}/`);
	expect(text).toContain(`${json.hardware.count}×`);
	// The JSON's notes are English; a Chinese card says them in Chinese (checked by the zh test).
	if (locale === "en") for (const note of json.notes) expect(text).toContain(note);
	for (const request of json.suggestedRequests) expect(text).toContain(`model:${request.split(" ")[0]}`);
	// The memory bar: weights' share of the capacity, in cells of the bar however wide it is.
	const bar = /`([█▒░·]+)`/.exec(field(e, ui.perGpu))?.[1] ?? "";
	expect(bar.length).toBeGreaterThan(10);
	const weightsCells = [...bar].filter((c) => c === "█").length;
	expect(weightsCells).toBe(Math.round((json.memory.weightsBytes / json.memory.capacityBytes) * bar.length));
	expect(e.footer?.text).toContain(catalog().version);
}

describe("/fit", () => {
	it("answers inline with an embed carrying the core's verdict and figures", async () => {
		const before = api.requests.length;
		const r = await send(main, commandInteraction("fit", FIT_OPTIONS));
		expect(r.status).toBe(200);
		expect(r.json?.type).toBe(4);
		// biome-ignore lint/suspicious/noExplicitAny: checked field by field
		const data = (r.json as any).data;
		expect(data.flags ?? 0).toBe(0); // everyone in the channel sees an answer
		expect(data.allowed_mentions).toEqual({ parse: [] });
		expectFitEmbed(embedOf(r.json), runFit(catalog(), REQUEST).json);
		expect(embedViolations(embedOf(r.json))).toEqual([]);
		expect(api.requests.length).toBe(before); // nothing went through REST
	});

	it("passes every option through the grammar", async () => {
		const options = { ...FIT_OPTIONS, precision: "fp8", context: "32k", users: 8, engine: "sglang", kv: "fp8" };
		const r = await send(main, commandInteraction("fit", options));
		const json = answered(runFit(catalog(), "deepseek-r1 fp8 on 16x H100 ctx 32k users 8 engine sglang kv fp8"));
		expect(json.context).toBe(32 * 1024);
		expect(json.users).toBe(8);
		expect(json.engine).toBe("sglang");
		expectFitEmbed(embedOf(r.json), json);
	});

	it("defers past the deadline and edits the original response through REST with the same answer", async () => {
		const slow = await serve({ DISCORD_DEFER_AFTER_MS: "0" });
		const payload = commandInteraction("fit", FIT_OPTIONS);
		const r = await send(slow, payload);
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ type: 5 });
		const edit = await api.waitFor((q) => q.method === "PATCH" && q.path.includes(payload.token));
		expect(edit.version).toBe("10");
		expect(edit.path).toBe(`/webhooks/${DISCORD_APP_ID}/${payload.token}/messages/@original`);
		expect(edit.headers.authorization).toBeUndefined(); // the interaction token authenticates, not the bot's
		// biome-ignore lint/suspicious/noExplicitAny: checked field by field
		const body = edit.body as any;
		expect(body.allowed_mentions).toEqual({ parse: [] });
		expectFitEmbed(body.embeds[0], runFit(catalog(), REQUEST).json);
	});

	it("answers 30 concurrent commands, each with its own figures", async () => {
		const counts = Array.from({ length: 30 }, (_, i) => 8 * (1 + (i % 6)));
		const answers = await Promise.all(
			counts.map((n, i) =>
				send(main, commandInteraction("fit", { model: "deepseek-r1", hardware: `${n}x H100` }, { userId: `u${i}` })),
			),
		);
		for (const [i, r] of answers.entries()) {
			const json = answered(runFit(catalog(), `deepseek-r1 on ${counts[i]}x H100`));
			expect(embedOf(r.json).title).toContain(`${counts[i]}x`);
			expect(embedOf(r.json).color).toBe(EMBED_COLOURS[json.verdict]);
			// One figure for the margin: what is left, or what is missing before any KV cache (as the headline says it).
			const margin =
				json.verdict === "no-fit" ? -json.perGpu.kvBudgetBytes * json.hardware.count : Math.abs(json.memory.marginBytes);
			expect(field(embedOf(r.json), "Margin")).toContain(formatGiB(margin));
			if (json.verdict === "no-fit") expect(embedOf(r.json).description).toContain(formatGiB(margin));
			expect(field(embedOf(r.json), "Margin")).not.toMatch(/-\d/);
		}
	});

	it("answers an unknown GPU with an ephemeral embed naming the closest GPUs", async () => {
		const r = await send(main, commandInteraction("fit", { model: "deepseek-r1", hardware: "16x H1000" }));
		// biome-ignore lint/suspicious/noExplicitAny: checked field by field
		const data = (r.json as any).data;
		expect(r.json?.type).toBe(4);
		expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
		const expected = runFit(catalog(), "deepseek-r1 on 16x H1000").json as {
			error: { code: string; message: string; suggestions: string[] };
		};
		expect(expected.error.code).toBe("unknown_gpu");
		expect(expected.error.suggestions.length).toBeGreaterThan(0);
		const e = embedOf(r.json);
		expect(e.title).toBe(uiStrings("en").notUnderstood);
		expect(e.color).toBe(EMBED_COLOURS.error);
		// In Discord's own options, never the text grammar's "on <count>x <gpu>".
		expect(e.description).toMatch(/^hardware: unknown GPU "h1000"\. Did you mean h100-sxm/);
		expect(e.description).not.toMatch(/ on |Grammar/);
		for (const name of expected.error.suggestions) expect(field(e, uiStrings("en").tryInstead)).toContain(`hardware:16x ${name}`);
	});

	it("speaks Chinese chrome to zh-CN and zh-TW users, English to others", async () => {
		const json = answered(runFit(catalog(), REQUEST));
		for (const locale of ["zh-CN", "zh-TW"]) {
			const r = await send(main, commandInteraction("fit", FIT_OPTIONS, { locale }));
			const e = embedOf(r.json);
			expectFitEmbed(e, json, "zh");
			const names = (e.fields ?? []).map((f) => f.name);
			expect(names).toContain(uiStrings("zh").perGpu);
			expect(names).toContain(uiStrings("zh").why);
			expect(names).not.toContain(uiStrings("en").why);
			// The command's own words follow the asker's locale too: its labels and its notes.
			const zh = runFit(catalog(), REQUEST, "zh").reply;
			for (const f of zh.fields) expect(names).toContain(f.label);
			for (const note of zh.notes) expect(embedText(e)).toContain(note);
		}
		const fr = embedOf((await send(main, commandInteraction("fit", FIT_OPTIONS, { locale: "fr" }))).json);
		expect(fr.title).toContain(uiStrings("en").verdict[json.verdict]);
	});
});

describe("autocomplete", () => {
	const complete = async (command: string, options: Record<string, string>, focused: string) => {
		const r = await send(main, commandInteraction(command, options, { type: 4, focused }));
		expect(r.json?.type).toBe(8);
		// biome-ignore lint/suspicious/noExplicitAny: checked field by field
		const choices = (r.json as any).data.choices as { name: string; value: string }[];
		expect(choices.length).toBeLessThanOrEqual(25);
		for (const c of choices) {
			expect(c.name.length).toBeGreaterThan(0);
			expect(c.name.length).toBeLessThanOrEqual(100);
			expect(c.value.length).toBeLessThanOrEqual(100);
		}
		return choices;
	};

	it("offers deepseek-r1 and deepseek-v3 for 'deeps', and every model whose name or alias contains it", async () => {
		const values = (await complete("fit", { model: "deeps" }, "model")).map((c) => c.value);
		expect(values).toContain("deepseek-r1");
		expect(values).toContain("deepseek-v3");
		const expected = catalog()
			.models.filter((m) => [m.id, m.name, ...m.aliases].some((n) => normalizeName(n).includes("deeps")))
			.map((m) => m.id);
		expect(new Set(values)).toEqual(new Set(expected.slice(0, 25)));
	});

	it("finds a model by an alias, for /recommend too", async () => {
		const model = catalog().models.find((m) => m.id === "deepseek-r1");
		const alias = model?.aliases[0] ?? "";
		expect(alias).not.toBe("");
		for (const command of ["fit", "recommend"]) {
			expect((await complete(command, { model: alias }, "model")).map((c) => c.value)).toContain("deepseek-r1");
		}
	});

	it("completes hardware with counts: the typed count kept, or one server's worth offered", async () => {
		const typed = await complete("fit", { model: "deepseek-r1", hardware: "16x h1" }, "hardware");
		expect(typed.length).toBeGreaterThan(0);
		for (const c of typed) expect(c.value.startsWith("16x ")).toBe(true);
		expect(typed.map((c) => c.value)).toContain("16x h100-sxm");
		const nodes = await complete("fit", { model: "deepseek-r1", hardware: "2x8 H200" }, "hardware");
		expect(nodes.map((c) => c.value)).toContain("2x8 h200-sxm");
		const h200 = catalog().gpus.find((g) => g.id === "h200-sxm");
		const bare = await complete("fit", { model: "deepseek-r1", hardware: "h200" }, "hardware");
		expect(bare.map((c) => c.value)).toContain(`${h200?.gpusPerServer}x h200-sxm`);
		// Every choice is something /fit understands.
		for (const c of [...typed, ...nodes, ...bare]) {
			expect(runFit(catalog(), `deepseek-r1 on ${c.value}`).exitCode).toBe(0);
		}
	});
});

describe("other commands", () => {
	it("/recommend answers through the registry, or says politely that it is not available yet", async () => {
		const r = await send(main, commandInteraction("recommend", { model: "deepseek-r1", context: "32k", users: 10 }));
		expect(r.json?.type).toBe(4);
		// biome-ignore lint/suspicious/noExplicitAny: checked field by field
		const data = (r.json as any).data;
		const spec = findCommand("recommend");
		if (spec === null) {
			expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
			expect(embedOf(r.json).description).toBe(uiStrings("en").notAvailable("/recommend"));
		} else {
			const result = spec.run(catalog(), "deepseek-r1 ctx 32k users 10");
			expect(data.flags ?? 0).toBe(result.exitCode === 0 ? 0 : EPHEMERAL);
			expect(embedOf(r.json).description).toContain(result.reply.headline);
		}
	});

	it("/help answers how to ask, in Discord's options, for everyone to see", async () => {
		const r = await send(main, commandInteraction("help", {}));
		expect(r.json?.type).toBe(4);
		// biome-ignore lint/suspicious/noExplicitAny: checked field by field
		expect((r.json as any).data.flags ?? 0).toBe(0);
		const e = embedOf(r.json);
		expect(e.description).toMatch(/^\/fit asks with model: .* hardware: /);
		expect(embedText(e)).toContain("/fit model:deepseek-r1 hardware:16x h100");
		expect(embedViolations(e)).toEqual([]);
	});

	it("/gpus lists the whole catalog within Discord's embed limits", async () => {
		const e = embedOf((await send(main, commandInteraction("gpus", {}))).json);
		expect(embedViolations(e)).toEqual([]);
		const shown = catalog().gpus.filter((g) => embedText(e).includes(`\`${g.id}\``)).length;
		const more = /…and (\d+) more/.exec(embedText(e));
		expect(shown + Number(more?.[1] ?? 0)).toBe(catalog().gpus.length);
		const filtered = embedOf((await send(main, commandInteraction("gpus", { filter: "h100" }))).json);
		const h100s = catalog().gpus.filter((g) => [g.id, g.name, ...g.aliases].some((n) => normalizeName(n).includes("h100")));
		for (const g of h100s) expect(filtered.description).toContain(`\`${g.id}\``);
	});

	it("limits each user's requests per minute with a friendly ephemeral reply", async () => {
		const limited = await serve({ GPUFIT_RATE_LIMIT: "2" });
		const ask = (userId: string) => send(limited, commandInteraction("fit", FIT_OPTIONS, { userId }));
		for (let i = 0; i < 2; i++) expect(embedOf((await ask("busy")).json).title).toContain(modelName());
		const refused = await ask("busy");
		// biome-ignore lint/suspicious/noExplicitAny: checked field by field
		expect((refused.json as any).data.flags & EPHEMERAL).toBe(EPHEMERAL);
		const waits = [58, 59, 60].map((s) => uiStrings("en").rateLimited(2, s));
		expect(waits).toContain(embedOf(refused.json).description);
		expect(embedOf((await ask("calm")).json).title).toContain(modelName());
	});
});
