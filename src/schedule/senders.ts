// Sends a neutral reply to a Slack or Discord channel: Slack's chat.postMessage through WebClient,
// Discord's POST /channels/{id}/messages through discord.js's REST client (@discordjs/rest), both with the
// platform's renderer. Each client (and renderer) is imported and made on the first post: a server whose
// tokens are set for the chat platforms may never post on a schedule, and they cost start-up time and memory.
import type { WebClient } from "@slack/web-api";
import type { Reply } from "../chat/reply.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { DEFAULT_RETRY, type RetryPolicy, withRateLimitRetry } from "./retry.js";
import type { Platform } from "./state.js";

export interface Sender {
	platform: Platform;
	/** Returns the platform's id of the message posted. */
	send: (channel: string, reply: Reply) => Promise<string>;
	close: () => void;
}

export type Senders = Partial<Record<Platform, Sender>>;

/** Bolt's slackApiUrl form: the Web API base ending in a slash. */
const withSlash = (url: string) => (url.endsWith("/") ? url : `${url}/`);

/** Made once, on the first call; later calls share it. */
function once<T>(make: () => Promise<T>): { get: () => Promise<T>; made: () => T | null } {
	let pending: Promise<T> | null = null;
	let value: T | null = null;
	return {
		get: () => {
			pending ??= make().then((v) => {
				value = v;
				return v;
			});
			return pending;
		},
		made: () => value,
	};
}

export function slackSender(token: string, apiUrl: string | undefined, log: Logger, retry: RetryPolicy): Sender {
	const client = once<WebClient>(async () => {
		const { LogLevel, WebClient } = await import("@slack/web-api");
		return new WebClient(token, {
			...(apiUrl ? { slackApiUrl: withSlash(apiUrl) } : {}),
			rejectRateLimitedCalls: true,
			retryConfig: { retries: 0 },
			logLevel: LogLevel.ERROR, // failures are logged once, by the job, with the delivery they belong to
		});
	});
	return {
		platform: "slack",
		send: async (channel, reply) => {
			const { slackMessage } = await import("./render.js");
			const message = slackMessage(reply);
			const web = await client.get();
			const result = await withRateLimitRetry(
				() => web.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false }),
				retry,
				(ms, attempt) => log.warn("slack rate limited; waiting", { channel, ms, attempt }),
			);
			return String(result.ts ?? "");
		},
		close: () => {},
	};
}

export function discordSender(token: string, apiUrl: string | undefined, log: Logger, retry: RetryPolicy): Sender {
	const client = once(async () => {
		const { REST } = await import("@discordjs/rest");
		return new REST({
			...(apiUrl ? { api: apiUrl } : {}),
			rejectOnRateLimit: () => true,
			retries: 1,
		}).setToken(token);
	});
	return {
		platform: "discord",
		send: async (channel, reply) => {
			const { discordMessage } = await import("./render.js");
			const rest = await client.get();
			const result = (await withRateLimitRetry(
				() =>
					// Discord's "Create Message" route: https://discord.com/developers/docs/resources/message#create-message
					rest.post(`/channels/${encodeURIComponent(channel)}/messages`, {
						body: { embeds: [discordMessage(reply)], allowed_mentions: { parse: [] } },
					}),
				retry,
				(ms, attempt) => log.warn("discord rate limited; waiting", { channel, ms, attempt }),
			)) as { id?: string };
			return String(result.id ?? "");
		},
		close: () => {
			// Its sweepers are unref'd timers; one still being made when this runs cannot keep the process alive.
			client.made()?.clearHashSweeper();
			client.made()?.clearHandlerSweeper();
		},
	};
}

/** The senders whose tokens are set. */
export function sendersFor(config: Pick<Config, "slack" | "discord">, log: Logger, retry: RetryPolicy = DEFAULT_RETRY): Senders {
	const { slack, discord } = config;
	const senders: Senders = {};
	if (slack.botToken) senders.slack = slackSender(slack.botToken, slack.apiUrl ?? undefined, log, retry);
	if (discord.botToken) senders.discord = discordSender(discord.botToken, discord.apiUrl, log, retry);
	return senders;
}
