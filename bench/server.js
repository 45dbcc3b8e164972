#!/usr/bin/env node
// Server benchmark: starts `gpufit serve` pinned to one core with Slack and Discord enabled
// (against local stand-ins of their APIs), measures the cold start to the first answered signed
// request, then drives signed load from a separate process at 1, 16 and 64 concurrent clients.
import { execFileSync, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { performance } from "node:perf_hooks";

const root = new URL("..", import.meta.url).pathname;
const REQUESTS_PER_RUN = Number(process.env.BENCH_REQUESTS ?? 3000);

function listen(server) {
	return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));
}

/** Stand-in for Slack's and Discord's APIs: answers every call with ok. */
const standIn = createServer((req, res) => {
	req.resume();
	res.writeHead(200, { "content-type": "application/json" });
	res.end(JSON.stringify({ ok: true, user_id: "UB", bot_id: "B1", team: "bench" }));
});
const apiPort = await listen(standIn);
const freePort = await listen(createServer()).then((p) => p);

const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const secrets = {
	slackSecret: "bench-signing-secret",
	discordPrivateKey: privateKey.export({ type: "pkcs8", format: "pem" }),
};
const env = {
	...process.env,
	PORT: String(freePort + 1),
	HOST: "127.0.0.1",
	GPUFIT_RATE_LIMIT: "off",
	SLACK_SIGNING_SECRET: secrets.slackSecret,
	SLACK_BOT_TOKEN: "xoxb-bench",
	SLACK_API_URL: `http://127.0.0.1:${apiPort}/api/`,
	DISCORD_PUBLIC_KEY: publicKey.export({ type: "spki", format: "der" }).subarray(12).toString("hex"),
	DISCORD_APPLICATION_ID: "1",
	DISCORD_BOT_TOKEN: "bench",
	DISCORD_API_URL: `http://127.0.0.1:${apiPort}/api`,
};
const url = `http://127.0.0.1:${env.PORT}`;
const pin = (() => {
	try {
		execFileSync("taskset", ["-c", "0", "true"]);
		return ["taskset", ["-c", "0", process.execPath]];
	} catch {
		return [process.execPath, []];
	}
})();

const t0 = performance.now();
const child = spawn(pin[0], [...pin[1], `${root}bin/gpufit.js`, "serve"], { env, stdio: ["ignore", "ignore", "pipe"] });
child.stderr.resume();
const load = (kind, concurrency, total) =>
	JSON.parse(
		execFileSync(process.execPath, [`${root}bench/load.js`, url, kind, String(concurrency), String(total)], {
			env: { ...process.env, GPUFIT_BENCH_SECRETS: JSON.stringify(secrets) },
		}).toString(),
	);
let coldStartMs = null;
for (let i = 0; i < 400 && coldStartMs === null; i++) {
	try {
		const r = load("slack", 1, 1);
		if (r.errors === 0) coldStartMs = performance.now() - t0;
	} catch {}
	if (coldStartMs === null) await new Promise((r) => setTimeout(r, 25));
}
const rss = () => {
	const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
	return {
		rssMB: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024,
		peakRssMB: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]) / 1024,
	};
};
const results = [];
for (const kind of ["slack", "discord"]) {
	for (const concurrency of [1, 16, 64]) {
		load(kind, concurrency, 200); // warm-up
		results.push({ ...load(kind, concurrency, REQUESTS_PER_RUN), ...rss() });
	}
}
child.kill();
standIn.close();

console.log(`serve cold start to first answered signed /fit: ${coldStartMs?.toFixed(0)} ms (pinned: ${pin[0] === "taskset"})`);
console.log("kind     clients  requests   req/s   p50 ms   p99 ms  errors  RSS MB  peak MB");
for (const r of results) {
	console.log(
		`${r.kind.padEnd(8)} ${String(r.concurrency).padStart(7)} ${String(r.requests).padStart(9)} ${r.rps.toFixed(0).padStart(7)} ${r.p50Ms.toFixed(2).padStart(8)} ${r.p99Ms.toFixed(2).padStart(8)} ${String(r.errors).padStart(7)} ${r.rssMB.toFixed(0).padStart(7)} ${r.peakRssMB.toFixed(0).padStart(8)}`,
	);
}
export const serverBench = { coldStartMs, results };
