// The Discord side's settings, from the configuration (src/config.ts; see the README's Discord section).
import { createPublicKey, type KeyObject } from "node:crypto";
import type { Config } from "../../config.js";

export interface DiscordConfig {
	publicKey: KeyObject;
	applicationId: string;
	botToken: string;
	/** REST base without the version, as discord.js's REST `api` option. */
	apiUrl: string;
	/** Time after a command arrives past which it is deferred (type 5) and answered by editing the original response. */
	deferAfterMs: number;
	/** `gateway` also connects a bot to Discord's gateway, for servers Discord cannot reach over HTTP. */
	mode: "http" | "gateway";
}

const HEX_KEY = /^[0-9a-f]{64}$/i;
// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the 32 raw key bytes follow it.
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** Discord's "Public Key" (64 hex digits) as a key node:crypto verifies with. */
export function ed25519PublicKey(hex: string): KeyObject {
	if (!HEX_KEY.test(hex)) throw new Error("DISCORD_PUBLIC_KEY must be the application's public key: 64 hex digits");
	return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, "hex")]), format: "der", type: "spki" });
}

export const DISABLED =
	"Discord disabled: set DISCORD_PUBLIC_KEY, DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN to serve POST /discord/interactions";

/** The configuration, or a line saying why Discord stays off. */
export function discordConfig(config: Config): DiscordConfig | string {
	const { publicKey: key, applicationId, botToken, apiUrl, deferAfterMs, mode } = config.discord;
	if (!key || !applicationId || !botToken) return DISABLED;
	return { publicKey: ed25519PublicKey(key), applicationId, botToken, apiUrl, deferAfterMs, mode };
}
