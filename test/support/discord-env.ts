// The variables that turn Discord on: the public key interactions are signed with, the application, the bot token
// and the REST API the server calls (a local stand-in).
import type { SigningKeys } from "./discord-sign.js";

/** The application id the tests' interactions and webhook routes carry. */
export const DISCORD_APP_ID = "112233445566778899";

export function discordEnv(keys: SigningKeys, apiUrl: string, botToken = "discord-test-bot-token"): Record<string, string> {
	return {
		DISCORD_PUBLIC_KEY: keys.publicKeyHex,
		DISCORD_APPLICATION_ID: DISCORD_APP_ID,
		DISCORD_BOT_TOKEN: botToken,
		DISCORD_API_URL: apiUrl,
	};
}
