// Sends a neutral reply to a Slack or Discord channel: Slack's chat.postMessage through WebClient,
// Discord's POST /channels/{id}/messages through discord.js REST, both with the platform's renderer.
import { LogLevel, WebClient } from "@slack/web-api";
import { REST, Routes } from "discord.js";
import type { Reply } from "../../commands/reply.js";
import type { Logger } from "../transports/log.js";
import { discordMessage, slackMessage } from "./render.js";
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

export function slackSender(token: string, apiUrl: string | undefined, log: Logger, retry: RetryPolicy): Sender {
	const client = new WebClient(token, {
		...(apiUrl ? { slackApiUrl: withSlash(apiUrl) } : {}),
		rejectRateLimitedCalls: true,
		retryConfig: { retries: 0 },
		logLevel: LogLevel.ERROR, // failures are logged once, by the job, with the delivery they belong to
	});
	return {
		platform: "slack",
		send: async (channel, reply) => {
			const message = slackMessage(reply);
			const result = await withRateLimitRetry(
				() => client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false }),
				retry,
				(ms, attempt) => log.warn("slack rate limited; waiting", { channel, ms, attempt }),
			);
			return String(result.ts ?? "");
		},
		close: () => {},
	};
}

export function discordSender(token: string, apiUrl: string | undefined, log: Logger, retry: RetryPolicy): Sender {
	const rest = new REST({
		...(apiUrl ? { api: apiUrl } : {}),
		rejectOnRateLimit: () => true,
		retries: 1,
	}).setToken(token);
	return {
		platform: "discord",
		send: async (channel, reply) => {
			const result = (await withRateLimitRetry(
				() =>
					rest.post(Routes.channelMessages(channel), {
						body: { embeds: [discordMessage(reply)], allowed_mentions: { parse: [] } },
					}),
				retry,
				(ms, attempt) => log.warn("discord rate limited; waiting", { channel, ms, attempt }),
			)) as { id?: string };
			return String(result.id ?? "");
		},
		close: () => {
			rest.clearHashSweeper();
			rest.clearHandlerSweeper();
		},
	};
}

/** The senders whose tokens are set. */
export function sendersFromEnv(env: NodeJS.ProcessEnv, log: Logger, retry: RetryPolicy = DEFAULT_RETRY): Senders {
	const senders: Senders = {};
	if (env.SLACK_BOT_TOKEN) senders.slack = slackSender(env.SLACK_BOT_TOKEN, env.SLACK_API_URL, log, retry);
	if (env.DISCORD_BOT_TOKEN) senders.discord = discordSender(env.DISCORD_BOT_TOKEN, env.DISCORD_API_URL, log, retry);
	return senders;
}
