// Assembles the Discord platform once its variables are set: the HTTP route, the REST client, the rate
// limiter, and in gateway mode the gateway connection. Loaded lazily: discord.js takes a second to import.
import type { CatalogStore } from "../../catalog/store.js";
import type { Logger } from "../log.js";
import { RateLimiter, rateLimitFromEnv } from "../rate-limit.js";
import type { PlatformRoute } from "../routes.js";
import type { DiscordConfig } from "./config.js";
import { startGateway } from "./gateway.js";
import { interactionsHandler } from "./http.js";
import { discordRest } from "./rest.js";

export const DISCORD_PATH = "/discord/interactions";

export function discordRoute(config: DiscordConfig, env: NodeJS.ProcessEnv, store: CatalogStore, log: Logger): PlatformRoute {
	const rate = rateLimitFromEnv(env);
	if (rate.warning) log.warn(rate.warning);
	const deps = {
		config,
		store,
		log,
		limiter: new RateLimiter(rate.perMinute),
		rest: discordRest(config.apiUrl, config.botToken),
	};
	// The HTTP endpoint answers in both modes: it only acts on requests Discord signed.
	const gateway = config.mode === "gateway" ? startGateway(config, deps) : null;
	return {
		name: gateway ? "Discord (HTTP interactions and gateway)" : "Discord",
		path: DISCORD_PATH,
		body: "json",
		handle: interactionsHandler(deps),
		close: async () => {
			deps.rest.clearHashSweeper();
			deps.rest.clearHandlerSweeper();
			await gateway?.close();
		},
	};
}
