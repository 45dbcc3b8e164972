// Bolt listeners: slash commands and the card's buttons. Slack gives a request 3 s; sizing takes
// microseconds, so the answer normally rides in the acknowledgement itself. Past the budget (chat/deadline.ts:
// a busy process, a slow hub, a slow answer) the listener acknowledges empty and sends the card through
// response_url, which stays valid for 30 minutes.
import type { App, BlockAction, ButtonAction, Context, RespondArguments, RespondFn } from "@slack/bolt";
import { respondBy } from "../../chat/deadline.js";
import type { Logger } from "../../log.js";
import { POST_ACTION_ID, RUN_ACTION_PREFIX } from "../../render/blockkit.js";
import type { SlackAnswer, SlackAnswers } from "./answer.js";

export const RECEIVED_AT = "gpufitReceivedAt";

export interface HandlerDeps {
	answers: SlackAnswers;
	log: Logger;
	/** How long after its arrival a command may still be answered in the acknowledgement. */
	ackBudgetMs: number;
}

/** When the receiver got the request (set by its customPropertiesExtractor); the listener's start otherwise. */
function receivedAt(context: Context): number {
	const at = context[RECEIVED_AT];
	return typeof at === "number" ? at : Date.now();
}

async function respondLogged(respond: RespondFn, message: RespondArguments, log: Logger): Promise<void> {
	try {
		await respond(message);
	} catch (e) {
		log.error("slack response_url post failed", { error: e instanceof Error ? e.message : String(e) });
	}
}

export function registerHandlers(app: App, deps: HandlerDeps): void {
	const { answers, log, ackBudgetMs } = deps;

	// Every slash command routed here; the registry decides which exist (unknown ones get a polite card).
	app.command(/^\/.+$/, async ({ command, ack, respond, context }) => {
		const way = await respondBy<SlackAnswer>(
			receivedAt(context) + ackBudgetMs,
			() => answers.slash({ command: command.command, text: command.text ?? "", userId: command.user_id }),
			{
				reply: async (message) => ack(message),
				defer: async () => ack(),
				edit: (message) => respondLogged(respond, message, log),
			},
		);
		if (way === "deferred") log.info("slack command answered through response_url", { command: command.command });
	});

	// "Post to channel": run the request again (the catalog may have moved on) and post it for everyone.
	app.action<BlockAction<ButtonAction>>(POST_ACTION_ID, async ({ ack, body, action, respond }) => {
		await ack();
		const { command, text } = answers.buttonRequest(action.value ?? "");
		const message = await answers.answer({ command, text, userId: body.user.id, inChannel: true, offerPost: false });
		await respondLogged(respond, { ...message, replace_original: false }, log);
		// An ephemeral card cannot become public; delete it so the user is not left with two copies.
		if (message.response_type === "in_channel" && body.container?.is_ephemeral) {
			await respondLogged(respond, { delete_original: true }, log);
		}
	});

	// "Run this" beside a suggestion: answer that request, with the suggestion's own command, privately,
	// keeping the card it came from.
	app.action<BlockAction<ButtonAction>>(new RegExp(`^${RUN_ACTION_PREFIX}\\d+$`), async ({ ack, body, action, respond }) => {
		await ack();
		const { command, text } = answers.buttonRequest(action.value ?? "");
		const message = await answers.answer({ command, text, userId: body.user.id, inChannel: false, offerPost: true });
		await respondLogged(respond, { ...message, replace_original: false }, log);
	});

	app.error(async (error) => {
		log.error("slack listener failed", { error: error.message });
	});
}
