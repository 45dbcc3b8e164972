// Discord's side of the chat pipeline, shared by both Discord transports (HTTP interactions and the
// gateway): a command call decoded into a request, the pipeline's outcome encoded as the message to show.
// Only how the message travels differs between the transports.
import type { APIEmbed } from "discord-api-types/v10";
import type { CommandOptions } from "../../../commands/options.js";
import type { CatalogStore } from "../../catalog/store.js";
import type { AnswerCache } from "../../chat/answer-cache.js";
import { chartRequestOf } from "../../chat/chart-inputs.js";
import { ChatPipeline, type CommandRegistry, type HubLookup, type Outcome } from "../../chat/pipeline.js";
import type { RateLimiter } from "../../chat/rate-limit.js";
import type { AnswerChart, Locale } from "../../chat/reply.js";
import type { Logger } from "../../log.js";
import { EMBED_COLOURS, embedOf, noticeEmbed } from "../../render/embed.js";
import { uiStrings } from "../../render/locale.js";

export interface CommandCall {
	command: string;
	options: CommandOptions;
	locale: Locale;
	userId: string;
}

export interface DiscordMessage {
	embeds: APIEmbed[];
	/** Only the asker sees it (errors, refusals): Discord's EPHEMERAL flag. */
	ephemeral: boolean;
	/** The answer's chart, attached by an edit once the message is out (charts.ts); never sent as a field. */
	chart: AnswerChart | null;
}

export interface AnswerDeps {
	store: CatalogStore;
	limiter: RateLimiter;
	log: Logger;
	/** Messages of repeated requests; none: every answer is computed. */
	cache?: AnswerCache<DiscordMessage>;
	/** Where models named by their Hugging Face id are read; null: the catalog only. */
	hub: HubLookup | null;
	/** Default: the commands of commands/index.ts. */
	commands?: CommandRegistry;
	/** Whether answers carry their chart (GPUFIT_CHARTS). */
	withCharts: boolean;
}

const ephemeral = (embed: APIEmbed): DiscordMessage => ({ embeds: [embed], ephemeral: true, chart: null });

/** The pipeline's outcome as Discord shows it; the message depends on nothing else (one answer serves every asker). */
function encode(outcome: Outcome, locale: Locale, charts: boolean): DiscordMessage {
	const ui = uiStrings(locale);
	switch (outcome.kind) {
		case "rate-limited":
			return ephemeral(noticeEmbed("⏳", ui.rateLimited(outcome.perMinute, outcome.retryAfterS), EMBED_COLOURS.info));
		case "unknown-command":
			// A command registered with Discord before every deployment answers it.
			return ephemeral(noticeEmbed(`/${outcome.command}`, ui.notAvailable(`/${outcome.command}`), EMBED_COLOURS.info));
		case "failed":
			return ephemeral(noticeEmbed("gpufit", ui.internalError, EMBED_COLOURS.error));
		case "answer":
			return {
				embeds: [embedOf(outcome.result.reply, locale)],
				ephemeral: outcome.result.exitCode !== 0,
				chart: charts ? chartRequestOf(outcome.command, outcome.result) : null,
			};
	}
}

/** Discord's pipeline: every command of both transports answers through it. */
export function discordPipeline(deps: AnswerDeps): ChatPipeline<DiscordMessage> {
	return new ChatPipeline<DiscordMessage>({
		catalog: () => deps.store.current(),
		hub: deps.hub,
		limiter: deps.limiter,
		log: deps.log,
		cache: deps.cache,
		commands: deps.commands,
		encode: (outcome, request) => encode(outcome, request.locale, deps.withCharts),
	});
}

export function answerCall(pipeline: ChatPipeline<DiscordMessage>, call: CommandCall): DiscordMessage | Promise<DiscordMessage> {
	return pipeline.answer({
		platform: "discord",
		userId: call.userId,
		command: call.command,
		options: call.options,
		locale: call.locale,
		context: undefined,
	});
}
