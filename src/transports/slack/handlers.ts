// Bolt listeners: slash commands and the card's buttons. Slack gives a request 3 s; sizing takes
// microseconds, so the answer normally rides in the acknowledgement itself. Past the budget (chat/deadline.ts:
// a busy process, a slow hub, a slow answer) the listener acknowledges empty and sends the card through
// response_url, which stays valid for 30 minutes; that post is retried (chat/followup.ts), and every listener's
// run is counted so that a graceful shutdown waits for it.
import type { App, BlockAction, ButtonAction, Context } from "@slack/bolt";
import { respondBy } from "../../chat/deadline.js";
import type { Followups } from "../../chat/followup.js";
import type { Logger } from "../../log.js";
import { POST_ACTION_ID, RUN_ACTION_PREFIX } from "../../render/blockkit.js";
import type { SlackAnswer, SlackAnswers, SlackReply } from "./answer.js";
import type { CardPlace, SlackCharts } from "./charts.js";
import type { UnhandledAnswer } from "./receiver.js";

export const RECEIVED_AT = "gpufitReceivedAt";

export interface HandlerDeps {
	answers: SlackAnswers;
	log: Logger;
	/** How long after its arrival a command may still be answered in the acknowledgement. */
	ackBudgetMs: number;
	/** response_url posts, retried; and the count of listeners still running. */
	followups: Followups;
	/** The answers' charts, after their cards; null: GPUFIT_CHARTS=off. */
	charts: SlackCharts | null;
}

/** When the receiver got the request (set by its customPropertiesExtractor); the listener's start otherwise. */
function receivedAt(context: Context): number {
	const at = context[RECEIVED_AT];
	return typeof at === "number" ? at : Date.now();
}

/** What a response_url takes beside a card: where it goes relative to the card the click came from. */
type ResponseMessage = SlackAnswer | (SlackAnswer & { replace_original: boolean }) | { delete_original: true };

/**
 * Posts to the request's response_url, retried on 429, 5xx and dropped connections; a failure is logged there.
 * Whether it went.
 */
async function respondVia(
	followups: Followups,
	url: string | undefined,
	message: ResponseMessage,
	what: string,
): Promise<boolean> {
	if (!url) return false;
	return (await followups.send(`slack response_url post (${what})`, { method: "POST", url, body: message })).ok;
}

/** The channel and thread of the card a button was clicked on: where its answer, and its chart, go. */
function placeOf(body: BlockAction): CardPlace {
	return {
		channelId: body.channel?.id ?? body.container?.channel_id,
		threadTs: body.message?.thread_ts ?? body.container?.thread_ts,
	};
}

export function registerHandlers(app: App, deps: HandlerDeps): void {
	const { answers, log, ackBudgetMs, followups, charts } = deps;

	// Every slash command routed here; the registry decides which exist (unknown ones get a polite card).
	app.command(/^\/.+$/, ({ command, ack, context, client }) =>
		followups.track(
			(async () => {
				let sent = null as SlackReply | null;
				const way = await respondBy<SlackReply>(
					receivedAt(context) + ackBudgetMs,
					() => answers.slash({ command: command.command, text: command.text ?? "", userId: command.user_id }),
					{
						reply: async (reply) => {
							await ack(reply.message);
							sent = reply;
						},
						defer: async () => ack(),
						edit: async (reply) => {
							const result = await followups.send(`slack response_url post (${command.command})`, {
								method: "POST",
								url: command.response_url,
								body: reply.message,
							});
							if (result.ok) sent = reply;
						},
					},
				);
				if (way === "deferred" && sent) log.info("slack command answered through response_url", { command: command.command });
				// The chart after its card, never before: a slow or failed chart cannot hold the answer back.
				if (sent) await charts?.afterCard(sent, client, { channelId: command.channel_id, threadTs: undefined });
			})(),
		),
	);

	// "Post to channel": run the request again (the catalog may have moved on) and post it for everyone.
	app.action<BlockAction<ButtonAction>>(POST_ACTION_ID, ({ ack, body, action, client }) =>
		followups.track(
			(async () => {
				await ack();
				const { command, text } = answers.buttonRequest(action.value ?? "");
				const reply = await answers.answer({ command, text, userId: body.user.id, inChannel: true, offerPost: false });
				const message = reply.message;
				const sent = await respondVia(followups, body.response_url, { ...message, replace_original: false }, "post to channel");
				// An ephemeral card cannot become public; delete it so the user is not left with two copies.
				if (message.response_type === "in_channel" && body.container?.is_ephemeral) {
					await respondVia(followups, body.response_url, { delete_original: true }, "delete the private card");
				}
				if (sent) await charts?.afterCard(reply, client, placeOf(body));
			})(),
		),
	);

	// "Run this" beside a suggestion: answer that request, with the suggestion's own command, privately,
	// keeping the card it came from.
	app.action<BlockAction<ButtonAction>>(new RegExp(`^${RUN_ACTION_PREFIX}\\d+$`), ({ ack, body, action, client }) =>
		followups.track(
			(async () => {
				await ack();
				const { command, text } = answers.buttonRequest(action.value ?? "");
				const reply = await answers.answer({ command, text, userId: body.user.id, inChannel: false, offerPost: true });
				const sent = await respondVia(followups, body.response_url, { ...reply.message, replace_original: false }, "run this");
				if (sent) await charts?.afterCard(reply, client, placeOf(body));
			})(),
		),
	);

	app.error(async (error) => {
		log.error("slack listener failed", { error: error.message });
	});
}

/**
 * The answer to a signed request no listener took (receiver.ts), at once: a private note saying what the bot
 * answers, in the acknowledgement and, for a click (whose acknowledgement Slack does not show), through its
 * response_url. A modal's submission or an options request gets the empty answer Slack expects of them.
 */
export function unhandledAnswer(deps: HandlerDeps): UnhandledAnswer {
	return (body) => {
		if (body.type === "view_submission" || body.type === "view_closed") return { ack: undefined };
		if (body.type === "block_suggestion") return { ack: { options: [] } };
		const note = deps.answers.unhandled();
		const url = typeof body.response_url === "string" && typeof body.type === "string" ? body.response_url : undefined;
		if (!url) return { ack: note };
		return {
			ack: note,
			afterAck: () => void respondVia(deps.followups, url, { ...note, replace_original: false }, "note on an unhandled request"),
		};
	};
}
