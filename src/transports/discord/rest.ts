// Discord's REST API. Registering commands goes through discord.js's client (@discordjs/rest); the one call an
// answer makes, the edit of a deferred response, is a plain request sent by chat/followup.ts, which retries it
// on a 429 (after its Retry-After), a 5xx or a dropped connection, each try with a timeout. The base URL comes
// from DISCORD_API_URL, so tests can point it at a local stand-in.
import type { REST } from "@discordjs/rest";
import type { FollowupRequest } from "../../chat/followup.js";
import { viaGlobalFetch } from "../../discord-fetch.js";
import type { DiscordMessage } from "./answer.js";
import { Routes } from "./protocol.js";

/** The API version gpufit speaks. */
export const API_VERSION = "10";

/** Discord asks every client for a User-Agent of this form (https://discord.com/developers/docs/reference#user-agent). */
const USER_AGENT = "DiscordBot (gpufit, 0.1.0)";

/** One attempt of a REST call through discord.js's client: it retries and waits out rate limits by itself. */
const REST_TIMEOUT_MS = 10_000;

/** How often discord.js's REST client drops the route handlers idle since the last sweep. */
const HANDLER_SWEEP_MS = 60_000;

export async function discordRest(apiUrl: string, botToken: string): Promise<REST> {
	// Imported on demand: the client and undici cost a quarter of a second at start-up.
	const { REST } = await import("@discordjs/rest");
	return new REST({
		api: apiUrl,
		version: API_VERSION,
		timeout: REST_TIMEOUT_MS,
		// Every interaction token is a route of its own (charts are sent by editing each answer): its handler is
		// swept a minute after its last use instead of the default hour, so they do not pile up.
		handlerSweepInterval: HANDLER_SWEEP_MS,
		makeRequest: viaGlobalFetch,
	}).setToken(botToken);
}

/** The message body Discord takes for a response or an edit; user text in an answer never pings anyone. */
export function messageBody(message: DiscordMessage) {
	return { embeds: message.embeds, allowed_mentions: { parse: [] } };
}

/** The edit that replaces a deferred response. Interaction webhooks authenticate by their token, not the bot's. */
export function editOriginalRequest(
	apiUrl: string,
	applicationId: string,
	interactionToken: string,
	message: DiscordMessage,
): FollowupRequest {
	const route = Routes.webhookMessage(applicationId, encodeURIComponent(interactionToken), "@original");
	return {
		method: "PATCH",
		url: `${apiUrl.replace(/\/+$/, "")}/v${API_VERSION}${route}`,
		body: messageBody(message),
		headers: { "user-agent": USER_AGENT },
	};
}
