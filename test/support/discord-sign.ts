// Signs interactions the way Discord does (Ed25519 over timestamp + body) with a fresh key pair, and
// sends them over HTTP to the real server.
import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";

export interface SigningKeys {
	/** For DISCORD_PUBLIC_KEY: the raw 32-byte key as hex, as the Developer Portal shows it. */
	publicKeyHex: string;
	privateKey: KeyObject;
}

export function signingKeys(): SigningKeys {
	const { publicKey, privateKey } = generateKeyPairSync("ed25519");
	const raw = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
	return { publicKeyHex: raw.toString("hex"), privateKey };
}

export interface Signed {
	body: string;
	timestamp: string;
	signature: string;
}

export function signInteraction(keys: SigningKeys, payload: unknown, timestamp = String(Math.floor(Date.now() / 1000))): Signed {
	const body = JSON.stringify(payload);
	const signature = sign(null, Buffer.from(timestamp + body), keys.privateKey).toString("hex");
	return { body, timestamp, signature };
}

/** POSTs a body with the given signature headers (either may be left out) and reads the JSON answer. */
export async function postInteraction(
	url: string,
	req: { body: string; timestamp?: string; signature?: string },
): Promise<{ status: number; json: Record<string, unknown> | null }> {
	const headers: Record<string, string> = { "content-type": "application/json" };
	if (req.signature !== undefined) headers["x-signature-ed25519"] = req.signature;
	if (req.timestamp !== undefined) headers["x-signature-timestamp"] = req.timestamp;
	const res = await fetch(`${url}/discord/interactions`, { method: "POST", headers, body: req.body });
	const text = await res.text();
	return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

let nextId = 1;

/** A slash-command interaction as Discord sends it (type 2, chat input), for a user in a server. */
export function commandInteraction(
	name: string,
	options: Record<string, string | number>,
	extra: { locale?: string; userId?: string; type?: 2 | 4; focused?: string } = {},
) {
	const id = String(nextId++);
	return {
		id,
		application_id: "app-1",
		type: extra.type ?? 2,
		token: `interaction-token-${id}`,
		version: 1,
		guild_id: "guild-1",
		channel_id: "channel-1",
		locale: extra.locale ?? "en-US",
		guild_locale: "en-US",
		member: { user: { id: extra.userId ?? "user-1", username: "tester" }, roles: [] },
		data: {
			id: `cmd-${name}`,
			name,
			type: 1,
			options: Object.entries(options).map(([k, v]) => ({
				name: k,
				type: typeof v === "number" ? 4 : 3,
				value: v,
				...(extra.focused === k ? { focused: true } : {}),
			})),
		},
	};
}
