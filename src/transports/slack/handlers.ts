// Bolt listeners: slash commands and the card's buttons. Slack gives a request 3 s; sizing takes
// microseconds, so the answer normally rides in the acknowledgement itself. When the request has
// already waited past the budget (a busy process, a slow catalog), the listener acknowledges
// empty at once and sends the card through response_url, which stays valid for 30 minutes.
import type { App, BlockAction, ButtonAction, Context, RespondArguments, RespondFn } from "@slack/bolt";
import type { Logger } from "../../log.js";
import { POST_ACTION_ID, RUN_ACTION_PREFIX } from "../../render/blockkit.js";
import { type AnswerDeps, answer, answerSlash, parseButtonValue } from "./answer.js";

export const RECEIVED_AT = "gpufitReceivedAt";

export interface HandlerDeps extends AnswerDeps {
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

/** The promise's value if it settles within `ms`, else null (the promise keeps running). */
async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | null> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<null>((resolve) => {
		timer = setTimeout(() => resolve(null), ms);
	});
	try {
		return await Promise.race([promise, late]);
	} finally {
		clearTimeout(timer);
	}
}

export function registerHandlers(app: App, deps: HandlerDeps): void {
	const { log, ackBudgetMs } = deps;

	// Every slash command routed here; the registry decides which exist (unknown ones get a polite card).
	app.command(/^\/.+$/, async ({ command, ack, respond, context }) => {
		const started = receivedAt(context);
		const remaining = () => ackBudgetMs - (Date.now() - started);
		const compute = () => answerSlash(deps, { command: command.command, text: command.text ?? "", userId: command.user_id });
		if (remaining() <= 0) {
			await ack();
			await respondLogged(respond, await compute(), log);
			return;
		}
		// A hub lookup may take seconds: wait for it only as long as the acknowledgement can.
		const pending = compute();
		const message = pending instanceof Promise ? await settledWithin(pending, remaining()) : pending;
		if (message !== null && remaining() > 0) {
			await ack(message);
			return;
		}
		await ack();
		await respondLogged(respond, message ?? (await pending), log);
	});

	// "Post to channel": run the request again (the catalog may have moved on) and post it for everyone.
	app.action<BlockAction<ButtonAction>>(POST_ACTION_ID, async ({ ack, body, action, respond }) => {
		await ack();
		const { command, text } = parseButtonValue(action.value ?? "");
		const message = await answer(deps, { command, text, userId: body.user.id, inChannel: true, offerPost: false });
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
		const { command, text } = parseButtonValue(action.value ?? "");
		const message = await answer(deps, {
			command,
			text,
			userId: body.user.id,
			inChannel: false,
			offerPost: true,
		});
		await respondLogged(respond, { ...message, replace_original: false }, log);
	});

	app.error(async (error) => {
		log.error("slack listener failed", { error: error.message });
	});
}
