// Discord's POST and GET /channels/{id}/messages (API v10), as the price posts use them: records each message
// (channel, embeds, nonce) and answers like Discord. A create with enforce_nonce whose nonce a message of the
// channel already has answers that message and posts nothing (Discord does so for a few minutes); GET lists a
// channel's messages newest first, after a snowflake. 429s carry Retry-After and retry_after as Discord does.
// PATCH /channels/{id}/messages/{message} (an edit; a chart comes as a multipart one) is recorded as it came
// and answered with the message; the test reads the form (multipartOf).
import { type Answer, type Failure, type Recorded, type StandInServer, startStandIn } from "./price-post-http.js";

export interface DiscordMessage {
	id: string;
	channel: string;
	// biome-ignore lint/suspicious/noExplicitAny: embed JSON, read field by field in tests
	embeds: any[];
	authorization: string | undefined;
	nonce: string | null;
}

export interface DiscordPostStandIn extends StandInServer {
	/** For DISCORD_API_URL (REST's `api`, without the version). */
	apiUrl: string;
	messages: DiscordMessage[];
	/** Edits of a message the stand-in holds, as they came. */
	edits: { channel: string; messageId: string; request: Recorded }[];
}

export const discordRateLimited = (retryAfterS: number): Failure => ({
	status: 429,
	headers: { "retry-after": String(retryAfterS), "x-ratelimit-scope": "user" },
	body: { message: "You are being rate limited.", retry_after: retryAfterS, global: false },
});

export const discordUnknownChannel: Failure = { status: 404, body: { message: "Unknown Channel", code: 10003 } };

/** Discord's epoch (2015-01-01), from which snowflakes count milliseconds. */
const DISCORD_EPOCH = 1_420_070_400_000n;

export async function startDiscordPostStandIn(): Promise<DiscordPostStandIn> {
	const messages: DiscordMessage[] = [];
	const edits: DiscordPostStandIn["edits"] = [];
	let seq = 0n;
	const view = (m: DiscordMessage) => ({ id: m.id, channel_id: m.channel, embeds: m.embeds, nonce: m.nonce ?? undefined });
	const server = await startStandIn((req): Answer => {
		const url = new URL(req.path, "http://stand-in");
		const edit = url.pathname.match(/^\/api\/v10\/channels\/([^/]+)\/messages\/([^/]+)$/);
		if (edit && req.method === "PATCH") {
			const [, channel = "", messageId = ""] = edit;
			const held = messages.find((x) => x.channel === channel && x.id === messageId);
			if (!held) return { status: 404, body: { message: "Unknown Message", code: 10008 } };
			edits.push({ channel, messageId, request: req });
			return { status: 200, body: view(held) };
		}
		const m = url.pathname.match(/^\/api\/v10\/channels\/([^/]+)\/messages$/);
		if (!m) return { status: 404, body: { message: "404: Not Found", code: 0 } };
		const channel = m[1] ?? "";
		if (req.method === "GET") {
			const after = BigInt(url.searchParams.get("after") ?? "0");
			const limit = Number(url.searchParams.get("limit") ?? "50");
			const found = messages.filter((x) => x.channel === channel && BigInt(x.id) > after).reverse();
			return { status: 200, body: found.slice(0, limit).map(view) };
		}
		const body = JSON.parse(req.body) as { embeds?: unknown[]; nonce?: string | number; enforce_nonce?: boolean };
		const nonce = body.nonce === undefined ? null : String(body.nonce);
		const same = body.enforce_nonce && nonce !== null ? messages.find((x) => x.channel === channel && x.nonce === nonce) : null;
		if (same) return { status: 200, body: view(same) };
		const id = String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) + ++seq);
		messages.push({ id, channel, embeds: body.embeds ?? [], authorization: req.headers.authorization, nonce });
		return { status: 200, body: view(messages.at(-1)!) };
	});
	return { ...server, apiUrl: `${server.url}/api`, messages, edits };
}
