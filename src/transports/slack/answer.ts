// Slack's side of the chat pipeline: a slash command or a button decoded into a request, and the pipeline's
// outcome encoded as a Block Kit card, ephemeral unless asked to post it in the channel. No Bolt here: the same
// answer serves HTTP and Socket Mode.

import type { Catalog } from "../../catalog/types.js";
import type { AnswerCache } from "../../chat/answer-cache.js";
import { chartRequestOf } from "../../chat/chart-inputs.js";
import { ChatPipeline, type CommandRegistry, type HubLookup, type Outcome } from "../../chat/pipeline.js";
import type { RateLimiter } from "../../chat/rate-limit.js";
import type { AnswerChart, Locale } from "../../chat/reply.js";
import type { Logger } from "../../log.js";
import { type Block, renderBlockKit, renderNotice } from "../../render/blockkit.js";
import { chartKey } from "../../render/charts/index.js";
import { uiStrings } from "../../render/locale.js";

export interface SlackAnswer {
	response_type: "ephemeral" | "in_channel";
	text: string;
	blocks: Block[];
}

/** The card, and the chart that goes with it (sent after the card, or linked in it: charts.ts). */
export interface SlackReply {
	message: SlackAnswer;
	chart: AnswerChart | null;
}

export interface AnswerDeps {
	catalog: () => Catalog;
	locale: Locale;
	limiter: RateLimiter;
	log: Logger;
	/** Rendered answers of repeated requests; none: every answer is computed. */
	cache?: AnswerCache<SlackReply>;
	/**
	 * Charts: null, none; with a publicUrl (PUBLIC_URL), cards link theirs at <publicUrl>/charts/<key>.png;
	 * without, they are uploaded after the card (charts.ts).
	 */
	charts: { publicUrl: string | null } | null;
	/** Where models named by their Hugging Face id are read; null: the catalog only. */
	hub: HubLookup | null;
	/** Default: the commands of commands/index.ts. */
	commands?: CommandRegistry;
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

/** What a Slack card depends on beside the outcome. */
type AskContext = Pick<Ask, "userId" | "inChannel" | "offerPost">;

/** The card, at once, or later when the request names a Hugging Face repository the hub must be asked about. */
export type MaybeLater<T> = T | Promise<T>;

/** The word `public` (or 公开) anywhere in the text asks for an in-channel answer; it is not part of the request. */
export function splitPublic(text: string): { text: string; inChannel: boolean } {
	const words = text.trim().split(/\s+/).filter(Boolean);
	const kept = words.filter((w) => !/^(public|公开)$/i.test(w));
	return { text: kept.join(" "), inChannel: kept.length < words.length };
}

const ephemeral = (message: { text: string; blocks: Block[] }): SlackReply => ({
	message: { response_type: "ephemeral", ...message },
	chart: null,
});

/** A signed request that no listener takes (an older card's button, a shortcut or a modal this app does not have). */
const UNHANDLED: Record<Locale, string> = {
	en: "gpufit does not know that request (perhaps a button from an older card). Ask again with /fit, /recommend, /compare, /gpus or /models; /fit help shows how.",
	zh: "gpufit 无法识别这个请求（可能是旧卡片上的按钮）。请用 /fit、/recommend、/compare、/gpus 或 /models 重新提问；/fit help 有说明。",
};

/** The pipeline's outcome as Slack shows it: a pure function of its arguments (the answer cache relies on it). */
function encode(locale: Locale, charts: AnswerDeps["charts"], outcome: Outcome, ask: AskContext): SlackReply {
	const ui = uiStrings(locale);
	switch (outcome.kind) {
		case "rate-limited":
			return ephemeral(renderNotice(":hourglass_flowing_sand:", ui.rateLimited(outcome.perMinute, outcome.retryAfterS)));
		case "unknown-command":
			return ephemeral(renderNotice(":construction:", ui.notAvailable(`/${outcome.command}`)));
		case "failed":
			return ephemeral(renderNotice(":warning:", ui.internalError));
		case "answer": {
			const { result, command, text } = outcome;
			const understood = result.exitCode === 0;
			const inChannel = ask.inChannel && understood;
			const shareable = understood && result.reply.kind !== "help";
			const request = `${command}${text ? ` ${text}` : ""}`;
			const chart = charts === null ? null : chartRequestOf(command, result);
			const publicUrl = charts?.publicUrl ?? null;
			const message = renderBlockKit(result.reply, {
				locale,
				postRequest: !inChannel && ask.offerPost && shareable ? request : null,
				runButtons: true,
				askedBy: inChannel ? { userId: ask.userId, command: `/${request}` } : null,
				image: chart && publicUrl ? { url: `${publicUrl}/charts/${chartKey(chart)}.png`, alt: chart.input.title } : null,
			});
			return { message: { response_type: inChannel ? "in_channel" : "ephemeral", ...message }, chart };
		}
	}
}

/** Slack's pipeline: every slash command and button of one app answers through it. */
export class SlackAnswers {
	readonly #pipeline: ChatPipeline<SlackReply, AskContext>;

	constructor(private readonly deps: AnswerDeps) {
		this.#pipeline = new ChatPipeline<SlackReply, AskContext>({
			catalog: deps.catalog,
			hub: deps.hub,
			limiter: deps.limiter,
			log: deps.log,
			cache: deps.cache,
			commands: deps.commands,
			encode: (outcome, request) => encode(deps.locale, deps.charts, outcome, request.context),
		});
	}

	/** A slash command as Slack sends it: "/fit", "deepseek-r1 on 16x H100 public". */
	slash(slash: { command: string; text: string; userId: string }): MaybeLater<SlackReply> {
		const { text, inChannel } = splitPublic(slash.text);
		return this.answer({
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
	buttonRequest(value: string): { command: string; text: string } {
		const [command = "fit", ...rest] = value.trim().split(/\s+/);
		if (this.#pipeline.command(command) === null) return { command: "fit", text: value.trim() };
		return { command, text: rest.join(" ") };
	}

	/** The private note for a request no listener takes. */
	unhandled(): SlackAnswer {
		return ephemeral(renderNotice(":grey_question:", UNHANDLED[this.deps.locale])).message;
	}

	answer(ask: Ask): MaybeLater<SlackReply> {
		return this.#pipeline.answer({
			platform: "slack",
			userId: ask.userId,
			command: ask.command,
			text: ask.text,
			locale: this.deps.locale,
			// The card names the asker only when posted in the channel.
			variant: [String(ask.inChannel), String(ask.offerPost), ask.inChannel ? ask.userId : ""],
			context: ask,
		});
	}
}
