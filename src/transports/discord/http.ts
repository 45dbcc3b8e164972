// POST /discord/interactions: Discord's outgoing webhook. Verify the signature over the raw body and the
// timestamp's age first, then check the fields gpufit reads (payload.ts: a malformed interaction gets 400 with
// the reason), then PING -> PONG, autocomplete -> choices, commands -> an embed (inline or deferred, see
// chat/deadline.ts; a deferred answer's edit is retried, chat/followup.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CommandOptions, OptionValue } from "../../../commands/options.js";
import { type Responder, respondBy } from "../../chat/deadline.js";
import type { Followups } from "../../chat/followup.js";
import type { ChatPipeline } from "../../chat/pipeline.js";
import { localeOf } from "../../chat/reply.js";
import type { Logger } from "../../log.js";
import { type BufferedRequest, readBody } from "../body.js";
import { type AnswerDeps, answerCall, type CommandCall, type DiscordMessage } from "./answer.js";
import { autocompleteChoices } from "./autocomplete.js";
import type { DiscordCharts } from "./charts.js";
import type { DiscordConfig } from "./config.js";
import { type CommandInteraction, type InteractionOption, parseInteraction } from "./payload.js";
import { ApplicationCommandType, InteractionResponseType, InteractionType, MessageFlags } from "./protocol.js";
import { editOriginalRequest, messageBody } from "./rest.js";
import { verifyInteraction } from "./verify.js";

/** Discord's replay window: a request signed more than five minutes from now is refused. */
export const MAX_TIMESTAMP_SKEW_S = 300;

export interface InteractionDeps extends AnswerDeps {
	config: DiscordConfig;
	pipeline: ChatPipeline<DiscordMessage>;
	/** Sends the edit of a deferred response, retried, and counts work still running (for a graceful shutdown). */
	followups: Followups;
	log: Logger;
	/** The clock the timestamp window is read against (tests). */
	now?: () => number;
	/** Attaches each answer's chart once the answer is out; null: GPUFIT_CHARTS=off. */
	charts: DiscordCharts | null;
}

function send(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
	res.end(text);
}

/** The body the server read and bounded (body.ts); read here only when mounted without it. */
async function bodyOf(req: IncomingMessage): Promise<Buffer | null> {
	const buffered = (req as BufferedRequest).rawBody;
	if (Buffer.isBuffer(buffered)) return buffered;
	const read = await readBody(req);
	return read.ok ? read.body : null;
}

/** Top-level options by name (our commands have no subcommands). */
export function optionsOf(options: readonly InteractionOption[] | undefined): CommandOptions {
	const out: Record<string, OptionValue> = {};
	for (const o of options ?? []) if (o.value !== undefined) out[o.name] = o.value;
	return out;
}

/** Checked by payload.ts: one of the two is there. */
const userIdOf = (i: CommandInteraction): string => i.member?.user.id ?? i.user?.id ?? "unknown";

export function messageData(message: DiscordMessage) {
	return { ...messageBody(message), ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

/** Whether a signature's timestamp (Unix seconds) lies within the replay window of now. */
export function timestampFresh(timestamp: string | string[] | undefined, nowMs: number): boolean {
	if (typeof timestamp !== "string" || !/^\d{1,12}$/.test(timestamp)) return false;
	return Math.abs(Number(timestamp) - nowMs / 1000) <= MAX_TIMESTAMP_SKEW_S;
}

/** Answers through the HTTP response or the edit of a deferred one; `onSent` gets the message once it is out. */
function httpResponder(
	res: ServerResponse,
	deps: InteractionDeps,
	token: string,
	command: string,
	onSent: (m: DiscordMessage) => void,
): Responder<DiscordMessage> {
	return {
		reply: async (m) => {
			send(res, 200, { type: InteractionResponseType.ChannelMessageWithSource, data: messageData(m) });
			onSent(m);
		},
		defer: async () => send(res, 200, { type: InteractionResponseType.DeferredChannelMessageWithSource }),
		edit: async (m) => {
			const sent = await deps.followups.send(
				`discord edit of /${command}'s deferred response`,
				editOriginalRequest(deps.config.apiUrl, deps.config.applicationId, token, m),
			);
			if (sent.ok) {
				deps.log.info("discord command answered by editing its deferred response", { command });
				onSent(m);
			}
		},
	};
}

export function interactionsHandler(deps: InteractionDeps) {
	const now = deps.now ?? Date.now;
	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const arrivedAt = (req as BufferedRequest).receivedAt ?? Date.now();
		if (req.method !== "POST") return send(res, 405, { error: "POST interactions here" });
		const body = await bodyOf(req);
		if (body === null) return send(res, 413, { error: "body too large" });
		const { "x-signature-ed25519": signature, "x-signature-timestamp": timestamp } = req.headers;
		if (!verifyInteraction(deps.config.publicKey, signature, timestamp, body)) {
			return send(res, 401, { error: "invalid request signature" });
		}
		// Signed, but not now: a captured request replayed later.
		if (!timestampFresh(timestamp, now())) {
			return send(res, 401, { error: `request timestamp more than ${MAX_TIMESTAMP_SKEW_S / 60} minutes from now` });
		}
		let json: unknown;
		try {
			json = JSON.parse(body.toString("utf8"));
		} catch {
			return send(res, 400, { error: "body is not JSON" });
		}
		const parsed = parseInteraction(json);
		if (!parsed.ok) return send(res, 400, { error: parsed.reason });
		const interaction = parsed.interaction;
		switch (interaction.type) {
			case InteractionType.Ping:
				return send(res, 200, { type: InteractionResponseType.Pong });
			case InteractionType.ApplicationCommandAutocomplete: {
				const options = interaction.data.options ?? [];
				const focused = options.find((o) => o.focused);
				const typed = focused?.value !== undefined ? String(focused.value) : "";
				const choices = focused ? autocompleteChoices(deps.store.current(), interaction.data.name, focused.name, typed) : [];
				return send(res, 200, { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } });
			}
			case InteractionType.ApplicationCommand: {
				const data = interaction.data;
				const call: CommandCall = {
					command: data.name,
					options:
						(data.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput ? optionsOf(data.options) : {},
					locale: localeOf(interaction.locale ?? interaction.guild_locale),
					userId: userIdOf(interaction),
				};
				let sent = null as DiscordMessage | null;
				// Counted until the answer is sent (the edit of a deferred one included) and its chart attached after
				// it: a shutdown waits for both.
				await deps.followups.track(
					respondBy(
						arrivedAt + deps.config.deferAfterMs,
						() => answerCall(deps.pipeline, call),
						httpResponder(res, deps, interaction.token, call.command, (m) => {
							sent = m;
						}),
					)
						.catch((e: unknown) => {
							deps.log.error("discord response failed", {
								command: call.command,
								error: e instanceof Error ? e.message : String(e),
							});
							if (!res.headersSent) send(res, 500, { error: "internal error" });
							return null;
						})
						.then(async () => {
							if (sent !== null) await deps.charts?.afterMessage(sent, interaction.token);
						}),
				);
				return;
			}
		}
	};
}
