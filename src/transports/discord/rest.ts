// Discord's REST API through discord.js's client (rate limits and retries handled there). The base URL
// comes from DISCORD_API_URL, so tests can point it at a local stand-in.
import { REST, Routes } from "discord.js";
import type { DiscordMessage } from "./answer.js";

export function discordRest(apiUrl: string, botToken: string): REST {
	return new REST({ api: apiUrl, version: "10" }).setToken(botToken);
}

/** The message body Discord takes for a response or an edit; user text in an answer never pings anyone. */
export function messageBody(message: DiscordMessage) {
	return { embeds: message.embeds, allowed_mentions: { parse: [] } };
}

/** Replaces a deferred response. Interaction webhooks authenticate by their token, not the bot's. */
export async function editOriginalResponse(
	rest: REST,
	applicationId: string,
	interactionToken: string,
	message: DiscordMessage,
): Promise<void> {
	await rest.patch(Routes.webhookMessage(applicationId, interactionToken, "@original"), {
		body: messageBody(message),
		auth: false,
	});
}
