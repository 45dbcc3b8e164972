// Slack's chat.postMessage, as the price posts and catalog alerts use it: records each message
// posted (channel, text, blocks) and answers like Slack; 429s come with Retry-After in seconds.
import { type Failure, type StandInServer, sendJson, startStandIn } from "./price-post-http.js";

export interface SlackMessage {
	channel: string;
	text: string;
	// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON, read field by field in tests
	blocks: any[];
	token: string | undefined;
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

export async function startSlackPostStandIn(): Promise<SlackPostStandIn> {
	const messages: SlackMessage[] = [];
	const server = await startStandIn((req, res) => {
		if (req.path !== "/api/chat.postMessage") return sendJson(res, 200, { ok: false, error: "unknown_method" });
		const params: Record<string, string> = req.headers["content-type"]?.includes("json")
			? JSON.parse(req.body)
			: Object.fromEntries(new URLSearchParams(req.body));
		const blocks = typeof params.blocks === "string" ? JSON.parse(params.blocks) : (params.blocks ?? []);
		messages.push({ channel: params.channel ?? "", text: params.text ?? "", blocks, token: req.headers.authorization });
		const ts = `1700000000.${String(messages.length).padStart(6, "0")}`;
		sendJson(res, 200, { ok: true, channel: params.channel, ts, message: { text: params.text } });
	});
	return { ...server, apiUrl: `${server.url}/api/`, messages };
}
