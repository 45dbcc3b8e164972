// Slack through @slack/bolt. HTTP mode mounts a receiver of our own (receiver.ts) on the shared listener at
// POST /slack/events (signature checked with Bolt's verifySlackRequest: bad or stale gets 401; a signed request
// no listener takes is answered at once). With SLACK_APP_TOKEN set it connects out through Socket Mode instead
// and needs no public URL. Imported by index.ts only when Slack is configured.
import type { ServerResponse } from "node:http";
import type { AuthorizeResult, App as BoltApp, Receiver } from "@slack/bolt";
import { App, SocketModeReceiver } from "@slack/bolt";
import { AnswerCache } from "../../chat/answer-cache.js";
import { RateLimiter } from "../../chat/rate-limit.js";
import type { Logger } from "../../log.js";
import type { BufferedRequest } from "../body.js";
import type { PlatformContext, PlatformRoute } from "../routes.js";
import { SlackAnswers, type SlackReply } from "./answer.js";
import { boltLogger } from "./bolt-logger.js";
import { SlackCharts } from "./charts.js";
import { SLACK_PATH, type SlackConfig } from "./config.js";
import { type HandlerDeps, RECEIVED_AT, registerHandlers, unhandledAnswer } from "./handlers.js";
import { RouteReceiver } from "./receiver.js";

/** How far a request's timestamp may lie ahead of our clock (Slack's replay window is five minutes). */
const MAX_CLOCK_SKEW_S = 300;

/** How long after start-up the bot token is checked (see boltApp). */
const TOKEN_CHECK_DELAY_MS = 500;

/** Few retries: a Web API call that fails should be logged soon, not retried for half an hour (Bolt's default). */
const CLIENT_RETRIES = { retries: 2, factor: 1.5 };

/** One Web API call (auth.test at start-up, apps.connections.open); the client's default is to wait forever. */
const CLIENT_TIMEOUT_MS = 10_000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { "content-type": "application/json" });
	res.end(JSON.stringify(body));
}

/**
 * A Bolt app on the given receiver. Slash commands and buttons answer through the HTTP response,
 * the socket and response_url, none of which needs the bot token, so the token is handed to Bolt
 * as is instead of being verified before every first request (Bolt's default): a Slack Web API
 * outage or a revoked token then cannot stop /fit from answering. auth.test runs once in the
 * background at start-up, to say in the log whether the token works and to learn the bot's ids.
 */
function boltApp(
	ctx: PlatformContext,
	config: SlackConfig,
	receiver: Receiver,
	{ deps, cache }: Listeners,
): { app: BoltApp; close: () => void } {
	const authorization: AuthorizeResult = { botToken: config.botToken };
	const app = new App({
		receiver,
		// A copy each time: Bolt writes the request's user and team into the result it gets.
		authorize: async () => ({ ...authorization }),
		logger: boltLogger(ctx.log),
		clientOptions: { slackApiUrl: config.apiUrl, retryConfig: CLIENT_RETRIES, timeout: CLIENT_TIMEOUT_MS },
		convoStore: false,
	});
	const checkToken = () =>
		app.client.auth.test({ token: config.botToken }).then(
			(r) => {
				Object.assign(authorization, { botId: r.bot_id, botUserId: r.user_id });
				ctx.log.info("Slack bot token accepted", { team: r.team, botUserId: r.user_id });
			},
			(e: unknown) =>
				ctx.log.error(
					"Slack could not confirm SLACK_BOT_TOKEN with auth.test; slash commands still answer, posts that need the token will fail",
					{ error: e instanceof Error ? e.message : String(e) },
				),
		);
	// A moment after start-up: the Web API's first call loads Node's fetch (some 30 ms), which the first
	// slash command should not wait for.
	const tokenCheck = setTimeout(checkToken, TOKEN_CHECK_DELAY_MS);
	registerHandlers(app, deps);
	return {
		app,
		close: () => {
			clearTimeout(tokenCheck);
			cache.close();
		},
	};
}

interface Listeners {
	deps: HandlerDeps;
	/** Answers of repeated requests, closed with the app. */
	cache: AnswerCache<SlackReply>;
}

function listeners(ctx: PlatformContext, config: SlackConfig): Listeners {
	const cache = new AnswerCache<SlackReply>();
	const answers = new SlackAnswers({
		catalog: () => ctx.store.current(),
		locale: config.locale,
		limiter: new RateLimiter(config.perMinute),
		log: ctx.log,
		cache,
		hub: ctx.hub,
		commands: ctx.commands,
		charts: ctx.charts ? { publicUrl: ctx.charts.publicUrl } : null,
	});
	const charts = ctx.charts ? new SlackCharts(ctx.charts, ctx.log) : null;
	return { deps: { answers, log: ctx.log, ackBudgetMs: config.ackBudgetMs, followups: ctx.followups, charts }, cache };
}

export function httpMode(ctx: PlatformContext, config: SlackConfig, signingSecret: string): PlatformRoute {
	const parts = listeners(ctx, config);
	const receiver = new RouteReceiver({
		signingSecret,
		log: ctx.log,
		// When the request reached the server: the ack budget counts from here.
		properties: (req) => ({ [RECEIVED_AT]: req.receivedAt ?? Date.now() }),
		unhandled: unhandledAnswer(parts.deps),
	});
	const bolt = boltApp(ctx, config, receiver, parts);
	return {
		name: "Slack",
		path: SLACK_PATH,
		body: "slack",
		handle: (req, res) => {
			if (req.method !== "POST") return sendJson(res, 405, { ok: false, error: "Slack sends POST" });
			// Bolt refuses stale timestamps only; Slack's rule is five minutes either way.
			const ts = Number(req.headers["x-slack-request-timestamp"]);
			if (ts - Date.now() / 1000 > MAX_CLOCK_SKEW_S) return sendJson(res, 401, { ok: false, error: "timestamp in the future" });
			return receiver.handle(req as BufferedRequest, res);
		},
		close: async () => bolt.close(),
	};
}

export function socketMode(ctx: PlatformContext, config: SlackConfig, appToken: string, log: Logger): PlatformRoute {
	const receiver = new SocketModeReceiver({
		appToken,
		logger: boltLogger(log),
		installerOptions: { clientOptions: { slackApiUrl: config.apiUrl, timeout: CLIENT_TIMEOUT_MS } },
		customPropertiesExtractor: () => ({ [RECEIVED_AT]: Date.now() }),
	});
	const { app, close } = boltApp(ctx, config, receiver, listeners(ctx, config));
	// Not awaited: the listener (health checks) should not wait for Slack; the client reconnects by itself.
	app.start().then(
		() => log.info("Slack connected through Socket Mode"),
		(e: unknown) => log.error("Slack Socket Mode failed to connect", { error: e instanceof Error ? e.message : String(e) }),
	);
	return {
		name: "Slack (Socket Mode)",
		path: SLACK_PATH,
		body: "slack",
		handle: (_req, res) =>
			sendJson(res, 404, { ok: false, error: "Slack is connected through Socket Mode; no HTTP requests here" }),
		close: async () => {
			close();
			await app.stop().catch(() => {});
		},
	};
}
