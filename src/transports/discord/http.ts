// POST /discord/interactions: Discord's outgoing webhook. Verify the signature over the raw body first,
// then PING -> PONG, autocomplete -> choices, commands -> an embed (inline or deferred, see chat/deadline.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { APIApplicationCommandInteractionDataOption, APIInteraction } from "discord-api-types/v10";
import type { CommandOptions, OptionValue } from "../../../commands/options.js";
import { type Responder, respondBy } from "../../chat/deadline.js";
import type { ChatPipeline } from "../../chat/pipeline.js";
import { localeOf } from "../../chat/reply.js";
import type { Logger } from "../../log.js";
import { type BufferedRequest, readBody } from "../body.js";
import { type AnswerDeps, answerCall, type CommandCall, type DiscordMessage } from "./answer.js";
import { autocompleteChoices } from "./autocomplete.js";
import type { DiscordConfig } from "./config.js";
import { ApplicationCommandType, InteractionResponseType, InteractionType, MessageFlags } from "./protocol.js";
import { editOriginalResponse, type LazyRest, messageBody } from "./rest.js";
import { verifyInteraction } from "./verify.js";

export interface InteractionDeps extends AnswerDeps {
	config: DiscordConfig;
	pipeline: ChatPipeline<DiscordMessage>;
	/** Only a deferred answer needs it (an edit of the original response). */
	rest: LazyRest;
	log: Logger;
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
export function optionsOf(options: readonly APIApplicationCommandInteractionDataOption[] | undefined): CommandOptions {
	const out: Record<string, OptionValue> = {};
	for (const o of options ?? []) if ("value" in o && o.value !== undefined) out[o.name] = o.value;
	return out;
}

const userIdOf = (i: APIInteraction): string => i.member?.user.id ?? i.user?.id ?? "unknown";

export function messageData(message: DiscordMessage) {
	return { ...messageBody(message), ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

function httpResponder(res: ServerResponse, deps: InteractionDeps, token: string): Responder<DiscordMessage> {
	return {
		reply: async (m) => send(res, 200, { type: InteractionResponseType.ChannelMessageWithSource, data: messageData(m) }),
		defer: async () => send(res, 200, { type: InteractionResponseType.DeferredChannelMessageWithSource }),
		edit: async (m) => editOriginalResponse(await deps.rest.get(), deps.config.applicationId, token, m),
	};
}

export function interactionsHandler(deps: InteractionDeps) {
	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const arrivedAt = (req as BufferedRequest).receivedAt ?? Date.now();
		if (req.method !== "POST") return send(res, 405, { error: "POST interactions here" });
		const body = await bodyOf(req);
		if (body === null) return send(res, 413, { error: "body too large" });
		const { "x-signature-ed25519": signature, "x-signature-timestamp": timestamp } = req.headers;
		if (!verifyInteraction(deps.config.publicKey, signature, timestamp, body)) {
			return send(res, 401, { error: "invalid request signature" });
		}
		let interaction: APIInteraction;
		try {
			interaction = JSON.parse(body.toString("utf8")) as APIInteraction;
		} catch {
			return send(res, 400, { error: "body is not JSON" });
		}
		switch (interaction.type) {
			case InteractionType.Ping:
				return send(res, 200, { type: InteractionResponseType.Pong });
			case InteractionType.ApplicationCommandAutocomplete: {
				const options = interaction.data.options ?? [];
				const focused = options.find((o) => "focused" in o && o.focused);
				const typed = focused && "value" in focused ? String(focused.value) : "";
				const choices = focused ? autocompleteChoices(deps.store.current(), interaction.data.name, focused.name, typed) : [];
				return send(res, 200, { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } });
			}
			case InteractionType.ApplicationCommand: {
				const data = interaction.data;
				const call: CommandCall = {
					command: data.name,
					options: data.type === ApplicationCommandType.ChatInput ? optionsOf(data.options) : {},
					locale: localeOf(interaction.locale ?? interaction.guild_locale),
					userId: userIdOf(interaction),
				};
				const way = await respondBy(
					arrivedAt + deps.config.deferAfterMs,
					() => answerCall(deps.pipeline, call),
					httpResponder(res, deps, interaction.token),
				).catch((e: unknown) => {
					deps.log.error("discord response failed", { command: call.command, error: e instanceof Error ? e.message : String(e) });
					return null;
				});
				if (way === "deferred")
					deps.log.info("discord command answered by editing its deferred response", { command: call.command });
				return;
			}
			default:
				return send(res, 400, { error: "interaction type not handled" });
		}
	};
}
