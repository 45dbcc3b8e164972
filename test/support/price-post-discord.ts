// Discord's POST /channels/{id}/messages (API v10), as the price posts use it: records each message
// (channel, embeds) and answers like Discord; 429s carry Retry-After and retry_after as Discord does.
import { type Failure, type StandInServer, sendJson, startStandIn } from "./price-post-http.js";

export interface DiscordMessage {
	channel: string;
	// biome-ignore lint/suspicious/noExplicitAny: embed JSON, read field by field in tests
	embeds: any[];
	authorization: string | undefined;
}

export interface DiscordPostStandIn extends StandInServer {
	/** For DISCORD_API_URL (REST's `api`, without the version). */
	apiUrl: string;
	messages: DiscordMessage[];
}

export const discordRateLimited = (retryAfterS: number): Failure => ({
	status: 429,
	headers: { "retry-after": String(retryAfterS), "x-ratelimit-scope": "user" },
	body: { message: "You are being rate limited.", retry_after: retryAfterS, global: false },
});

export const discordUnknownChannel: Failure = { status: 404, body: { message: "Unknown Channel", code: 10003 } };

export async function startDiscordPostStandIn(): Promise<DiscordPostStandIn> {
	const messages: DiscordMessage[] = [];
	const server = await startStandIn((req, res) => {
		const m = req.path.match(/^\/api\/v10\/channels\/([^/]+)\/messages$/);
		if (!m) return sendJson(res, 404, { message: "404: Not Found", code: 0 });
		const body = JSON.parse(req.body) as { embeds?: unknown[] };
		messages.push({ channel: m[1] ?? "", embeds: body.embeds ?? [], authorization: req.headers.authorization });
		sendJson(res, 200, { id: String(1_200_000_000_000_000_000n + BigInt(messages.length)), channel_id: m[1], ...body });
	});
	return { ...server, apiUrl: `${server.url}/api`, messages };
}
