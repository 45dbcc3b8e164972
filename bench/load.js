#!/usr/bin/env node
// Load generator, run as its own process by bench/server.js: signed Slack and Discord /fit
// requests at a fixed concurrency against a running server. Prints one JSON line of results.
//   node bench/load.js <url> slack|discord <concurrency> <total> [repeat|distinct]
// repeat (default): three requests in turn, as a busy channel asks the same questions again;
// distinct: every request differs (its context length), so no answer can come from a cache.
import { performance } from "node:perf_hooks";
import { rawConnection, requestBytes, signer } from "./signed.js";

const [url, kind, concurrencyArg, totalArg, mode = "repeat"] = process.argv.slice(2);
const sign = signer(JSON.parse(process.env.GPUFIT_BENCH_SECRETS ?? "{}"));
const concurrency = Number(concurrencyArg);
const total = Number(totalArg);
const REQUESTS = ["deepseek-r1 on 16x H100", "llama-3.1-70b on 2x H100 ctx 32k users 8", "qwen3-32b awq on 1x rtx-4090 ctx 16k"];
// Distinct mode: the context length differs per request (all well within each model's), so every
// answer is computed afresh and costs about what the repeated ones do. GPUFIT_BENCH_BASE keeps runs apart.
const DISTINCT = [
	(k) => `deepseek-r1 on 16x H100 ctx ${100_000 + k}`,
	(k) => `llama-3.1-70b on 2x H100 ctx ${32_000 + k} users 8`,
	(k) => `qwen3-32b awq on 1x rtx-4090 ctx ${16_000 + k}`,
];
const base = Number(process.env.GPUFIT_BENCH_BASE ?? Math.floor(Math.random() * 8) * 1100);
const textOf = (i) =>
	mode === "distinct" ? DISTINCT[i % DISTINCT.length](base + Math.floor(i / DISTINCT.length)) : REQUESTS[i % REQUESTS.length];

const make = (i) => (kind === "discord" ? sign.discord(textOf(i), i) : sign.slack(textOf(i), i));
// Signed before the clock starts (a run lasts seconds, well inside the platforms' five-minute window):
// signing, Ed25519 above all, would otherwise take the generator's time from sending and reading.
const target = new URL(url);
const prepared = Array.from({ length: total }, (_, i) => requestBytes(make(i), target.host));
const opening = Array.from({ length: concurrency }, (_, i) => requestBytes(make(total + i), target.host));
const samples = [];
const statuses = {};
let errors = 0;
let next = 0;
// Every connection is opened and answers one request before the clock starts: the runs measure
// keep-alive traffic, as Slack and Discord send it, not a burst of new connections (a busy server
// accepts those unevenly, which put some first requests half a second late at 64 clients).
const connections = Array.from({ length: concurrency }, () => rawConnection(target.hostname, Number(target.port)));
await Promise.all(connections.map((c, i) => c.send(opening[i])));
const started = performance.now();
await Promise.all(
	connections.map(async (connection) => {
		while (next < total) {
			const r = await connection.send(prepared[next++]);
			samples.push(r.ms);
			if (!r.ok) {
				errors++;
				statuses[r.status] = (statuses[r.status] ?? 0) + 1;
			}
		}
		connection.close();
	}),
);
const seconds = (performance.now() - started) / 1000;
samples.sort((a, b) => a - b);
const pct = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
console.log(
	JSON.stringify({
		kind,
		mode,
		concurrency,
		requests: samples.length,
		rps: samples.length / seconds,
		p50Ms: pct(0.5),
		p99Ms: pct(0.99),
		maxMs: samples.at(-1),
		errors,
		...(errors ? { errorStatuses: statuses } : {}),
	}),
);
