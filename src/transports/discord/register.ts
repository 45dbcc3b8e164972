// `gpufit register-discord`: sends the command definitions to Discord. With DISCORD_GUILD_ID they are
// registered for that server only (they appear at once, for testing); without it, globally.

import type { Config } from "../../config.js";
import { commandDefinitions } from "./definitions.js";
import { Routes } from "./protocol.js";
import { discordRest } from "./rest.js";

export interface Registration {
	scope: "guild" | "global";
	route: string;
	commands: string[];
}

export async function registerCommands(config: Config["discord"]): Promise<Registration> {
	const { applicationId, botToken: token, guildId, apiUrl } = config;
	if (!applicationId || !token)
		throw new Error("set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN (and DISCORD_GUILD_ID to test in one server)");
	const rest = await discordRest(apiUrl, token);
	const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
	const body = commandDefinitions();
	// PUT replaces the whole set, so a command removed here disappears from Discord too.
	await rest.put(route, { body });
	return { scope: guildId ? "guild" : "global", route, commands: body.map((c) => c.name) };
}

/** The CLI's entry: 0 registered, 2 not configured, 1 Discord refused or could not be reached. */
export async function registerFromCli(config: Config["discord"]): Promise<number> {
	if (!config.applicationId || !config.botToken) {
		console.error("register-discord: set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN (DISCORD_GUILD_ID for one test server)");
		return 2;
	}
	try {
		const r = await registerCommands(config);
		const where = r.scope === "guild" ? `in server ${config.guildId} (visible now)` : "globally (may take a while to appear)";
		console.log(`registered ${r.commands.map((c) => `/${c}`).join(", ")} ${where}`);
		return 0;
	} catch (e) {
		console.error(`register-discord: ${e instanceof Error ? e.message : String(e)}`);
		return 1;
	}
}
