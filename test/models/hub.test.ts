// The hub client against a local stand-in of the hub over real HTTP: it reads what the contract
// allows and nothing more, sends HF_TOKEN, caches in memory and on disk by sha, and turns each way a
// fetch can fail into its error code with a message for people.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { HubClient, type HubClientOptions, type HubResult, hubClientFromEnv } from "../../src/models/hub.js";
import { parseLenientJson } from "../../src/models/json-lenient.js";
import { type HubStandIn, hubFixture, type StandInRepo, startHubStandIn } from "../support/hub-stand-in.js";

const QWEN = "Qwen/Qwen3.5-35B-A3B";
const LLAMA_FP8 = "nvidia/Llama-3.1-70B-Instruct-FP8";
const NEMOTRON = "nvidia/Nemotron-H-56B-Base-8K";
const SHA_QWEN = "0123456789abcdef0123456789abcdef01234567";
const SHA_LLAMA = "89abcdef0123456789abcdef0123456789abcdef";
const SHA_NEMOTRON = "fedcba9876543210fedcba9876543210fedcba98";
const SHA_NEW = "1111111111111111111111111111111111111111";
const INDEX_TOTAL = 4 * 17_179_869_184 + 123; // four 16 GiB shards and a little more
const INDEX_TEXT = JSON.stringify({
	metadata: { total_size: INDEX_TOTAL },
	weight_map: { "lm_head.weight": "model-00001-of-00004.safetensors" },
});
const LLAMA_PARAMS = { BF16: 2_101_346_304, F8_E4M3: 68_452_352_000 };

function table(): Record<string, StandInRepo> {
	return {
		[QWEN]: {
			sha: SHA_QWEN,
			files: { "config.json": hubFixture(QWEN), "model.safetensors.index.json": INDEX_TEXT },
			lastModified: "2026-02-24T08:00:00.000Z",
		},
		[LLAMA_FP8]: {
			sha: SHA_LLAMA,
			files: { "config.json": hubFixture(LLAMA_FP8), "hf_quant_config.json": hubFixture(LLAMA_FP8, "hf_quant_config") },
			parameters: LLAMA_PARAMS,
		},
		[NEMOTRON]: { sha: SHA_NEMOTRON, files: { "config.json": hubFixture(NEMOTRON) } },
	};
}

let hub: HubStandIn | undefined;
const dirs: string[] = [];
afterEach(async () => {
	await hub?.close();
	hub = undefined;
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function standIn(repos: Record<string, StandInRepo> = table()): Promise<HubStandIn> {
	hub = await startHubStandIn(repos);
	return hub;
}

function tempDir(): string {
	const d = mkdtempSync(join(tmpdir(), "gpufit-hub-"));
	dirs.push(d);
	return d;
}

function client(h: HubStandIn, o: Partial<HubClientOptions> = {}): HubClient {
	return new HubClient({ endpoint: h.url, ...o });
}

function urls(h: HubStandIn): string[] {
	return h.requests.map((r) => r.url);
}

function ok(r: HubResult): Extract<HubResult, { ok: true }> {
	if (!r.ok) throw new Error(`expected success, got ${r.code}: ${r.message}`);
	return r;
}

function failed(r: HubResult): Extract<HubResult, { ok: false }> {
	if (r.ok) throw new Error(`expected a failure, got ${r.files.repo} from ${r.from}`);
	return r;
}

describe("HubClient: what it reads", () => {
	it("reads the API answer, config.json and the listed index at the API's sha, and nothing else", async () => {
		const h = await standIn();
		const r = ok(await client(h).fetchModel(QWEN));
		expect(r.from).toBe("network");
		expect(urls(h)[0]).toBe(`/api/models/${QWEN}`);
		expect(urls(h).slice(1).sort()).toEqual([
			`/${QWEN}/resolve/${SHA_QWEN}/config.json`,
			`/${QWEN}/resolve/${SHA_QWEN}/model.safetensors.index.json`,
		]);
		expect(r.files).toMatchObject({
			repo: QWEN,
			revision: "main",
			sha: SHA_QWEN,
			quantConfig: null,
			parameters: null,
			indexTotalBytes: INDEX_TOTAL,
			gated: false,
			lastModified: "2026-02-24T08:00:00.000Z",
			url: `${h.url}/${QWEN}`,
		});
		expect(r.files.config).toEqual(JSON.parse(hubFixture(QWEN)));
		expect(r.files.siblings.sort()).toEqual(["config.json", "model.safetensors.index.json"]);
		expect(Date.now() - Date.parse(r.files.fetchedAt)).toBeLessThan(60_000);
	});

	it("reads hf_quant_config.json when siblings lists it, and the API's parameter counts per dtype", async () => {
		const h = await standIn();
		const r = ok(await client(h).fetchModel(LLAMA_FP8));
		expect(r.files.quantConfig).toEqual(JSON.parse(hubFixture(LLAMA_FP8, "hf_quant_config")));
		expect(r.files.quantConfig).toMatchObject({ quantization: { quant_algo: "FP8" } });
		expect(r.files.parameters).toEqual(LLAMA_PARAMS);
		expect(r.files.indexTotalBytes).toBeNull();
		expect(urls(h).slice(1).sort()).toEqual([
			`/${LLAMA_FP8}/resolve/${SHA_LLAMA}/config.json`,
			`/${LLAMA_FP8}/resolve/${SHA_LLAMA}/hf_quant_config.json`,
		]);
	});

	it("does not ask for a quant config or index that siblings does not list, even where the hub would serve one", async () => {
		const repos = table();
		repos[LLAMA_FP8] = {
			...repos[LLAMA_FP8]!,
			files: { ...repos[LLAMA_FP8]!.files, "model.safetensors.index.json": INDEX_TEXT },
			siblings: ["config.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"],
		};
		const h = await standIn(repos);
		const r = ok(await client(h).fetchModel(LLAMA_FP8));
		expect(urls(h)).toEqual([`/api/models/${LLAMA_FP8}`, `/${LLAMA_FP8}/resolve/${SHA_LLAMA}/config.json`]);
		expect(r.files.quantConfig).toBeNull();
		expect(r.files.indexTotalBytes).toBeNull();
	});

	it("parses a config with a bare Infinity (as the hub serves nvidia/Nemotron-H-56B-Base-8K)", async () => {
		expect(() => JSON.parse(hubFixture(NEMOTRON))).toThrow();
		const h = await standIn();
		const r = ok(await client(h).fetchModel(NEMOTRON));
		expect(r.files.config.time_step_limit).toEqual([0, Number.POSITIVE_INFINITY]);
		expect(r.files.config.ssm_state_size).toBe(256);
	});

	it("asks the API for a revision other than main, and answers unknown_model for one the hub lacks", async () => {
		const h = await standIn();
		const c = client(h);
		const r = ok(await c.fetchModel(NEMOTRON, SHA_NEMOTRON));
		expect(r.files.revision).toBe(SHA_NEMOTRON);
		expect(urls(h)[0]).toBe(`/api/models/${NEMOTRON}/revision/${SHA_NEMOTRON}`);
		const missing = await c.fetchModel(NEMOTRON, "v9");
		expect(missing).toMatchObject({ ok: false, code: "unknown_model" });
		expect(urls(h).at(-1)).toBe(`/api/models/${NEMOTRON}/revision/v9`);
	});

	it("sends HF_TOKEN as a Bearer token on every request when set, and no Authorization header otherwise", async () => {
		const h = await standIn();
		ok(await client(h, { token: "hf_secret_1" }).fetchModel(LLAMA_FP8));
		expect(h.requests).toHaveLength(3);
		expect(h.requests.map((q) => q.authorization)).toEqual(["Bearer hf_secret_1", "Bearer hf_secret_1", "Bearer hf_secret_1"]);
		h.requests.length = 0;
		ok(await client(h).fetchModel(LLAMA_FP8));
		expect(h.requests).toHaveLength(3);
		expect(h.requests.every((q) => q.authorization === undefined)).toBe(true);
	});

	it("turns down a repository id that is not org/name without asking the hub", async () => {
		const h = await standIn();
		expect(await client(h).fetchModel("../etc/passwd")).toMatchObject({ ok: false, code: "unknown_model" });
		expect(h.requests).toHaveLength(0);
	});
});

describe("HubClient: caches", () => {
	it("answers a repeated request from memory without any request, and asks again once the time is up", async () => {
		const h = await standIn();
		const c = client(h);
		const first = ok(await c.fetchModel(QWEN));
		const count = h.requests.length;
		const second = ok(await c.fetchModel(QWEN));
		expect(second.from).toBe("memory");
		expect(second.files).toEqual(first.files);
		expect(h.requests).toHaveLength(count);

		const expiring = client(h, { memoryTtlMs: 0 });
		ok(await expiring.fetchModel(QWEN));
		expect(ok(await expiring.fetchModel(QWEN)).from).toBe("network");
		expect(h.requests).toHaveLength(3 * count);
	});

	it("shares one fetch between requests that arrive together", async () => {
		const h = await standIn();
		const c = client(h);
		const [a, b] = await Promise.all([c.fetchModel(NEMOTRON), c.fetchModel(NEMOTRON)]);
		expect(ok(a).files.sha).toBe(SHA_NEMOTRON);
		expect(ok(b).files.sha).toBe(SHA_NEMOTRON);
		expect(h.requests).toHaveLength(2);
	});

	it("keeps a revision on disk by sha: a new client makes only the API call, and none at all for a sha revision", async () => {
		const h = await standIn();
		const cacheDir = tempDir();
		ok(await client(h, { cacheDir }).fetchModel(NEMOTRON));
		expect(existsSync(join(cacheDir, "nvidia--Nemotron-H-56B-Base-8K", `${SHA_NEMOTRON}.json`))).toBe(true);
		expect(readdirSync(join(cacheDir, "nvidia--Nemotron-H-56B-Base-8K"))).toEqual([`${SHA_NEMOTRON}.json`]);

		h.requests.length = 0;
		const again = ok(await client(h, { cacheDir }).fetchModel(NEMOTRON));
		expect(again.from).toBe("disk");
		expect(urls(h)).toEqual([`/api/models/${NEMOTRON}`]);
		// Kept as the hub served it: the bare Infinity survives the round trip through the disk.
		expect(again.files.config.time_step_limit).toEqual([0, Number.POSITIVE_INFINITY]);
		expect(again.files).toMatchObject({ repo: NEMOTRON, sha: SHA_NEMOTRON, revision: "main", url: `${h.url}/${NEMOTRON}` });

		h.requests.length = 0;
		const bySha = ok(await client(h, { cacheDir }).fetchModel(NEMOTRON, SHA_NEMOTRON));
		expect(bySha.from).toBe("disk");
		expect(bySha.files.revision).toBe(SHA_NEMOTRON);
		expect(bySha.files.config).toEqual(again.files.config);
		expect(h.requests).toHaveLength(0);
	});

	it("fetches the files again when main moves to a new sha", async () => {
		const h = await standIn();
		const cacheDir = tempDir();
		ok(await client(h, { cacheDir }).fetchModel(QWEN));
		const moved = JSON.stringify({ ...JSON.parse(hubFixture(QWEN)), model_type: "moved" });
		h.repos[QWEN] = { sha: SHA_NEW, files: { "config.json": moved } };
		h.requests.length = 0;
		const r = ok(await client(h, { cacheDir }).fetchModel(QWEN));
		expect(r.from).toBe("network");
		expect(r.files).toMatchObject({ sha: SHA_NEW, indexTotalBytes: null, config: { model_type: "moved" } });
		expect(urls(h)).toEqual([`/api/models/${QWEN}`, `/${QWEN}/resolve/${SHA_NEW}/config.json`]);
	});

	it("hubClientFromEnv: HF_ENDPOINT, HF_TOKEN and the cache under <state dir>/hub", async () => {
		const h = await standIn();
		const state = tempDir();
		const c = hubClientFromEnv({ HF_ENDPOINT: `${h.url}/`, HF_TOKEN: "hf_env_token" }, state);
		ok(await c.fetchModel(NEMOTRON));
		expect(h.requests.map((q) => q.authorization)).toEqual(["Bearer hf_env_token", "Bearer hf_env_token"]);
		expect(existsSync(join(state, "hub", "nvidia--Nemotron-H-56B-Base-8K", `${SHA_NEMOTRON}.json`))).toBe(true);
	});
});

describe("HubClient: failures", () => {
	it("unknown_model for a repo the hub does not have, whether it says 401 (no token) or 404 (token)", async () => {
		const h = await standIn();
		const anonymous = await client(h).fetchModel("nope/missing");
		expect(anonymous).toMatchObject({ ok: false, code: "unknown_model" });
		expect(failed(anonymous).message).toContain(`No model "nope/missing" on the Hugging Face hub (${h.url})`);
		expect(await client(h, { token: "hf_x" }).fetchModel("nope/missing")).toMatchObject({ ok: false, code: "unknown_model" });
		expect(h.requests.map((q) => q.url)).toEqual(["/api/models/nope/missing", "/api/models/nope/missing"]);
	});

	it.each([
		[404, "unknown_model"],
		[401, "gated_model"],
		[403, "gated_model"],
		[500, "hub_unreachable"],
	] as const)("a hub answering %i gives %s", async (status, code) => {
		const repos = table();
		repos[QWEN] = { ...repos[QWEN]!, status };
		const h = await standIn(repos);
		const r = await client(h).fetchModel(QWEN);
		expect(r).toMatchObject({ ok: false, code });
		if (code === "gated_model") expect(failed(r).message).toContain("HF_TOKEN");
		if (code === "gated_model") expect(failed(r).message).toContain(QWEN);
	});

	it("gated_model naming HF_TOKEN when the API says gated and config.json is refused; the granted token gets it", async () => {
		const repos = table();
		repos[LLAMA_FP8] = { ...repos[LLAMA_FP8]!, gated: "manual", grantedToken: "hf_granted" };
		const h = await standIn(repos);
		const anonymous = await client(h).fetchModel(LLAMA_FP8);
		expect(anonymous).toMatchObject({ ok: false, code: "gated_model" });
		expect(failed(anonymous).message).toContain("HF_TOKEN");
		const refused = await client(h, { token: "hf_not_granted" }).fetchModel(LLAMA_FP8);
		expect(refused).toMatchObject({ ok: false, code: "gated_model" });
		expect(failed(refused).message).not.toContain("hf_not_granted");
		const granted = ok(await client(h, { token: "hf_granted" }).fetchModel(LLAMA_FP8));
		expect(granted.files.gated).toBe(true);
		expect(granted.files.quantConfig).toMatchObject({ quantization: { quant_algo: "FP8" } });
	});

	it("hub_unreachable when the hub never answers, within the time limit set", async () => {
		const repos = table();
		repos[QWEN] = { ...repos[QWEN]!, hang: true };
		const h = await standIn(repos);
		const started = Date.now();
		const r = await client(h, { timeoutMs: 300 }).fetchModel(QWEN);
		const elapsed = Date.now() - started;
		expect(r).toMatchObject({ ok: false, code: "hub_unreachable" });
		expect(failed(r).message).toContain("did not answer within 0.3 s");
		expect(elapsed).toBeGreaterThanOrEqual(250);
		expect(elapsed).toBeLessThan(2000);
	});

	it("hub_unreachable when nothing listens at HF_ENDPOINT", async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const r = await new HubClient({ endpoint: `http://127.0.0.1:${port}` }).fetchModel(QWEN);
		expect(r).toMatchObject({ ok: false, code: "hub_unreachable" });
		expect(failed(r).message).toContain("ECONNREFUSED");
	});

	it("bad_config naming the file when config.json or hf_quant_config.json is not JSON", async () => {
		const repos = table();
		repos[QWEN] = { ...repos[QWEN]!, files: { ...repos[QWEN]!.files, "config.json": '{"model_type": "qwen3_5_moe",' } };
		repos[LLAMA_FP8] = { ...repos[LLAMA_FP8]!, files: { ...repos[LLAMA_FP8]!.files, "hf_quant_config.json": "{quant" } };
		const h = await standIn(repos);
		const config = await client(h).fetchModel(QWEN);
		expect(config).toMatchObject({ ok: false, code: "bad_config" });
		expect(failed(config).message).toContain("config.json");
		const quant = await client(h).fetchModel(LLAMA_FP8);
		expect(quant).toMatchObject({ ok: false, code: "bad_config" });
		expect(failed(quant).message).toContain("hf_quant_config.json");
	});

	it("never keeps a failure: once the hub recovers, the next request is answered, and nothing was written to disk", async () => {
		const repos = table();
		repos[NEMOTRON] = { ...repos[NEMOTRON]!, status: 500 };
		const h = await standIn(repos);
		const cacheDir = tempDir();
		const c = client(h, { cacheDir });
		expect(await c.fetchModel(NEMOTRON)).toMatchObject({ ok: false, code: "hub_unreachable" });
		expect(readdirSync(cacheDir)).toEqual([]);
		delete h.repos[NEMOTRON]!.status;
		const r = ok(await c.fetchModel(NEMOTRON));
		expect(r.from).toBe("network");
		expect(h.requests).toHaveLength(3);
	});
});

describe("parseLenientJson", () => {
	it("maps bare Infinity, -Infinity and NaN to numbers", () => {
		const v = parseLenientJson('{"a": Infinity, "b": [-Infinity, NaN, 1.5]}') as { a: number; b: number[] };
		expect(v.a).toBe(Number.POSITIVE_INFINITY);
		expect(v.b[0]).toBe(Number.NEGATIVE_INFINITY);
		expect(Number.isNaN(v.b[1])).toBe(true);
		expect(v.b[2]).toBe(1.5);
	});

	it("leaves the words alone inside strings, escaped quotes included", () => {
		const text = '{"w": "NaN or Infinity", "q": "say \\"Infinity\\" NaN", "Infinity": -Infinity}';
		expect(parseLenientJson(text)).toEqual({ w: "NaN or Infinity", q: 'say "Infinity" NaN', Infinity: Number.NEGATIVE_INFINITY });
	});

	it("throws a clear error on invalid JSON, with or without the words", () => {
		expect(() => parseLenientJson('{"a": 1,')).toThrow(/not valid JSON/);
		expect(() => parseLenientJson('{"a": Infinity,}')).toThrow(/not valid JSON/);
		expect(() => parseLenientJson('{"a": Infinityx}')).toThrow(/not valid JSON/);
		expect(() => parseLenientJson('{"a": nan}')).toThrow(/not valid JSON/);
	});
});
