// Discord drops an interaction not answered within 3 seconds. Answer inline when the message is ready
// before the deadline (the usual case: sizing takes microseconds); otherwise acknowledge with a deferred
// response and edit the original response once the message exists. The deadline counts from the
// interaction's arrival, so time lost before the work starts (a busy event loop) also leads to deferring.
import type { DiscordMessage } from "./answer.js";

/** How one transport sends the three kinds of response. */
export interface Responder {
	/** The message as the interaction's response (type 4). */
	reply: (message: DiscordMessage) => Promise<void>;
	/** "Thinking…" (type 5); visibility is fixed now, so a later error cannot become ephemeral. */
	defer: () => Promise<void>;
	/** Replaces the deferred response (PATCH …/messages/@original). */
	edit: (message: DiscordMessage) => Promise<void>;
}

export type ResponseWay = "inline" | "deferred";

export async function respondInTime(
	work: () => DiscordMessage | Promise<DiscordMessage>,
	responder: Responder,
	deadlineAt: number,
): Promise<ResponseWay> {
	const pending = Promise.resolve().then(work);
	const remaining = deadlineAt - Date.now();
	if (remaining > 0) {
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<null>((resolve) => {
			timer = setTimeout(() => resolve(null), remaining);
		});
		const first = await Promise.race([pending, late]);
		clearTimeout(timer);
		if (first !== null) {
			await responder.reply(first);
			return "inline";
		}
	}
	await responder.defer();
	await responder.edit(await pending);
	return "deferred";
}
