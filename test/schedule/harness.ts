// A price-post set-up for the tests: a temporary catalog, local Slack and Discord stand-ins, a state
// directory, and servers started on them (several may share one catalog, state or Redis).
import { join } from "node:path";
import { openCatalogStore } from "../../src/catalog/open.js";
import { createLogger } from "../../src/log.js";
import { type RunningServer, startServer } from "../../src/transports/server.js";
import { type TempCatalog, tempCatalog } from "../catalog/temp-catalog.js";
import { type DiscordPostStandIn, startDiscordPostStandIn } from "../support/price-post-discord.js";
import { type SlackPostStandIn, startSlackPostStandIn } from "../support/price-post-slack.js";

export const SLACK_CHANNEL = "C0PRICES";
export const DISCORD_CHANNEL = "1100000000000000001";

export interface Harness {
	t: TempCatalog;
	slack: SlackPostStandIn;
	discord: DiscordPostStandIn;
	env: Record<string, string>;
	logs: string[];
	start: (extra?: Record<string, string>) => Promise<RunningServer>;
	cleanup: () => Promise<void>;
}

export async function harness(extra: Record<string, string> = {}): Promise<Harness> {
	const t = tempCatalog();
	const slack = await startSlackPostStandIn();
	const discord = await startDiscordPostStandIn();
	const logs: string[] = [];
	const servers: RunningServer[] = [];
	const env: Record<string, string> = {
		CATALOG_DIR: t.dir,
		CATALOG_RELOAD_DEBOUNCE_MS: "20",
		GPUFIT_STATE_DIR: join(t.root, "state"),
		GPUFIT_CACHE_DIR: join(t.root, "cache"),
		// A weekly schedule that never fires during a test: the tests trigger runs themselves.
		PRICE_POST_CRON: "0 9 * * 1",
		// No scheduled price fetches (tests that fetch point PRICE_SOURCE_SKYPILOT_URL at a stand-in and trigger them).
		PRICE_FETCH_CRON: "off",
		PRICE_POST_TZ: "UTC",
		PRICE_POST_SLACK_CHANNEL: SLACK_CHANNEL,
		PRICE_POST_DISCORD_CHANNEL: DISCORD_CHANNEL,
		SLACK_BOT_TOKEN: "xoxb-price-post-test",
		SLACK_API_URL: slack.apiUrl,
		DISCORD_BOT_TOKEN: "discord-price-post-test",
		DISCORD_API_URL: discord.apiUrl,
		...extra,
	};
	return {
		t,
		slack,
		discord,
		env,
		logs,
		start: async (more = {}) => {
			const e = { ...env, ...more };
			const server = await startServer({
				env: e,
				store: openCatalogStore(t.dir),
				port: 0,
				host: "127.0.0.1",
				log: createLogger(e, (l) => logs.push(l)),
			});
			servers.push(server);
			return server;
		},
		cleanup: async () => {
			for (const s of servers.splice(0)) await s.close();
			await slack.close();
			await discord.close();
			t.cleanup();
		},
	};
}

/** The rows of the change table as the platforms show them: lines that start with the GPU id in code. */
export function tableLines(text: string): string[] {
	return text.split("\n").filter((l) => l.startsWith("`"));
}

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON
export function slackText(blocks: any[]): string {
	return blocks
		.flatMap((b) => [b.text?.text ?? "", ...(b.fields ?? []).map((f: { text: string }) => f.text)])
		.filter(Boolean)
		.join("\n");
}

// biome-ignore lint/suspicious/noExplicitAny: embed JSON
export function discordText(embed: any): string {
	return [
		embed.title,
		embed.description,
		...(embed.fields ?? []).flatMap((f: { name: string; value: string }) => [f.name, f.value]),
	]
		.filter(Boolean)
		.join("\n");
}
