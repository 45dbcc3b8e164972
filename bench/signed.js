// Signed Slack and Discord /fit requests, as the platforms send them: the load generator's requests and
// the cold-start probe's. `secrets` holds Slack's signing secret and Discord's Ed25519 private key (PEM).
import { createHmac, createPrivateKey, sign } from "node:crypto";
import { request } from "node:http";
import { connect as netConnect } from "node:net";
import { performance } from "node:perf_hooks";

export function signer(secrets) {
	const discordKey = secrets.discordPrivateKey ? createPrivateKey(secrets.discordPrivateKey) : null;
	return {
		/** A slash command `/fit <text>` from user U<i mod 50>. */
		slack(text, i = 0) {
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
			const sig = `v0=${createHmac("sha256", secrets.slackSecret).update(`v0:${ts}:${body}`).digest("hex")}`;
			return {
				path: "/slack/events",
				body,
				headers: {
					"content-type": "application/x-www-form-urlencoded",
					"x-slack-signature": sig,
					"x-slack-request-timestamp": String(ts),
				},
			};
		},
		/** A /fit interaction with the model and hardware options (the text split at " on "). */
		discord(text, i = 0) {
			const [model, hardware] = text.split(" on ");
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
		},
	};
}

/** Sends one request; resolves with its status (0: no connection) and milliseconds, never rejects. */
export function send(url, r, agent) {
	return new Promise((resolve) => {
		const started = performance.now();
		const req = request(
			`${url}${r.path}`,
			{ method: "POST", agent, headers: { ...r.headers, "content-length": Buffer.byteLength(r.body) } },
			(res) => {
				res.resume();
				res.on("end", () => resolve({ status: res.statusCode, ok: res.statusCode === 200, ms: performance.now() - started }));
			},
		);
		req.on("error", () => resolve({ status: 0, ok: false, ms: performance.now() - started }));
		req.end(r.body);
	});
}

/** The request as HTTP/1.1 bytes, for the raw keep-alive connections of the load generator. */
export function requestBytes(r, host) {
	const body = Buffer.from(r.body);
	const headers = Object.entries({ ...r.headers, host, "content-length": body.length, connection: "keep-alive" })
		.map(([k, v]) => `${k}: ${v}\r\n`)
		.join("");
	return Buffer.concat([Buffer.from(`POST ${r.path} HTTP/1.1\r\n${headers}\r\n`), body]);
}

/**
 * One keep-alive connection that sends a request and reads its whole response before the next. The load
 * generator uses these rather than node:http's client, which costs several times more CPU per request:
 * on a small machine the generator's own delays would otherwise dominate the latencies it reports.
 */
export function rawConnection(host, port) {
	let socket = null;
	let pending = null; // { resolve, started, buf }
	const finish = (status) => {
		const p = pending;
		pending = null;
		p?.resolve({ status, ok: status === 200, ms: performance.now() - p.started });
	};
	const onData = (chunk) => {
		if (!pending) return;
		pending.buf = pending.buf ? Buffer.concat([pending.buf, chunk]) : chunk;
		const buf = pending.buf;
		const end = buf.indexOf("\r\n\r\n");
		if (end < 0) return;
		const head = buf.subarray(0, end).toString("latin1");
		const status = Number(head.slice(9, 12));
		const length = /\r\ncontent-length: *(\d+)/i.exec(head);
		if (length) {
			if (buf.length - end - 4 >= Number(length[1])) finish(status);
		} else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
			if (buf.subarray(buf.length - 5).toString("latin1") === "0\r\n\r\n") finish(status);
		} else finish(status); // no body
	};
	const connect = () =>
		new Promise((resolve) => {
			const s = netConnect({ host, port, noDelay: true }, () => resolve(s));
			s.on("data", onData);
			s.on("error", () => {});
			s.on("close", () => {
				if (socket === s) socket = null;
				if (pending) finish(0);
			});
		});
	return {
		/** Resolves with the status (0: connection lost) and milliseconds, never rejects. */
		async send(bytes) {
			socket ??= await connect();
			return new Promise((resolve) => {
				pending = { resolve, started: performance.now(), buf: null };
				socket.write(bytes);
			});
		},
		close: () => socket?.end(),
	};
}
