// Sends a neutral reply to a Slack or Discord channel: Slack's chat.postMessage through WebClient,
// Discord's POST /channels/{id}/messages through discord.js's REST client (@discordjs/rest), both with the
// platform's renderer. Each client (and renderer) is imported and made on the first post: a server whose
// tokens are set for the chat platforms may never post on a schedule, and they cost start-up time and memory.
// Every call is bounded (PRICE_POST_TIMEOUT_MS). A post that carries a delivery id can be found again: Slack
// keeps it in the message's metadata (read back with conversations.history), Discord in the message's nonce,
// which with enforce_nonce also makes Discord answer a repeated create with the message already made.
// A chart goes with a post that is out (attach): uploaded into the post's thread on Slack, attached to the post by
// an edit on Discord, apart from the post itself so that the chart never decides whether the post went out. With
// PUBLIC_URL, Slack's post shows it by link instead (link: chat.update with an image block).
import { createHash } from "node:crypto";
import type { WebClient } from "@slack/web-api";
import { clip, type Reply } from "../chat/reply.js";
import type { Config } from "../config.js";
import { viaGlobalFetch } from "../discord-fetch.js";
import type { Logger } from "../log.js";
import type { Chart } from "../render/charts/index.js";
import { withDeadline } from "./deadline.js";
import { DEFAULT_RETRY, type RetryPolicy, withRateLimitRetry } from "./retry.js";
import type { Platform } from "./state.js";

export interface Sender {
	platform: Platform;
	/** Returns the platform's id of the message posted; `deliveryId` marks the message so that find() sees it. */
	send: (channel: string, reply: Reply, deliveryId?: string) => Promise<string>;
	/**
	 * The id of a message marked with `deliveryId` posted since `since`, or null when there is none. Absent: the
	 * channel cannot be asked (a sender without a way to look), and a post in doubt is sent again.
	 */
	find?: (channel: string, deliveryId: string, since: Date) => Promise<string | null>;
	/**
	 * Adds `chart` to the message `messageId` (the post of `reply`) that is already out; rejects when it could not.
	 * Absent: the platform's posts go without charts.
	 */
	attach?: (channel: string, messageId: string, reply: Reply, chart: Chart) => Promise<void>;
	/**
	 * Shows the image at `image.url` in the message `messageId` (the post of `reply`) that is already out; rejects
	 * when it could not. Absent: the platform takes the PNG itself (attach).
	 */
	link?: (channel: string, messageId: string, reply: Reply, image: { url: string; alt: string }) => Promise<void>;
	/** True when the error says the post certainly did not go out (refused, rate limited); absent or false: unknown. */
	notSent?: (error: unknown) => boolean;
	close: () => void;
}

export type Senders = Partial<Record<Platform, Sender>>;

export interface SenderOptions {
	apiUrl?: string;
	/** Bound of each call to the platform, in ms. */
	timeoutMs: number;
	retry: RetryPolicy;
}

/** Default bound of one outbound call of the scheduler (PRICE_POST_TIMEOUT_MS). */
export const DEFAULT_SEND_TIMEOUT_MS = 10_000;

/** The Slack metadata event type of the price posts. */
export const SLACK_EVENT_TYPE = "gpufit_price_post";

/** Discord's nonce (25 characters at most) for a delivery: the same id, the same nonce. */
export const discordNonce = (deliveryId: string) => createHash("sha256").update(deliveryId).digest("base64url").slice(0, 25);

/** Slack's limit on a file's alt text; Discord's on an attachment's description. */
const SLACK_ALT_TEXT = 1000;
const DISCORD_DESCRIPTION = 1024;

/** Look back this much before a delivery was made: clocks differ between hosts. */
const LOOK_BACK_MS = 5 * 60_000;
/** Pages of channel history read when looking for a post. */
const HISTORY_PAGES = 5;

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

export function slackSender(token: string, log: Logger, options: SenderOptions): Sender {
	const { apiUrl, timeoutMs, retry } = options;
	const client = once<WebClient>(async () => {
		const { LogLevel, WebClient } = await import("@slack/web-api");
		return new WebClient(token, {
			...(apiUrl ? { slackApiUrl: withSlash(apiUrl) } : {}),
			rejectRateLimitedCalls: true,
			retryConfig: { retries: 0 },
			timeout: timeoutMs,
			logLevel: LogLevel.ERROR, // failures are logged once, by the job, with the delivery they belong to
		});
	});
	return {
		platform: "slack",
		send: async (channel, reply, deliveryId) => {
			const { slackMessage } = await import("./render.js");
			const message = slackMessage(reply);
			const web = await client.get();
			const metadata = deliveryId ? { event_type: SLACK_EVENT_TYPE, event_payload: { delivery_id: deliveryId } } : undefined;
			const result = await withRateLimitRetry(
				() =>
					withDeadline(
						web.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false, metadata }),
						timeoutMs,
						"slack chat.postMessage",
					),
				retry,
				(ms, attempt) => log.warn("slack rate limited; waiting", { channel, ms, attempt }),
			);
			return String(result.ts ?? "");
		},
		find: async (channel, deliveryId, since) => {
			const web = await client.get();
			const oldest = String((since.getTime() - LOOK_BACK_MS) / 1000);
			let cursor: string | undefined;
			for (let page = 0; page < HISTORY_PAGES; page++) {
				const result = await withDeadline(
					web.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200, cursor }),
					timeoutMs,
					"slack conversations.history",
				);
				const found = (result.messages ?? []).find(
					(m) =>
						m.metadata?.event_type === SLACK_EVENT_TYPE &&
						(m.metadata.event_payload as Record<string, unknown> | undefined)?.delivery_id === deliveryId,
				);
				if (found) return String(found.ts ?? "");
				cursor = result.response_metadata?.next_cursor || undefined;
				if (!cursor) break;
			}
			return null;
		},
		attach: async (channel, messageId, _reply, chart) => {
			const web = await client.get();
			// The external upload flow (files.getUploadURLExternal, the bytes, files.completeUploadExternal) into the post's thread.
			await withDeadline(
				web.filesUploadV2({
					channel_id: channel,
					thread_ts: messageId,
					file: chart.png,
					filename: chart.fileName,
					alt_text: clip(chart.alt, SLACK_ALT_TEXT),
				}),
				timeoutMs,
				"slack filesUploadV2",
			);
		},
		link: async (channel, messageId, reply, image) => {
			const { slackMessage } = await import("./render.js");
			const message = slackMessage(reply, image);
			const web = await client.get();
			// The post's own card with the image block, as an answer's card carries it (Slack fetches the image now).
			await withDeadline(
				web.chat.update({ channel, ts: messageId, text: message.text, blocks: message.blocks }),
				timeoutMs,
				"slack chat.update",
			);
		},
		notSent: (error) => {
			const code = (error as { code?: unknown } | null)?.code;
			return code === "slack_webapi_platform_error" || code === "slack_webapi_rate_limited_error";
		},
		close: () => {},
	};
}

/** Discord's snowflake for a time: the messages after it (https://discord.com/developers/docs/reference#snowflakes). */
const snowflakeAt = (ms: number) => String((BigInt(Math.max(0, ms - 1_420_070_400_000)) << 22n) as bigint);

export function discordSender(token: string, log: Logger, options: SenderOptions): Sender {
	const { apiUrl, timeoutMs, retry } = options;
	const client = once(async () => {
		const { REST } = await import("@discordjs/rest");
		return new REST({
			...(apiUrl ? { api: apiUrl } : {}),
			rejectOnRateLimit: () => true,
			retries: 1,
			timeout: timeoutMs,
			makeRequest: viaGlobalFetch,
		}).setToken(token);
	});
	return {
		platform: "discord",
		send: async (channel, reply, deliveryId) => {
			const { discordMessage } = await import("./render.js");
			const rest = await client.get();
			const nonce = deliveryId ? { nonce: discordNonce(deliveryId), enforce_nonce: true } : {};
			const result = (await withRateLimitRetry(
				() =>
					withDeadline(
						// Discord's "Create Message" route: https://discord.com/developers/docs/resources/message#create-message
						rest.post(`/channels/${encodeURIComponent(channel)}/messages`, {
							body: { embeds: [discordMessage(reply)], allowed_mentions: { parse: [] }, ...nonce },
						}),
						timeoutMs,
						"discord create message",
					),
				retry,
				(ms, attempt) => log.warn("discord rate limited; waiting", { channel, ms, attempt }),
			)) as { id?: string };
			return String(result.id ?? "");
		},
		find: async (channel, deliveryId, since) => {
			const rest = await client.get();
			const query = new URLSearchParams({ limit: "100", after: snowflakeAt(since.getTime() - LOOK_BACK_MS) });
			const messages = (await withDeadline(
				rest.get(`/channels/${encodeURIComponent(channel)}/messages`, { query }),
				timeoutMs,
				"discord get channel messages",
			)) as { id?: string; nonce?: string | number }[];
			const nonce = discordNonce(deliveryId);
			const found = messages.find((m) => String(m.nonce ?? "") === nonce);
			return found ? String(found.id ?? "") : null;
		},
		attach: async (channel, messageId, reply, chart) => {
			const { discordMessage } = await import("./render.js");
			const rest = await client.get();
			await withDeadline(
				// Discord's "Edit Message" route with the PNG as files[0], shown in the embed through attachment://.
				rest.patch(`/channels/${encodeURIComponent(channel)}/messages/${encodeURIComponent(messageId)}`, {
					body: {
						embeds: [{ ...discordMessage(reply), image: { url: `attachment://${chart.fileName}` } }],
						attachments: [{ id: 0, filename: chart.fileName, description: clip(chart.alt, DISCORD_DESCRIPTION) }],
						allowed_mentions: { parse: [] },
					},
					files: [{ name: chart.fileName, data: chart.png, contentType: "image/png" }],
				}),
				timeoutMs,
				"discord edit message",
			);
		},
		notSent: (error) => {
			const e = error as { name?: unknown; status?: unknown } | null;
			if (typeof e?.name === "string" && e.name.startsWith("RateLimitError")) return true;
			// A 4xx from Discord is a refusal (DiscordAPIError); a 5xx (HTTPError) or a timeout may have posted.
			return e?.name !== "HTTPError" && typeof e?.status === "number" && e.status >= 400 && e.status < 500;
		},
		close: () => {
			// Its sweepers are unref'd timers; one still being made when this runs cannot keep the process alive.
			client.made()?.clearHashSweeper();
			client.made()?.clearHandlerSweeper();
		},
	};
}

/** The senders whose tokens are set. */
export function sendersFor(
	config: Pick<Config, "slack" | "discord"> & { prices?: Pick<Config["prices"], "sendTimeoutMs"> },
	log: Logger,
	retry: RetryPolicy = DEFAULT_RETRY,
): Senders {
	const { slack, discord } = config;
	const timeoutMs = config.prices?.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
	const senders: Senders = {};
	if (slack.botToken) senders.slack = slackSender(slack.botToken, log, { apiUrl: slack.apiUrl ?? undefined, timeoutMs, retry });
	if (discord.botToken) senders.discord = discordSender(discord.botToken, log, { apiUrl: discord.apiUrl, timeoutMs, retry });
	return senders;
}
