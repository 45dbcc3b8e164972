// `gpufit register-discord` through the real CLI entry: what reaches the (stand-in) Discord API is
// exactly what the builders produce, at the guild route when DISCORD_GUILD_ID is set, else globally.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ENGINE_IDS } from "../../src/core/types.js";
import { main } from "../../src/transports/cli.js";
import { DISCORD_COMMANDS } from "../../src/transports/discord/definitions.js";
import { type DiscordApiStandIn, startDiscordApi } from "../support/discord-api.js";

const APP_ID = "998877665544332211";
const GUILD_ID = "123123123123123123";
const TOKEN = "register-test-bot-token";
const VARS = ["DISCORD_APPLICATION_ID", "DISCORD_BOT_TOKEN", "DISCORD_API_URL", "DISCORD_GUILD_ID"] as const;

let api: DiscordApiStandIn;
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));

function setEnv(values: Partial<Record<(typeof VARS)[number], string>>) {
	for (const k of VARS) {
		if (values[k] === undefined) delete process.env[k];
		else process.env[k] = values[k];
	}
}

beforeAll(async () => {
	api = await startDiscordApi();
});
afterEach(() => {
	for (const k of VARS) {
		if (saved[k] === undefined) delete process.env[k];
		else process.env[k] = saved[k];
	}
});
afterAll(() => api.close());

// The builders' output as JSON travels: what Discord must receive, byte for byte.
const built = () => JSON.parse(JSON.stringify(DISCORD_COMMANDS.map((c) => c.toJSON())));

describe("register-discord", () => {
	it("registers globally without DISCORD_GUILD_ID", async () => {
		setEnv({ DISCORD_APPLICATION_ID: APP_ID, DISCORD_BOT_TOKEN: TOKEN, DISCORD_API_URL: api.apiUrl });
		const before = api.requests.length;
		expect(await main(["register-discord"])).toBe(0);
		const sent = api.requests.slice(before);
		expect(sent).toHaveLength(1);
		expect(sent[0]?.method).toBe("PUT");
		expect(sent[0]?.version).toBe("10");
		expect(sent[0]?.path).toBe(`/applications/${APP_ID}/commands`);
		expect(sent[0]?.headers.authorization).toBe(`Bot ${TOKEN}`);
		expect(sent[0]?.body).toEqual(built());
	});

	it("registers in one server with DISCORD_GUILD_ID", async () => {
		setEnv({ DISCORD_APPLICATION_ID: APP_ID, DISCORD_BOT_TOKEN: TOKEN, DISCORD_API_URL: api.apiUrl, DISCORD_GUILD_ID: GUILD_ID });
		const before = api.requests.length;
		expect(await main(["register-discord"])).toBe(0);
		const sent = api.requests.slice(before);
		expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /applications/${APP_ID}/guilds/${GUILD_ID}/commands`]);
		expect(sent[0]?.body).toEqual(built());
	});

	it("says what to set, and sends nothing, without the application id or token", async () => {
		setEnv({ DISCORD_API_URL: api.apiUrl });
		const before = api.requests.length;
		expect(await main(["register-discord"])).toBe(2);
		expect(api.requests.length).toBe(before);
	});

	it("exits 1 when Discord refuses", async () => {
		setEnv({ DISCORD_APPLICATION_ID: APP_ID, DISCORD_BOT_TOKEN: TOKEN, DISCORD_API_URL: `${api.apiUrl}/missing` });
		expect(await main(["register-discord"])).toBe(1);
	});
});

describe("the command definitions", () => {
	// biome-ignore lint/suspicious/noExplicitAny: the builders' JSON, read field by field
	const byName = (name: string): any => built().find((c: { name: string }) => c.name === name);
	// biome-ignore lint/suspicious/noExplicitAny: as above
	const option = (command: string, name: string): any => byName(command).options.find((o: { name: string }) => o.name === name);

	it("defines /fit, /recommend, /compare, /gpus, /models and /help", () => {
		expect(built().map((c: { name: string }) => c.name)).toEqual(["fit", "recommend", "compare", "gpus", "models", "help"]);
	});

	it("/fit: model and hardware required with autocomplete; precision, context, users and engine optional", () => {
		for (const name of ["model", "hardware"]) {
			expect(option("fit", name)).toMatchObject({ type: 3, required: true, autocomplete: true });
		}
		expect(option("fit", "precision").required ?? false).toBe(false);
		expect(option("fit", "precision").choices.map((c: { value: string }) => c.value)).toContain("fp8");
		expect(option("fit", "context")).toMatchObject({ type: 3 });
		expect(option("fit", "users")).toMatchObject({ type: 4, min_value: 1 });
		expect(option("fit", "engine").choices.map((c: { value: string }) => c.value)).toEqual([...ENGINE_IDS]);
		// Required options come first, as Discord demands.
		const required = byName("fit").options.map((o: { required?: boolean }) => o.required === true);
		expect(required.indexOf(false)).toBe(required.lastIndexOf(true) + 1);
	});

	it("/recommend: model with autocomplete and rent or buy", () => {
		expect(option("recommend", "model")).toMatchObject({ required: true, autocomplete: true });
		expect(option("recommend", "price").choices.map((c: { value: string }) => c.value)).toEqual(["rent", "buy"]);
		expect(option("recommend", "hardware")).toBeUndefined();
	});
});
