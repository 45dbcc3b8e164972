#!/usr/bin/env node
// Server benchmark (issue 7; not part of npm test): starts `gpufit serve` as `npm start` does, pinned to
// core 0, with Slack and Discord enabled (against a local stand-in of their APIs) on a temporary copy of
// the catalog, and measures
//   1. cold start: spawn to the first answered signed Slack and Discord /fit, probed from this process every
//      few milliseconds (so no probe's own start-up is counted); the median of BENCH_COLD_STARTS (5);
//   2. load: signed requests from a separate process pinned to core 1 (bench/load.js, on raw keep-alive
//      connections), at 1, 16 and 64 clients, the same three requests in turn (answers may come from the
//      answer cache), then at 16 clients with every request distinct (every answer computed); each row is
//      the median (by req/s) of BENCH_ROUNDS runs (3), as a shared machine's speed drifts;
//   3. catalog reload under load: a price edited in the copy during a 16-client run, timed until
//      /healthz reports the new version.
// Prints a table and the targets met, and writes bench/results/server.json. BENCH_REQUESTS sets the
// requests per run (3000); BENCH_SERVER_CORE and BENCH_LOAD_CORE move the pinning; BENCH_NODE_FLAGS
// replaces the start script's node flags; BENCH_ONLY=cold stops after the cold starts, BENCH_ONLY=16 measures
// the 16-client rows only. BENCH_CHARTS (on, the server's default, or off) sets GPUFIT_CHARTS: with charts on,
// every Discord /fit answer is followed by its chart's multipart edit (drawn once per answer, then kept), so
// the two settings side by side show what charts cost a loaded server apart from the text path.
import { execFileSync, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { send, signer } from "./signed.js";

const root = new URL("..", import.meta.url).pathname;
const REQUESTS_PER_RUN = Number(process.env.BENCH_REQUESTS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SERVER_CORE = Number(process.env.BENCH_SERVER_CORE ?? 0);
const LOAD_CORE = Number(process.env.BENCH_LOAD_CORE ?? 1);
const TARGETS = { rps: 2000, p99Ms: 20, coldStartMs: 500, rssMB: 150 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function listen(server) {
	return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));
}

/** A port nobody listens on: taken from the system, then released. */
async function freePort() {
	const probe = createServer();
	const port = await listen(probe);
	await new Promise((r) => probe.close(r));
	return port;
}

/** `taskset -c <core>` when the machine has it and the core exists; otherwise run unpinned. */
function pinned(core) {
	try {
		execFileSync("taskset", ["-c", String(core), "true"], { stdio: "ignore" });
		return (cmd, args) => ["taskset", ["-c", String(core), cmd, ...args]];
	} catch {
		return null;
	}
}

// Stand-in for Slack's and Discord's APIs: answers every call with ok (an upload URL for Slack's file uploads).
// Charts that reached it are counted (Slack's upload completions, Discord's attachment edits), so the figures
// say how many charts each setting drew and sent.
const chartsSent = { slack: 0, discord: 0 };
const standIn = createServer((req, res) => {
	req.resume();
	if (req.url?.startsWith("/api/files.completeUploadExternal")) chartsSent.slack++;
	if (req.method === "PATCH") chartsSent.discord++;
	res.writeHead(200, { "content-type": "application/json" });
	const upload = req.url?.startsWith("/api/files.getUploadURLExternal")
		? { file_id: "F1", upload_url: `http://127.0.0.1:${apiPort}/upload/F1` }
		: {};
	res.end(JSON.stringify({ ok: true, user_id: "UB", bot_id: "B1", team: "bench", ...upload }));
});
const apiPort = await listen(standIn);
const CHARTS = process.env.BENCH_CHARTS ?? "on";

const work = mkdtempSync(join(tmpdir(), "gpufit-bench-"));
const catalogDir = join(work, "catalog");
cpSync(`${root}catalog`, catalogDir, { recursive: true });

const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const secrets = {
	slackSecret: "bench-signing-secret",
	discordPrivateKey: privateKey.export({ type: "pkcs8", format: "pem" }),
};
const env = {
	...process.env,
	PORT: String(await freePort()),
	HOST: "127.0.0.1",
	CATALOG_DIR: catalogDir,
	GPUFIT_STATE_DIR: join(work, "state"),
	GPUFIT_RATE_LIMIT: "off",
	SLACK_SIGNING_SECRET: secrets.slackSecret,
	SLACK_BOT_TOKEN: "xoxb-bench",
	SLACK_API_URL: `http://127.0.0.1:${apiPort}/api/`,
	DISCORD_PUBLIC_KEY: publicKey.export({ type: "spki", format: "der" }).subarray(12).toString("hex"),
	DISCORD_APPLICATION_ID: "1",
	DISCORD_BOT_TOKEN: "bench",
	DISCORD_API_URL: `http://127.0.0.1:${apiPort}/api`,
	GPUFIT_CHARTS: CHARTS,
};
const url = `http://127.0.0.1:${env.PORT}`;
const serverPin = pinned(SERVER_CORE);
const loadPin = pinned(LOAD_CORE);

// The catalog snapshot exists after `npm ci` (prepare); make sure of it, so the cold start is the usual one.
execFileSync(process.execPath, [`${root}bin/gpufit.js`, "models", "--json"], { env, stdio: "ignore" });

// 1. Cold start, BENCH_COLD_STARTS times (5); the last server stays up for the load.
const sign = signer(secrets);
// The server runs as `npm start` runs it: with the node flags of package.json's start script, unless
// BENCH_NODE_FLAGS says otherwise ("" for plain `node bin/gpufit.js serve`).
const startScript = JSON.parse(readFileSync(`${root}package.json`, "utf8")).scripts.start;
const startFlags = /^(?:exec\s+)?node\s+(.*?)\s*bin\/gpufit\.js serve$/.exec(startScript)?.[1] ?? "";
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? startFlags).split(" ").filter(Boolean);
const serveArgs = [...nodeFlags, `${root}bin/gpufit.js`, "serve"];

/** CPU time (user + system) a process has used so far, in ms (10 ms steps): steadier than wall time on a
 * shared machine, whose speed drifts. */
function cpuMs(pid) {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return null;
	}
}

/** Starts `serve` and times it to its log's "listening" and to the first answered Slack and Discord /fit. */
async function startServe() {
	const t0 = performance.now();
	const [cmd, args] = serverPin ? serverPin(process.execPath, serveArgs) : [process.execPath, serveArgs];
	const child = spawn(cmd, args, { env, stdio: ["ignore", "ignore", "pipe"] });
	const timing = { listeningMs: null, slackMs: null, discordMs: null };
	let stderrTail = "";
	child.stderr.setEncoding("utf8");
	child.stderr.on("data", (chunk) => {
		stderrTail = (stderrTail + chunk).slice(-4000);
		if (timing.listeningMs === null && /"msg":"listening"/.test(chunk)) timing.listeningMs = performance.now() - t0;
	});
	const exited = new Promise((r) => child.on("exit", r));
	const firstAnswer = async (make) => {
		for (let i = 0; i < 2000 && child.exitCode === null; i++) {
			if ((await send(url, make(i))).ok) return performance.now() - t0;
			await sleep(5);
		}
		throw new Error(`serve never answered:\n${stderrTail}`);
	};
	[timing.slackMs, timing.discordMs] = await Promise.all([
		firstAnswer((i) => sign.slack("deepseek-r1 on 16x H100", i)),
		firstAnswer((i) => sign.discord("deepseek-r1 on 16x H100", i)),
	]);
	timing.cpuMs = cpuMs(child.pid);
	const stop = async () => {
		child.kill();
		await exited;
	};
	return { child, timing, stop };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const COLD_STARTS = Math.max(1, Number(process.env.BENCH_COLD_STARTS ?? 5));
const starts = [];
let server;
for (let i = 0; i < COLD_STARTS; i++) {
	server = await startServe();
	starts.push(server.timing);
	if (i < COLD_STARTS - 1) {
		await server.stop();
		await sleep(200); // the port is free again
	}
}
const child = server.child;
process.on("exit", () => child.kill()); // also when the bench fails half-way
const memory = () => {
	const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
	return {
		rssMB: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024,
		peakRssMB: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]) / 1024,
	};
};
const coldStart = {
	runs: starts,
	slackMs: median(starts.map((t) => t.slackMs)),
	discordMs: median(starts.map((t) => t.discordMs)),
	listeningMs: median(starts.map((t) => t.listeningMs)),
	cpuMs: median(starts.map((t) => t.cpuMs)),
	...memory(),
};
if (process.env.BENCH_ONLY === "cold") {
	const ms = (k) => starts.map((t) => Math.round(t[k])).join(" ");
	console.log(JSON.stringify({ ...coldStart, runs: undefined }, null, 1));
	console.log(`listening: ${ms("listeningMs")}\nslack: ${ms("slackMs")}\ndiscord: ${ms("discordMs")}\ncpu: ${ms("cpuMs")}`);
	await server.stop();
	standIn.close();
	rmSync(work, { recursive: true, force: true });
	process.exit(0);
}

// 2. Load, from a separate process on the other core.
let distinctBase = 0;
function startLoad(kind, concurrency, total, mode = "repeat") {
	const loadArgs = [`${root}bench/load.js`, url, kind, String(concurrency), String(total), mode];
	const [c, a] = loadPin ? loadPin(process.execPath, loadArgs) : [process.execPath, loadArgs];
	// Runs never share a distinct request: each takes the next block of context lengths (see load.js).
	if (mode === "distinct") distinctBase += Math.ceil((REQUESTS_PER_RUN + 200) / 3);
	const base = mode === "distinct" ? distinctBase : 0;
	const p = spawn(c, a, {
		env: { ...process.env, GPUFIT_BENCH_SECRETS: JSON.stringify(secrets), GPUFIT_BENCH_BASE: String(base) },
		stdio: ["ignore", "pipe", "inherit"],
	});
	let out = "";
	p.stdout.on("data", (d) => {
		out += d;
	});
	return new Promise((resolve, reject) =>
		p.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load.js exited ${code}`)))),
	);
}

/** A warm-up, then ROUNDS runs; the median run by req/s, with every round's figures kept beside it. */
async function row(kind, concurrency, mode = "repeat") {
	await startLoad(kind, concurrency, 200, mode);
	const rounds = [];
	for (let i = 0; i < ROUNDS; i++) rounds.push({ ...(await startLoad(kind, concurrency, REQUESTS_PER_RUN, mode)), ...memory() });
	const median = [...rounds].sort((a, b) => a.rps - b.rps)[Math.floor(rounds.length / 2)];
	return {
		...median,
		rounds: rounds.map(({ rps, p50Ms, p99Ms, maxMs, errors, rssMB }) => ({ rps, p50Ms, p99Ms, maxMs, errors, rssMB })),
	};
}

const ONLY_16 = process.env.BENCH_ONLY === "16";
const results = [];
for (const kind of ["slack", "discord"]) {
	for (const concurrency of ONLY_16 ? [16] : [1, 16, 64]) results.push(await row(kind, concurrency));
	results.push(await row(kind, 16, "distinct"));
}

// 3. Catalog reload under load: edit a price in the copy, time until /healthz serves the new version.
const health = () =>
	new Promise((resolve, reject) =>
		get(`${url}/healthz`, (res) => {
			let body = "";
			res.on("data", (d) => {
				body += d;
			});
			res.on("end", () => resolve(JSON.parse(body)));
		}).on("error", reject),
	);
/** Edits a price in the copy under a 16-client Slack load; the time until /healthz reports the new version. */
async function reloadUnderLoad() {
	const before = (await health()).catalog.version;
	const underLoad = startLoad("slack", 16, REQUESTS_PER_RUN * 2);
	await sleep(1000);
	const priceFile = join(catalogDir, "prices", "cloud-aws.yaml");
	const yaml = readFileSync(priceFile, "utf8");
	const edited = yaml.replace(/usd: 6\.88\b/, "usd: 6.87");
	if (edited === yaml) throw new Error("bench: no price to edit in prices/cloud-aws.yaml");
	const tEdit = performance.now();
	writeFileSync(priceFile, edited);
	let reload = null;
	while (reload === null && performance.now() - tEdit < 30_000) {
		const h = await health();
		if (h.catalog.version !== before) reload = { ms: performance.now() - tEdit, from: before, to: h.catalog.version };
		else await sleep(5);
	}
	return { reload, reloadLoad: { ...(await underLoad), ...memory() } };
}
const { reload, reloadLoad } = ONLY_16 ? { reload: null, reloadLoad: null } : await reloadUnderLoad();

await server.stop();
standIn.close();
rmSync(work, { recursive: true, force: true });

// Report.
const f = (n, d = 0) => (typeof n === "number" ? n.toFixed(d) : "-");
console.log(
	`serve cold start to first answered signed /fit (median of ${COLD_STARTS}): Slack ${f(coldStart.slackMs)} ms, ` +
		`Discord ${f(coldStart.discordMs)} ms (listening at ${f(coldStart.listeningMs)} ms; RSS ${f(coldStart.rssMB)} MB; server on core ${serverPin ? SERVER_CORE : "any"}, load on core ${loadPin ? LOAD_CORE : "any"})`,
);
console.log(`server: node ${[...nodeFlags, "bin/gpufit.js", "serve"].join(" ")} (GPUFIT_CHARTS=${CHARTS})`);
console.log(`charts sent over the whole run: Slack ${chartsSent.slack} uploads, Discord ${chartsSent.discord} edits`);
console.log(`median of ${ROUNDS} runs of ${REQUESTS_PER_RUN} requests (by req/s); RSS after the run, peak since start`);
console.log("kind     requests  clients  requests   req/s   p50 ms   p99 ms   max ms  errors  RSS MB  peak MB");
for (const r of [...results, ...(reloadLoad ? [{ ...reloadLoad, mode: "reload" }] : [])]) {
	console.log(
		`${r.kind.padEnd(8)} ${r.mode.padEnd(9)} ${String(r.concurrency).padStart(7)} ${String(r.requests).padStart(9)} ${f(r.rps).padStart(7)} ${f(r.p50Ms, 2).padStart(8)} ${f(r.p99Ms, 2).padStart(8)} ${f(r.maxMs, 1).padStart(8)} ${String(r.errors).padStart(7)} ${f(r.rssMB).padStart(7)} ${f(r.peakRssMB).padStart(8)}`,
	);
}
if (reloadLoad)
	console.log(
		reload
			? `catalog reload under load (16 Slack clients): edit to /healthz reporting the new version in ${f(reload.ms)} ms`
			: "catalog reload under load: the new version never appeared within 30 s",
	);

// Issue 7's targets, at 16 clients (at 64 a closed loop's latency is 64 / throughput by construction).
const at16 = results.filter((r) => r.mode === "repeat" && r.concurrency === 16);
const loaded = [...results, ...(reloadLoad ? [reloadLoad] : [])];
const peakRss = Math.max(...loaded.map((r) => r.peakRssMB));
const checks = [
	...at16.map((r) => [`${r.kind} ≥ ${TARGETS.rps} req/s at 16 clients`, r.rps >= TARGETS.rps, f(r.rps)]),
	...at16.map((r) => [`${r.kind} p99 < ${TARGETS.p99Ms} ms at 16 clients`, r.p99Ms < TARGETS.p99Ms, f(r.p99Ms, 1)]),
	[`cold start < ${TARGETS.coldStartMs} ms (Slack)`, coldStart.slackMs < TARGETS.coldStartMs, f(coldStart.slackMs)],
	[`cold start < ${TARGETS.coldStartMs} ms (Discord)`, coldStart.discordMs < TARGETS.coldStartMs, f(coldStart.discordMs)],
	[`peak RSS < ${TARGETS.rssMB} MB`, peakRss < TARGETS.rssMB, f(peakRss)],
	["no errors", loaded.every((r) => r.errors === 0), String(loaded.reduce((n, r) => n + r.errors, 0))],
];
for (const [what, ok, value] of checks) console.log(`${ok ? "met    " : "MISSED "} ${what}: ${value}`);

mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(
	`${root}bench/results/server.json`,
	JSON.stringify(
		{
			date: new Date().toISOString(),
			node: process.version,
			nodeFlags,
			charts: CHARTS,
			chartsSent,
			pinned: { server: serverPin ? SERVER_CORE : null, load: loadPin ? LOAD_CORE : null },
			rounds: ROUNDS,
			requestsPerRun: REQUESTS_PER_RUN,
			targets: TARGETS,
			coldStart,
			results,
			reload: reloadLoad ? { ...reload, load: reloadLoad } : null,
			checks: checks.map(([what, met, value]) => ({ what, met, value })),
		},
		null,
		2,
	),
);
