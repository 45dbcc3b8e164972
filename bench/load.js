#!/usr/bin/env node
// Load generator, run as its own process by bench/server.js: signed Slack and Discord /fit
// requests at a fixed concurrency against a running server. Prints one JSON line of results.
import { createHmac, createPrivateKey, sign } from "node:crypto";
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";

const [url, kind, concurrencyArg, totalArg] = process.argv.slice(2);
const cfg = JSON.parse(process.env.GPUFIT_BENCH_SECRETS ?? "{}");
const concurrency = Number(concurrencyArg);
const total = Number(totalArg);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const REQUESTS = ["deepseek-r1 on 16x H100", "llama-3.1-70b on 2x H100 ctx 32k users 8", "qwen3-32b awq on 1x rtx-4090 ctx 16k"];

function slackRequest(i) {
	const text = REQUESTS[i % REQUESTS.length];
	const body = new URLSearchParams({
		command: "/fit",
		text,
		user_id: `U${i % 50}`,
		user_name: "bench",
		team_id: "T1",
		channel_id: "C1",
		response_url: "http://127.0.0.1:9/unused",
		trigger_id: "t",
		token: "x",
		api_app_id: "A1",
	}).toString();
	const ts = Math.floor(Date.now() / 1000);
	const sig = `v0=${createHmac("sha256", cfg.slackSecret).update(`v0:${ts}:${body}`).digest("hex")}`;
	return {
		path: "/slack/events",
		body,
		headers: {
			"content-type": "application/x-www-form-urlencoded",
			"x-slack-signature": sig,
			"x-slack-request-timestamp": String(ts),
		},
	};
}

const discordKey = cfg.discordPrivateKey ? createPrivateKey(cfg.discordPrivateKey) : null;
function discordRequest(i) {
	const [model, hardware] = REQUESTS[i % REQUESTS.length].split(" on ");
	const body = JSON.stringify({
		type: 2,
		id: String(i),
		application_id: "1",
		token: "tok",
		locale: "en-US",
		member: { user: { id: String(i % 50) } },
		data: {
			name: "fit",
			type: 1,
			options: [
				{ name: "model", type: 3, value: model },
				{ name: "hardware", type: 3, value: hardware },
			],
		},
	});
	const ts = String(Math.floor(Date.now() / 1000));
	const sig = sign(null, Buffer.from(ts + body), discordKey).toString("hex");
	return {
		path: "/discord/interactions",
		body,
		headers: { "content-type": "application/json", "x-signature-ed25519": sig, "x-signature-timestamp": ts },
	};
}

function send(r) {
	return new Promise((resolve) => {
		const started = performance.now();
		const req = request(
			`${url}${r.path}`,
			{ method: "POST", agent, headers: { ...r.headers, "content-length": Buffer.byteLength(r.body) } },
			(res) => {
				res.resume();
				res.on("end", () => resolve({ ok: res.statusCode === 200, ms: performance.now() - started }));
			},
		);
		req.on("error", () => resolve({ ok: false, ms: performance.now() - started }));
		req.end(r.body);
	});
}

const make = kind === "discord" ? discordRequest : slackRequest;
const samples = [];
let errors = 0;
let next = 0;
const started = performance.now();
await Promise.all(
	Array.from({ length: concurrency }, async () => {
		while (next < total) {
			const r = await send(make(next++));
			samples.push(r.ms);
			if (!r.ok) errors++;
		}
	}),
);
const seconds = (performance.now() - started) / 1000;
samples.sort((a, b) => a - b);
const pct = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
console.log(
	JSON.stringify({
		kind,
		concurrency,
		requests: samples.length,
		rps: samples.length / seconds,
		p50Ms: pct(0.5),
		p99Ms: pct(0.99),
		errors,
	}),
);
agent.destroy();
