// Discord's charts end to end: the real server, signed interactions, and a local stand-in for Discord's REST API
// that records the multipart edit discord.js's REST client sends. The expected PNG is drawn here by the renderer
// from the core's own answer, so the bytes Discord receives must be the chart of that answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFit } from "../../commands/fit.js";
import { openCatalogStore } from "../../src/catalog/open.js";
import type { RunningServer } from "../../src/transports/server.js";
import { expectedChart, settled } from "../support/chart-delivery.js";
import { type DiscordApiStandIn, type RecordedRequest, startDiscordApi } from "../support/discord-api.js";
import { DISCORD_APP_ID, discordEnv } from "../support/discord-env.js";
import { commandInteraction, postInteraction, type SigningKeys, signInteraction, signingKeys } from "../support/discord-sign.js";
import { serverError } from "../support/faults.js";
import { FIXTURE_CATALOG_DIR } from "../support/fixture-catalog.js";
import { serveOnLoopback } from "../support/loopback-server.js";

const FIT = "deepseek-r1 on 16x H100";
const FIT_OPTIONS = { model: "deepseek-r1", hardware: "16x H100" };

const store = openCatalogStore(FIXTURE_CATALOG_DIR);
const logLines: string[] = [];
const servers: RunningServer[] = [];
let keys: SigningKeys;
let api: DiscordApiStandIn;

async function serve(extra: Record<string, string> = {}): Promise<RunningServer> {
	const server = await serveOnLoopback({ ...discordEnv(keys, api.apiUrl), GPUFIT_RATE_LIMIT: "off", ...extra }, store, logLines);
	servers.push(server);
	return server;
}

/** Sends an interaction; its response as JSON, read field by field. */
async function ask(server: RunningServer, payload: unknown) {
	const r = await postInteraction(server.url, signInteraction(keys, payload));
	// biome-ignore lint/suspicious/noExplicitAny: Discord's interaction response JSON
	return { status: r.status, json: r.json as any };
}

const editOf = (token: string) => (r: RecordedRequest) =>
	r.method === "PATCH" && r.path === `/webhooks/${DISCORD_APP_ID}/${token}/messages/@original`;
const isMultipart = (r: RecordedRequest) => String(r.headers["content-type"]).startsWith("multipart/form-data");

/** The multipart edit as Discord reads it: payload_json and the files, by field name. */
async function multipart(r: RecordedRequest) {
	const form = await new Response(new Uint8Array(r.raw), {
		headers: { "content-type": String(r.headers["content-type"]) },
	}).formData();
	// biome-ignore lint/suspicious/noExplicitAny: Discord's message JSON, read field by field
	const payload: any = JSON.parse(String(form.get("payload_json")));
	const file = form.get("files[0]");
	if (file === null || typeof file === "string") throw new Error("no files[0] in the edit");
	return { payload, file, bytes: Buffer.from(await file.arrayBuffer()) };
}

beforeAll(async () => {
	keys = signingKeys();
	api = await startDiscordApi();
});

afterAll(async () => {
	for (const s of servers) await s.close();
	await api.close();
});

describe("Discord charts", () => {
	it("attaches the PNG the renderer makes to the inline answer, shown in its embed through attachment://", async () => {
		const server = await serve();
		const chart = await expectedChart("fit", runFit(store.current(), FIT));
		const payload = commandInteraction("fit", FIT_OPTIONS);
		const r = await ask(server, payload);
		// The answer went inline, without its chart: the chart follows as an edit.
		expect(r.json.type).toBe(4);
		const embed = r.json.data.embeds[0];
		expect(embed.image).toBeUndefined();

		const edit = await api.waitFor(editOf(payload.token), 10_000);
		expect(isMultipart(edit)).toBe(true);
		expect(edit.headers.authorization).toBeUndefined();
		const { payload: message, file, bytes } = await multipart(edit);
		expect(file.name).toBe(chart.fileName);
		expect(bytes.equals(chart.png)).toBe(true);
		expect(message.embeds[0].image).toEqual({ url: `attachment://${chart.fileName}` });
		// The same card as the answer, now with its picture.
		expect(message.embeds[0].title).toBe(embed.title);
		expect(message.embeds[0].fields).toEqual(embed.fields);
		expect(message.attachments).toEqual([
			{ id: 0, filename: chart.fileName, description: expect.stringContaining("DeepSeek-R1") },
		]);
		expect(message.allowed_mentions).toEqual({ parse: [] });
	});

	it("attaches it after the edit of a deferred answer, never before", async () => {
		const server = await serve({ DISCORD_DEFER_AFTER_MS: "0" });
		const payload = commandInteraction("fit", FIT_OPTIONS);
		const r = await ask(server, payload);
		expect(r.json).toEqual({ type: 5 });
		await api.waitFor((q) => editOf(payload.token)(q) && isMultipart(q), 10_000);
		const edits = api.requests.filter(editOf(payload.token));
		expect(edits.map(isMultipart)).toEqual([false, true]);
		// biome-ignore lint/suspicious/noExplicitAny: Discord's message JSON
		expect((edits[0]!.body as any).embeds[0].image).toBeUndefined();
	});

	it("still answers when the attachment is refused, and logs the failure once", async () => {
		const server = await serve();
		api.failNextEdits(serverError(413));
		const payload = commandInteraction("fit", FIT_OPTIONS);
		const r = await ask(server, payload);
		expect(r.status).toBe(200);
		expect(r.json.type).toBe(4);
		expect(r.json.data.embeds[0].title).toContain("DeepSeek-R1");
		await settled(server);
		const refused = api.requests.filter(editOf(payload.token));
		expect(refused.map((q) => q.answer)).toEqual(["413"]);
		const failures = logLines.filter((l) => l.includes("discord chart not attached"));
		expect(failures).toHaveLength(1);
	});

	it("attaches nothing to an answer without a chart, or with GPUFIT_CHARTS=off", async () => {
		const server = await serve();
		const off = await serve({ GPUFIT_CHARTS: "off" });
		const unknownGpu = commandInteraction("fit", { model: "deepseek-r1", hardware: "16x nosuchgpu" });
		const gpus = commandInteraction("gpus", {});
		const fitOff = commandInteraction("fit", FIT_OPTIONS);
		expect((await ask(server, unknownGpu)).json.type).toBe(4);
		expect((await ask(server, gpus)).json.type).toBe(4);
		expect((await ask(off, fitOff)).json.type).toBe(4);
		await settled(server);
		await settled(off);
		for (const p of [unknownGpu, gpus, fitOff]) expect(api.requests.filter(editOf(p.token))).toEqual([]);
	});
});
