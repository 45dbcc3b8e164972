// The one answer pipeline every platform runs a command through: rate limit, command lookup, the request's
// text (from the platform's text or its named options), hub preparation (a model named by its Hugging Face id),
// the command, the answer cache, and the error card with the failure logged. Platforms only decode a request
// into a ChatRequest and encode the Outcome into their own message (`encode`); what an answer is, and when it
// is kept, is decided here once.
import { runPrepared } from "../../commands/answer.js";
import type { HubLookup, Prepared } from "../../commands/hub-models.js";
import { prepareCatalog } from "../../commands/hub-models.js";
import { COMMANDS, type CommandSpec } from "../../commands/index.js";
import type { CommandOptions } from "../../commands/options.js";
import { requestText } from "../../commands/request-text.js";
import type { CommandResult } from "../../commands/result.js";
import type { Catalog } from "../catalog/types.js";
import type { Logger } from "../log.js";
import type { AnswerCache } from "./answer-cache.js";
import type { RateLimiter } from "./rate-limit.js";
import type { Locale } from "./reply.js";

export type { CommandResult, CommandSpec, HubLookup };

/** The commands a pipeline answers, by name (tests may hand in their own: a command slowed on purpose). */
export type CommandRegistry = Readonly<Record<string, CommandSpec>>;

/** A request as a platform decoded it. */
interface ChatRequest<C = undefined> {
	/** "slack", "discord", "cli": the rate limit's key and the log's. */
	platform: string;
	userId: string;
	/** The command without its slash: "fit", "gpus", ... */
	command: string;
	/** The request as text (Slack, the CLI), or */
	text?: string;
	/** as named options (Discord); read into the same text. */
	options?: CommandOptions;
	locale: Locale;
	/** What else the platform's message depends on (Slack: posted in the channel or not): part of the cache key. */
	variant?: readonly string[];
	/** What the platform's encoder needs beside the outcome (who asked, where). */
	context: C;
}

/** What the pipeline made of a request; each platform's encoder turns it into its message. */
export type Outcome =
	| { kind: "answer"; command: string; text: string; result: CommandResult }
	| { kind: "rate-limited"; perMinute: number; retryAfterS: number }
	| { kind: "unknown-command"; command: string }
	/** Something failed on our side; the error is logged, never shown. */
	| { kind: "failed" };

interface PipelineDeps<T, C> {
	/** The catalog answers are computed from, read at each request (it may be reloaded). */
	catalog: () => Catalog;
	/** Where models named by their Hugging Face id are read; null: the catalog only. */
	hub: HubLookup | null;
	/** Requests per user per minute; null: none (the CLI). */
	limiter: RateLimiter | null;
	log: Logger;
	/** Encoded answers of repeated requests; none: every answer is computed. */
	cache?: AnswerCache<T> | null;
	/** Default: the commands of commands/index.ts. */
	commands?: CommandRegistry;
	/** The platform's message for an outcome: a pure function of it and the request (the cache relies on that). */
	encode: (outcome: Outcome, request: ChatRequest<C>) => T;
}

export class ChatPipeline<T, C = undefined> {
	readonly #commands: CommandRegistry;

	constructor(private readonly deps: PipelineDeps<T, C>) {
		this.#commands = deps.commands ?? COMMANDS;
	}

	/** The command a name ("/fit", "FIT", "fit") stands for, or null. */
	command(name: string): CommandSpec | null {
		const key = name.replace(/^\//, "").toLowerCase();
		return Object.hasOwn(this.#commands, key) ? (this.#commands[key] ?? null) : null;
	}

	/**
	 * The platform's message for a request: at once, or later when the request names a Hugging Face repository
	 * the hub must be asked about. Never throws: a failure is logged and answered with the error card.
	 */
	answer(request: ChatRequest<C>): T | Promise<T> {
		const { encode } = this.deps;
		try {
			const rate = this.deps.limiter?.take(request.platform, request.userId) ?? { allowed: true as const };
			if (!rate.allowed)
				return encode({ kind: "rate-limited", perMinute: rate.perMinute, retryAfterS: rate.retryAfterS }, request);
			const spec = this.command(request.command);
			if (spec === null) return encode({ kind: "unknown-command", command: request.command }, request);
			const text = request.text ?? requestText(spec.name, request.options ?? {});
			const catalog = this.deps.catalog();
			const prepared = prepareCatalog(catalog, spec.name, text, this.deps.hub);
			if (!(prepared instanceof Promise)) return this.#finish(request, spec, catalog, prepared, text);
			return prepared.then(
				(p) => this.#finish(request, spec, catalog, p, text),
				(e: unknown) => this.#failed(request, e),
			);
		} catch (e) {
			return this.#failed(request, e);
		}
	}

	#finish(request: ChatRequest<C>, spec: CommandSpec, base: Catalog, prepared: Prepared, text: string): T {
		try {
			const compute = () =>
				this.deps.encode(
					{ kind: "answer", command: spec.name, text, result: runPrepared(spec, base, prepared, text, request.locale) },
					request,
				);
			// Refusals are not kept: a hub that failed may answer the next time.
			const cache = this.deps.cache;
			if (!cache || !prepared.ok) return compute();
			// Everything the message depends on: the catalog (with any hub model), the command, its text, the
			// locale, and what the platform adds; never who asked, unless the platform's message names them.
			const parts = [spec.name, text, request.locale, ...(request.variant ?? [])];
			return cache.get(prepared.catalog.version, parts, compute);
		} catch (e) {
			return this.#failed(request, e);
		}
	}

	#failed(request: ChatRequest<C>, e: unknown): T {
		this.deps.log.error(`${request.platform} command failed`, {
			command: request.command,
			text: request.text,
			error: e instanceof Error ? (e.stack ?? e.message) : String(e),
		});
		return this.deps.encode({ kind: "failed" }, request);
	}
}
