// Assembles the Discord platform once its variables are set: the HTTP route, the REST client (made on
// first use), the rate limiter, and in gateway mode the gateway connection. Loaded lazily, and the
// gateway's discord.js only with DISCORD_MODE=gateway: the umbrella package takes most of a second to import.
import { disableValidators } from "@discordjs/builders";
import type { HubLookup } from "../../../commands/hub-models.js";
import type { CatalogStore } from "../../catalog/store.js";
import type { Logger } from "../../log.js";
import { AnswerCache } from "../answer-cache.js";
import { RateLimiter, rateLimitFromEnv } from "../rate-limit.js";
import type { PlatformRoute } from "../routes.js";
import type { DiscordMessage } from "./answer.js";
import type { DiscordConfig } from "./config.js";
import { interactionsHandler } from "./http.js";
import { LazyRest } from "./rest.js";

export const DISCORD_PATH = "/discord/interactions";

export async function discordRoute(
	config: DiscordConfig,
	env: NodeJS.ProcessEnv,
	store: CatalogStore,
	log: Logger,
	hub: HubLookup | null,
): Promise<PlatformRoute> {
	// The embed layout (render/discord-layout.ts) keeps every answer within Discord's limits, which the
	// property tests check for any reply; the builders' own run-time checks would repeat that at about
	// 0.1 ms an answer, more than sizing the request takes.
	disableValidators();
	const rate = rateLimitFromEnv(env);
	if (rate.warning) log.warn(rate.warning);
	const deps = {
		config,
		store,
		log,
		limiter: new RateLimiter(rate.perMinute),
		cache: new AnswerCache<DiscordMessage>(),
		rest: new LazyRest(config.apiUrl, config.botToken),
		hub,
	};
	// The HTTP endpoint answers in both modes: it only acts on requests Discord signed.
	const gateway = config.mode === "gateway" ? (await import("./gateway.js")).startGateway(config, deps) : null;
	return {
		name: gateway ? "Discord (HTTP interactions and gateway)" : "Discord",
		path: DISCORD_PATH,
		body: "json",
		handle: interactionsHandler(deps),
		close: async () => {
			deps.cache.close();
			await deps.rest.close();
			await gateway?.close();
		},
	};
}
