// What gpufit says to a Slack user: the command's reply as a Block Kit card, ephemeral unless
// asked to post it in the channel. No Bolt here: the same answer serves HTTP and Socket Mode.
import { runPrepared } from "../../../commands/answer.js";
import { type HubLookup, type Prepared, prepareCatalog } from "../../../commands/hub-models.js";
import { type CommandSpec, findCommand } from "../../../commands/index.js";
import type { Catalog } from "../../catalog/types.js";
import type { AnswerCache } from "../../chat/answer-cache.js";
import type { RateLimiter } from "../../chat/rate-limit.js";
import type { Locale } from "../../chat/reply.js";
import type { Logger } from "../../log.js";
import { type Block, renderBlockKit, renderNotice } from "../../render/blockkit.js";
import { uiStrings } from "../../render/locale.js";

export interface SlackAnswer {
	response_type: "ephemeral" | "in_channel";
	text: string;
	blocks: Block[];
}

export interface AnswerDeps {
	catalog: () => Catalog;
	locale: Locale;
	limiter: RateLimiter;
	log: Logger;
	/** Rendered answers of repeated requests; none: every answer is computed. */
	cache?: AnswerCache<SlackAnswer>;
	/** Where models named by their Hugging Face id are read; null: the catalog only. */
	hub: HubLookup | null;
}

export interface Ask {
	/** The command without its slash: "fit", "gpus", ... */
	command: string;
	text: string;
	userId: string;
	/** Post in the channel (the word `public`, or the card's button); errors stay private whatever this says. */
	inChannel: boolean;
	/** Offer "Post to channel" on a private card. */
	offerPost: boolean;
}

/** The word `public` (or 公开) anywhere in the text asks for an in-channel answer; it is not part of the request. */
export function splitPublic(text: string): { text: string; inChannel: boolean } {
	const words = text.trim().split(/\s+/).filter(Boolean);
	const kept = words.filter((w) => !/^(public|公开)$/i.test(w));
	return { text: kept.join(" "), inChannel: kept.length < words.length };
}

/** A slash command as Slack sends it: "/fit", "deepseek-r1 on 16x H100 public". */
/** The card, at once, or later when the request names a Hugging Face repository the hub must be asked about. */
export type MaybeLater<T> = T | Promise<T>;

export function answerSlash(deps: AnswerDeps, slash: { command: string; text: string; userId: string }): MaybeLater<SlackAnswer> {
	const { text, inChannel } = splitPublic(slash.text);
	return answer(deps, {
		command: slash.command.replace(/^\//, ""),
		text,
		userId: slash.userId,
		inChannel,
		offerPost: !inChannel,
	});
}

/**
 * A button's value: "<command> <request>", e.g. "fit deepseek-r1 on 16x H100" (render/blockkit.ts runValue).
 * Cards posted before suggestions named their command carried a bare /fit request: still read as one.
 */
export function parseButtonValue(value: string): { command: string; text: string } {
	const [command = "fit", ...rest] = value.trim().split(/\s+/);
	if (findCommand(command) === null) return { command: "fit", text: value.trim() };
	return { command, text: rest.join(" ") };
}

const ephemeral = (message: { text: string; blocks: Block[] }): SlackAnswer => ({ response_type: "ephemeral", ...message });

export function answer(deps: AnswerDeps, ask: Ask): MaybeLater<SlackAnswer> {
	const ui = uiStrings(deps.locale);
	const rate = deps.limiter.take("slack", ask.userId);
	if (!rate.allowed) return ephemeral(renderNotice(":hourglass_flowing_sand:", ui.rateLimited(rate.perMinute, rate.retryAfterS)));
	const spec = findCommand(ask.command);
	if (!spec) return ephemeral(renderNotice(":construction:", ui.notAvailable(`/${ask.command}`)));
	const catalog = deps.catalog();
	try {
		const prepared = prepareCatalog(catalog, spec.name, ask.text, deps.hub);
		if (!(prepared instanceof Promise)) return answerPrepared(deps, spec, catalog, prepared, ask);
		return prepared.then(
			(p) => answerPrepared(deps, spec, catalog, p, ask),
			(e: unknown) => failed(deps, ask, e),
		);
	} catch (e) {
		return failed(deps, ask, e);
	}
}

function failed(deps: AnswerDeps, ask: Ask, e: unknown): SlackAnswer {
	deps.log.error("slack command failed", {
		command: ask.command,
		text: ask.text,
		error: e instanceof Error ? (e.stack ?? e.message) : String(e),
	});
	return ephemeral(renderNotice(":warning:", uiStrings(deps.locale).internalError));
}

function answerPrepared(deps: AnswerDeps, spec: CommandSpec, base: Catalog, prepared: Prepared, ask: Ask): SlackAnswer {
	const catalog = prepared.ok ? prepared.catalog : base;
	const compute = () => render(deps, spec, base, prepared, ask);
	try {
		// Refusals are not kept: a hub that failed may answer the next time.
		if (!deps.cache || !prepared.ok) return compute();
		// Everything the card depends on; the asker's id only where the card names them (posted in the channel).
		const parts = [
			spec.name,
			ask.text,
			deps.locale,
			String(ask.inChannel),
			String(ask.offerPost),
			ask.inChannel ? ask.userId : "",
		];
		return deps.cache.get(catalog.version, parts, compute);
	} catch (e) {
		return failed(deps, ask, e);
	}
}

/** The command's answer as a card: a pure function of its arguments (which the answer cache relies on). */
function render(deps: AnswerDeps, spec: CommandSpec, catalog: Catalog, prepared: Prepared, ask: Ask): SlackAnswer {
	const result = runPrepared(spec, catalog, prepared, ask.text, deps.locale);
	const understood = result.exitCode === 0;
	const inChannel = ask.inChannel && understood;
	const shareable = understood && result.reply.kind !== "help";
	const request = `${spec.name}${ask.text ? ` ${ask.text}` : ""}`;
	const message = renderBlockKit(result.reply, {
		locale: deps.locale,
		postRequest: !inChannel && ask.offerPost && shareable ? request : null,
		runButtons: true,
		askedBy: inChannel ? { userId: ask.userId, command: `/${request}` } : null,
	});
	return { response_type: inChannel ? "in_channel" : "ephemeral", ...message };
}
