import type { PlatformFactory } from "../routes.js";
import { discordConfig } from "./config.js";

/** Discord HTTP interactions at POST /discord/interactions, and the gateway with DISCORD_MODE=gateway (issue 4). */
export const discordPlatform: PlatformFactory = async (ctx) => {
	const config = discordConfig(ctx.config);
	if (typeof config === "string") return config;
	const { discordRoute } = await import("./route.js");
	return discordRoute(config, ctx);
};
