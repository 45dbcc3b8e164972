// A local stand-in for Slack's Socket Mode endpoint: a small WebSocket server (RFC 6455 text,
// ping and close frames, enough for @slack/socket-mode) that says hello, hands out envelopes and
// collects the app's acknowledgements. Written on node:http so the test needs no extra package.
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

function frame(opcode: number, payload: Buffer): Buffer {
	const len = payload.length;
	const head =
		len < 126
			? Buffer.from([0x80 | opcode, len])
			: len < 65536
				? Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff])
				: Buffer.concat([
						Buffer.from([0x80 | opcode, 127]),
						(() => {
							const b = Buffer.alloc(8);
							b.writeBigUInt64BE(BigInt(len));
							return b;
						})(),
					]);
	return Buffer.concat([head, payload]);
}

/** Reads whole frames off the front of `buf` (client frames are masked); returns them and the rest. */
function readFrames(buf: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
	const frames: { opcode: number; payload: Buffer }[] = [];
	let at = 0;
	while (buf.length - at >= 2) {
		const b0 = buf[at] as number;
		const b1 = buf[at + 1] as number;
		let len = b1 & 0x7f;
		let offset = at + 2;
		if (len === 126) {
			if (buf.length < offset + 2) break;
			len = buf.readUInt16BE(offset);
			offset += 2;
		} else if (len === 127) {
			if (buf.length < offset + 8) break;
			len = Number(buf.readBigUInt64BE(offset));
			offset += 8;
		}
		const masked = (b1 & 0x80) !== 0;
		const mask = masked ? buf.subarray(offset, offset + 4) : null;
		if (masked) offset += 4;
		if (buf.length < offset + len) break;
		const payload = Buffer.from(buf.subarray(offset, offset + len));
		if (mask) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
		frames.push({ opcode: b0 & 0x0f, payload });
		at = offset + len;
	}
	return { frames, rest: buf.subarray(at) };
}

export interface SocketModeStandIn {
	url: string;
	/** Resolves once a client has connected and been greeted. */
	connected: () => Promise<void>;
	/** Sends an envelope; resolves with the payload of the app's acknowledgement for it. */
	deliver: (envelope: {
		envelope_id: string;
		type: string;
		payload: unknown;
		accepts_response_payload?: boolean;
	}) => Promise<Record<string, unknown>>;
	close: () => Promise<void>;
}

export async function startSocketModeStandIn(): Promise<SocketModeStandIn> {
	let socket: Duplex | null = null;
	let onConnect: (() => void) | null = null;
	const acks = new Map<string, (payload: Record<string, unknown>) => void>();
	const server = createServer((_req, res) => {
		res.writeHead(426);
		res.end();
	});
	server.on("upgrade", (req, sock: Duplex) => {
		const key = req.headers["sec-websocket-key"];
		const accept = createHash("sha1").update(`${key}${WS_GUID}`).digest("base64");
		sock.write(
			`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
		);
		socket = sock;
		let pending: Buffer = Buffer.alloc(0);
		sock.on("data", (chunk: Buffer) => {
			const { frames, rest } = readFrames(Buffer.concat([pending, chunk]));
			pending = rest;
			for (const f of frames) {
				if (f.opcode === 0x9) sock.write(frame(0xa, f.payload));
				else if (f.opcode === 0x8) {
					sock.write(frame(0x8, f.payload));
					sock.end();
				} else if (f.opcode === 0x1) {
					const message = JSON.parse(f.payload.toString("utf8")) as { envelope_id: string; payload?: Record<string, unknown> };
					acks.get(message.envelope_id)?.(message.payload ?? {});
				}
			}
		});
		sock.on("error", () => {});
		sock.write(
			frame(0x1, Buffer.from(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0TEST" } }))),
		);
		onConnect?.();
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;
	return {
		url,
		connected: () =>
			new Promise<void>((resolve) => {
				if (socket) resolve();
				else onConnect = resolve;
			}),
		deliver: (envelope) =>
			new Promise((resolve, reject) => {
				if (!socket) return reject(new Error("no Socket Mode client connected"));
				const timer = setTimeout(() => reject(new Error(`no ack for ${envelope.envelope_id}`)), 5000);
				acks.set(envelope.envelope_id, (payload) => {
					clearTimeout(timer);
					resolve(payload);
				});
				socket.write(frame(0x1, Buffer.from(JSON.stringify(envelope))));
			}),
		close: () =>
			new Promise<void>((resolve) => {
				(socket as Duplex | null)?.destroy();
				server.close(() => resolve());
			}),
	};
}
