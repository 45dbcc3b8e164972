// Discord's REST API through discord.js's client (@discordjs/rest: rate limits and retries handled there).
// The base URL comes from DISCORD_API_URL, so tests can point it at a local stand-in.
import type { REST } from "@discordjs/rest";
import type { DiscordMessage } from "./answer.js";
import { Routes } from "./protocol.js";

export async function discordRest(apiUrl: string, botToken: string): Promise<REST> {
	// Imported on demand: the client and undici cost a quarter of a second at start-up, and an HTTP-mode
	// bot only calls Discord to edit a deferred answer, which is rare.
	const { REST } = await import("@discordjs/rest");
	return new REST({ api: apiUrl, version: "10" }).setToken(botToken);
}

/** One REST client, made the first time it is needed. */
export class LazyRest {
	#client: Promise<REST> | null = null;

	constructor(
		private readonly apiUrl: string,
		private readonly botToken: string,
	) {}

	get(): Promise<REST> {
		this.#client ??= discordRest(this.apiUrl, this.botToken);
		return this.#client;
	}

	/** Stops the client's sweeper timers, if a client was ever made. */
	async close(): Promise<void> {
		const client = await this.#client?.catch(() => null);
		client?.clearHashSweeper();
		client?.clearHandlerSweeper();
	}
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
