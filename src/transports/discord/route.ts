// Assembles the Discord platform once its variables are set: the HTTP route, the rate limiter, and in gateway
// mode the gateway connection. Loaded lazily, and the gateway's discord.js only with DISCORD_MODE=gateway: the
// umbrella package takes most of a second to import.
import { AnswerCache } from "../../chat/answer-cache.js";
import { RateLimiter } from "../../chat/rate-limit.js";
import type { PlatformContext, PlatformRoute } from "../routes.js";
import { type DiscordMessage, discordPipeline } from "./answer.js";
import { DiscordCharts } from "./charts.js";
import type { DiscordConfig } from "./config.js";
import { interactionsHandler } from "./http.js";

export const DISCORD_PATH = "/discord/interactions";

export async function discordRoute(config: DiscordConfig, ctx: PlatformContext): Promise<PlatformRoute> {
	const { store, log, hub, followups } = ctx;
	const answers = {
		store,
		log,
		limiter: new RateLimiter(ctx.config.rateLimit),
		cache: new AnswerCache<DiscordMessage>(),
		hub,
		commands: ctx.commands,
		withCharts: ctx.charts !== null,
	};
	const charts = ctx.charts ? new DiscordCharts(ctx.charts, config, log) : null;
	const deps = { ...answers, config, pipeline: discordPipeline(answers), followups, charts };
	// The HTTP endpoint answers in both modes: it only acts on requests Discord signed.
	const gateway = config.mode === "gateway" ? (await import("./gateway.js")).startGateway(config, deps) : null;
	return {
		name: gateway ? "Discord (HTTP interactions and gateway)" : "Discord",
		path: DISCORD_PATH,
		body: "json",
		handle: interactionsHandler(deps),
		close: async () => {
			deps.cache.close();
			await gateway?.close();
		},
	};
}
