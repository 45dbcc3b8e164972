// What both Discord transports (HTTP interactions and the gateway) share: a command call in, the message
// to show out. Only how the message travels differs between them.
import type { APIEmbed } from "discord-api-types/v10";
import { runPrepared } from "../../../commands/answer.js";
import { type HubLookup, type Prepared, prepareCatalog } from "../../../commands/hub-models.js";
import { findCommand } from "../../../commands/index.js";
import { type CommandOptions, requestText } from "../../../commands/request-text.js";
import type { CatalogStore } from "../../catalog/store.js";
import type { AnswerCache } from "../../chat/answer-cache.js";
import type { RateLimiter } from "../../chat/rate-limit.js";
import type { Locale } from "../../chat/reply.js";
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
}

export interface AnswerDeps {
	store: CatalogStore;
	limiter: RateLimiter;
	log: Logger;
	/** Messages of repeated requests; none: every answer is computed. */
	cache?: AnswerCache<DiscordMessage>;
	/** Where models named by their Hugging Face id are read; null: the catalog only. */
	hub: HubLookup | null;
}

const ephemeral = (embed: APIEmbed): DiscordMessage => ({ embeds: [embed], ephemeral: true });

export function answerCommand(deps: AnswerDeps, call: CommandCall): DiscordMessage | Promise<DiscordMessage> {
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
		const prepared = prepareCatalog(catalog, spec.name, text, deps.hub);
		const finish = (p: Prepared): DiscordMessage => {
			const compute = (): DiscordMessage => {
				const result = runPrepared(spec, catalog, p, text, call.locale);
				return { embeds: [embedOf(result.reply, call.locale)], ephemeral: result.exitCode !== 0 };
			};
			// The message depends on the command, its text, the locale and the catalog (with any hub model) only:
			// one answer serves every asker. Refusals are not kept: a hub that failed may answer next time.
			return deps.cache && p.ok ? deps.cache.get(p.catalog.version, [spec.name, text, call.locale], compute) : compute();
		};
		if (!(prepared instanceof Promise)) return finish(prepared);
		return prepared.then(finish, (e: unknown) => failed(deps, call, e));
	} catch (e) {
		return failed(deps, call, e);
	}
}

function failed(deps: AnswerDeps, call: CommandCall, e: unknown): DiscordMessage {
	deps.log.error("discord command failed", { command: call.command, error: e instanceof Error ? e.message : String(e) });
	return ephemeral(noticeEmbed("gpufit", uiStrings(call.locale).internalError, EMBED_COLOURS.error));
}
