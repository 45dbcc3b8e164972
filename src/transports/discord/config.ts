// The Discord side's settings, from the environment only (see the README's Discord section).
import { createPublicKey, type KeyObject } from "node:crypto";

export const DEFAULT_DISCORD_API = "https://discord.com/api";
/** Discord waits 3 s for the first response; answer inline until 2 s after arrival, defer after that. */
export const DEFAULT_DEFER_AFTER_MS = 2000;

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
export function discordConfig(env: NodeJS.ProcessEnv): DiscordConfig | string {
	const { DISCORD_PUBLIC_KEY: key, DISCORD_APPLICATION_ID: applicationId, DISCORD_BOT_TOKEN: botToken } = env;
	if (!key || !applicationId || !botToken) return DISABLED;
	let publicKey: KeyObject;
	try {
		publicKey = ed25519PublicKey(key.trim());
	} catch (e) {
		return `Discord disabled: ${e instanceof Error ? e.message : String(e)}`;
	}
	const deferAfter = Number(env.DISCORD_DEFER_AFTER_MS ?? DEFAULT_DEFER_AFTER_MS);
	return {
		publicKey,
		applicationId,
		botToken,
		apiUrl: env.DISCORD_API_URL || DEFAULT_DISCORD_API,
		deferAfterMs: Number.isFinite(deferAfter) && deferAfter >= 0 ? deferAfter : DEFAULT_DEFER_AFTER_MS,
		mode: env.DISCORD_MODE?.toLowerCase() === "gateway" ? "gateway" : "http",
	};
}
