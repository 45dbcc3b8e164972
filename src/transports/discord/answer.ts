// What both Discord transports (HTTP interactions and the gateway) share: a command call in, the message
// to show out. Only how the message travels differs between them.
import type { APIEmbed } from "discord-api-types/v10";
import { findCommand } from "../../../commands/index.js";
import type { CatalogStore } from "../../catalog/store.js";
import { EMBED_COLOURS, embedOf, noticeEmbed } from "../../render/embed.js";
import { type Locale, uiStrings } from "../../render/locale.js";
import type { AnswerCache } from "../answer-cache.js";
import type { Logger } from "../log.js";
import type { RateLimiter } from "../rate-limit.js";
import { type CommandOptions, requestText } from "./request-text.js";

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
}

export interface AnswerDeps {
	store: CatalogStore;
	limiter: RateLimiter;
	log: Logger;
	/** Messages of repeated requests; none: every answer is computed. */
	cache?: AnswerCache<DiscordMessage>;
}

const ephemeral = (embed: APIEmbed): DiscordMessage => ({ embeds: [embed], ephemeral: true });

export function answerCommand(deps: AnswerDeps, call: CommandCall): DiscordMessage {
	const ui = uiStrings(call.locale);
	try {
		const rate = deps.limiter.take("discord", call.userId);
		if (!rate.allowed) {
			return ephemeral(noticeEmbed("⏳", ui.rateLimited(rate.perMinute, rate.retryAfterS), EMBED_COLOURS.info));
		}
		const spec = findCommand(call.command);
		// /recommend is registered with Discord before every deployment answers it.
		if (spec === null) return ephemeral(noticeEmbed(`/${call.command}`, ui.notAvailable(`/${call.command}`), EMBED_COLOURS.info));
		const catalog = deps.store.current();
		const text = requestText(call.command, call.options);
		const compute = (): DiscordMessage => {
			const result = spec.run(catalog, text, call.locale);
			return { embeds: [embedOf(result.reply, call.locale)], ephemeral: result.exitCode !== 0 };
		};
		// The message depends on the command, its text and the locale only: one answer serves every asker.
		return deps.cache ? deps.cache.get(catalog.version, [spec.name, text, call.locale], compute) : compute();
	} catch (e) {
		deps.log.error("discord command failed", { command: call.command, error: e instanceof Error ? e.message : String(e) });
		return ephemeral(noticeEmbed("gpufit", ui.internalError, EMBED_COLOURS.error));
	}
}
