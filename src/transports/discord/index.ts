import type { PlatformFactory } from "../routes.js";

/** Discord HTTP interactions at POST /discord/interactions (issue 4). */
export const discordPlatform: PlatformFactory = async () =>
	"Discord disabled: set DISCORD_PUBLIC_KEY, DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN to serve POST /discord/interactions";
