// Slack's chat.postMessage and conversations.history, as the price posts and catalog alerts use them: records
// each message posted (channel, text, blocks, metadata, ts) and answers like Slack; conversations.history returns
// a channel's messages newest first since `oldest`, with their metadata only when include_all_metadata is set.
// 429s come with Retry-After in seconds.
import { type Answer, type Failure, type StandInServer, startStandIn } from "./price-post-http.js";

export interface SlackMessage {
	channel: string;
	text: string;
	// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON, read field by field in tests
	blocks: any[];
	token: string | undefined;
	/** Slack's message metadata, as posted. */
	metadata: { event_type: string; event_payload: Record<string, unknown> } | null;
	ts: string;
}

export interface SlackPostStandIn extends StandInServer {
	/** For SLACK_API_URL. */
	apiUrl: string;
	messages: SlackMessage[];
}

export const slackRateLimited = (retryAfterS: number): Failure => ({
	status: 429,
	headers: { "retry-after": String(retryAfterS) },
	body: { ok: false, error: "ratelimited" },
});

/** Slack's API parameters: a form (what WebClient sends) or JSON. */
function params(contentType: string | undefined, body: string): Record<string, unknown> {
	return contentType?.includes("json") ? JSON.parse(body) : Object.fromEntries(new URLSearchParams(body));
}

const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);

export async function startSlackPostStandIn(): Promise<SlackPostStandIn> {
	const messages: SlackMessage[] = [];
	let seq = 0;
	const server = await startStandIn((req): Answer => {
		const p = params(req.headers["content-type"], req.body);
		const channel = String(p.channel ?? "");
		if (req.path === "/api/chat.postMessage") {
			// Slack's ts: seconds since the epoch, then a sequence that keeps it unique.
			const ts = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, "0")}`;
			const blocks = json(p.blocks) ?? [];
			const metadata = p.metadata === undefined ? null : json(p.metadata);
			messages.push({ channel, text: String(p.text ?? ""), blocks, token: req.headers.authorization, metadata, ts });
			return { status: 200, body: { ok: true, channel, ts, message: { text: p.text } } };
		}
		if (req.path === "/api/conversations.history") {
			const oldest = Number(p.oldest ?? 0);
			const withMetadata = String(p.include_all_metadata) === "true";
			const found = messages
				.filter((m) => m.channel === channel && Number(m.ts) >= oldest)
				.reverse()
				.map((m) => ({
					type: "message",
					ts: m.ts,
					text: m.text,
					...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
				}));
			return { status: 200, body: { ok: true, messages: found, has_more: false } };
		}
		return { status: 200, body: { ok: false, error: "unknown_method" } };
	});
	return { ...server, apiUrl: `${server.url}/api/`, messages };
}
