// `gpufit register-discord`: sends the command definitions to Discord. With DISCORD_GUILD_ID they are
// registered for that server only (they appear at once, for testing); without it, globally.
import { Routes } from "./api-types.js";
import { DEFAULT_DISCORD_API } from "./config.js";
import { commandDefinitions } from "./definitions.js";
import { discordRest } from "./rest.js";

export interface Registration {
	scope: "guild" | "global";
	route: string;
	commands: string[];
}

export async function registerCommands(env: NodeJS.ProcessEnv): Promise<Registration> {
	const { DISCORD_APPLICATION_ID: applicationId, DISCORD_BOT_TOKEN: token, DISCORD_GUILD_ID: guildId } = env;
	if (!applicationId || !token)
		throw new Error("set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN (and DISCORD_GUILD_ID to test in one server)");
	const rest = await discordRest(env.DISCORD_API_URL || DEFAULT_DISCORD_API, token);
	const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
	const body = commandDefinitions();
	// PUT replaces the whole set, so a command removed here disappears from Discord too.
	await rest.put(route, { body });
	return { scope: guildId ? "guild" : "global", route, commands: body.map((c) => c.name) };
}

/** The CLI's entry: 0 registered, 2 not configured, 1 Discord refused or could not be reached. */
export async function registerFromCli(env: NodeJS.ProcessEnv): Promise<number> {
	if (!env.DISCORD_APPLICATION_ID || !env.DISCORD_BOT_TOKEN) {
		console.error("register-discord: set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN (DISCORD_GUILD_ID for one test server)");
		return 2;
	}
	try {
		const r = await registerCommands(env);
		const where =
			r.scope === "guild" ? `in server ${env.DISCORD_GUILD_ID} (visible now)` : "globally (may take a while to appear)";
		console.log(`registered ${r.commands.map((c) => `/${c}`).join(", ")} ${where}`);
		return 0;
	} catch (e) {
		console.error(`register-discord: ${e instanceof Error ? e.message : String(e)}`);
		return 1;
	}
}
