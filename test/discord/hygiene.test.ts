// Requests Discord signed but that are not what Discord sends (issue 15, failures 7 and 8): a malformed
// interaction gets 400 with the field named, never a 500; a correctly signed request whose timestamp lies more
// than five minutes from now (a captured request, replayed) gets 401.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCatalogStore } from "../../src/catalog/open.js";
import type { RunningServer } from "../../src/transports/server.js";
import { type DiscordApiStandIn, startDiscordApi } from "../support/discord-api.js";
import { discordEnv } from "../support/discord-env.js";
import { commandInteraction, postInteraction, type SigningKeys, signInteraction, signingKeys } from "../support/discord-sign.js";
import { FIXTURE_CATALOG_DIR } from "../support/fixture-catalog.js";
import { serveOnLoopback } from "../support/loopback-server.js";

let keys: SigningKeys;
let api: DiscordApiStandIn;
let server: RunningServer;
const lines: string[] = [];

beforeAll(async () => {
	keys = signingKeys();
	api = await startDiscordApi();
	const env = {
		...discordEnv(keys, api.apiUrl, "discord-hygiene-test"),
		GPUFIT_RATE_LIMIT: "off",
	};
	server = await serveOnLoopback(env, openCatalogStore(FIXTURE_CATALOG_DIR), lines);
});

afterAll(async () => {
	await server.close();
	await api.close();
});

// biome-ignore lint/suspicious/noExplicitAny: interactions are bent out of shape on purpose
type Json = any;
const fitCommand = (): Json => commandInteraction("fit", { model: "deepseek-r1", hardware: "16x H100" });
const send = (payload: unknown, timestamp?: string) => postInteraction(server.url, signInteraction(keys, payload, timestamp));

describe("malformed but validly signed interactions", () => {
	it.each<[string, (i: Json) => unknown, RegExp]>([
		["a command without data", ({ data: _, ...i }) => i, /data: missing/],
		["data that is not an object", (i) => ({ ...i, data: "fit" }), /data: expected object/],
		["member without user", (i) => ({ ...i, member: { roles: [] } }), /member\.user: missing/],
		["neither member nor user", ({ member: _, ...i }) => i, /who asked is unknown/],
		[
			"options that is not an array",
			(i) => ({ ...i, data: { ...i.data, options: { model: "r1" } } }),
			/data\.options: expected array/,
		],
		[
			"an option value that is an object",
			(i) => ({ ...i, data: { ...i.data, options: [{ name: "model", type: 3, value: {} }] } }),
			/data\.options\.0\.value/,
		],
		["a command without its name", (i) => ({ ...i, data: { ...i.data, name: undefined } }), /data\.name: missing/],
		["no token", ({ token: _, ...i }) => i, /token: missing/],
		["autocomplete without data", ({ data: _, ...i }) => ({ ...i, type: 4 }), /data: missing/],
		["a type that is not a number", (i) => ({ ...i, type: "2" }), /type: expected a number/],
		["no type", ({ type: _, ...i }) => i, /type: missing/],
		["a type gpufit does not handle", (i) => ({ ...i, type: 3 }), /interaction type 3 not handled/],
	])("%s gets 400 with the reason", async (_, bend, reason) => {
		const r = await send(bend(fitCommand()));
		expect(r.status).toBe(400);
		expect(String(r.json?.error)).toMatch(reason);
	});

	it("a well-formed command still answers", async () => {
		const r = await send(fitCommand());
		expect(r.status).toBe(200);
		expect(r.json?.type).toBe(4);
	});

	it("any field of a command or an autocomplete replaced by any JSON gets 200 or 400, never a 500", async () => {
		const paths = [
			["type"],
			["token"],
			["data"],
			["data", "name"],
			["data", "type"],
			["data", "options"],
			["data", "options", 0],
			["data", "options", 0, "name"],
			["data", "options", 0, "value"],
			["data", "options", 0, "focused"],
			["member"],
			["member", "user"],
			["member", "user", "id"],
			["user"],
			["locale"],
			["guild_locale"],
		] as const;
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...paths),
				fc.oneof(fc.jsonValue(), fc.constant(undefined)),
				fc.constantFrom(2, 4),
				async (path, value, type) => {
					const i: Json = { ...fitCommand(), type };
					if (type === 4) i.data.options[0].focused = true;
					let at: Json = i;
					for (const key of path.slice(0, -1)) {
						if (at === null || typeof at !== "object") return;
						at = at[key];
					}
					if (at === null || typeof at !== "object") return;
					at[path[path.length - 1] as string] = value;
					const r = await send(i);
					expect([200, 400]).toContain(r.status);
					if (r.status === 400) expect(typeof r.json?.error).toBe("string");
				},
			),
			{ numRuns: 150 },
		);
		expect(lines.join("\n")).not.toMatch(/handler failed|request failed/);
	});
});

describe("the replay window", () => {
	const now = () => Math.floor(Date.now() / 1000);

	it("a correctly signed request from more than five minutes ago gets 401", async () => {
		const r = await send(fitCommand(), String(now() - 5 * 60 - 10));
		expect(r.status).toBe(401);
		expect(String(r.json?.error)).toMatch(/5 minutes/);
	});

	it("so does one signed more than five minutes ahead", async () => {
		expect((await send(fitCommand(), String(now() + 5 * 60 + 10))).status).toBe(401);
	});

	it("a request signed a minute ago, or a minute ahead (clock skew), is answered", async () => {
		expect((await send(fitCommand(), String(now() - 60))).status).toBe(200);
		expect((await send(fitCommand(), String(now() + 60))).status).toBe(200);
	});

	it("a PING from another time is refused too (Discord's endpoint check sends fresh ones)", async () => {
		expect((await send({ type: 1 }, String(now() - 3600))).status).toBe(401);
		expect((await send({ type: 1 })).json).toEqual({ type: 1 });
	});
});
