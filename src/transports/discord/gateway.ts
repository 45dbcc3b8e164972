// DISCORD_MODE=gateway: a bot connected to Discord's gateway receives the interactions over a websocket
// instead of Discord POSTing them to us, for servers Discord cannot reach. Same answers as the HTTP
// endpoint (answer.ts, autocomplete.ts, chat/deadline.ts); only the transport differs. Discord sends
// interactions over the gateway only while the application has no Interactions Endpoint URL.
import { type ChatInputCommandInteraction, Client, Events, GatewayIntentBits, type Interaction, MessageFlags } from "discord.js";
import type { CommandOptions, OptionValue } from "../../../commands/options.js";
import { respondBy } from "../../chat/deadline.js";
import type { Followups } from "../../chat/followup.js";
import type { ChatPipeline } from "../../chat/pipeline.js";
import { localeOf } from "../../chat/reply.js";
import { type AnswerDeps, answerCall, type CommandCall, type DiscordMessage } from "./answer.js";
import { autocompleteChoices } from "./autocomplete.js";
import { chartDescription, type DiscordCharts, embedsWithChart } from "./charts.js";
import type { DiscordConfig } from "./config.js";

export interface GatewayDeps extends AnswerDeps {
	pipeline: ChatPipeline<DiscordMessage>;
	/** Counts interactions still being answered, which a graceful shutdown waits for. */
	followups: Followups;
	/** Draws each answer's chart, attached once the answer is out; null: GPUFIT_CHARTS=off. */
	charts: DiscordCharts | null;
}

/** Attaches the chart of an answer already sent by editing the reply; a failure is logged, never thrown. */
async function attachChart(deps: GatewayDeps, i: ChatInputCommandInteraction, message: DiscordMessage): Promise<void> {
	const chart = (await deps.charts?.chartOf(message)) ?? null;
	if (chart === null) return;
	try {
		await i.editReply({
			embeds: embedsWithChart(message, chart),
			files: [{ attachment: chart.png, name: chart.fileName, description: chartDescription(chart) }],
			allowedMentions: { parse: [] },
		});
	} catch (e) {
		deps.log.error("discord chart not attached; the answer went without it", {
			chart: chart.fileName,
			error: e instanceof Error ? e.message : String(e),
		});
	}
}

/** One REST call of the gateway's client; discord.js retries and waits out rate limits by itself. */
const REST_TIMEOUT_MS = 10_000;

async function onInteraction(deps: GatewayDeps, config: DiscordConfig, i: Interaction): Promise<void> {
	const arrivedAt = Date.now();
	if (i.isAutocomplete()) {
		const focused = i.options.getFocused(true);
		await i.respond(autocompleteChoices(deps.store.current(), i.commandName, focused.name, String(focused.value)));
		return;
	}
	if (!i.isChatInputCommand()) return;
	const options: Record<string, OptionValue> = {};
	for (const o of i.options.data) if (o.value !== undefined) options[o.name] = o.value;
	const call: CommandCall = {
		command: i.commandName,
		options: options as CommandOptions,
		locale: localeOf(i.locale),
		userId: i.user.id,
	};
	const allowedMentions = { parse: [] };
	let sent = null as DiscordMessage | null;
	await respondBy<DiscordMessage>(arrivedAt + config.deferAfterMs, () => answerCall(deps.pipeline, call), {
		reply: async (m) => {
			await i.reply({ embeds: m.embeds, allowedMentions, ...(m.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
			sent = m;
		},
		defer: async () => {
			await i.deferReply();
		},
		edit: async (m) => {
			await i.editReply({ embeds: m.embeds, allowedMentions });
			sent = m;
		},
	});
	if (sent !== null) await attachChart(deps, i, sent);
}

/** Logs in and answers until closed; a failed login is logged, not thrown (the HTTP side keeps serving). */
export function startGateway(config: DiscordConfig, deps: GatewayDeps): { close: () => Promise<void> } {
	// Slash commands need no privileged intents; Guilds keeps the cache of servers the bot is in.
	const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: config.apiUrl, timeout: REST_TIMEOUT_MS } });
	client.on(Events.InteractionCreate, (i) => {
		deps.followups
			.track(onInteraction(deps, config, i))
			.catch((e: unknown) =>
				deps.log.error("discord gateway interaction failed", { error: e instanceof Error ? e.message : String(e) }),
			);
	});
	client.once(Events.ClientReady, (c) => deps.log.info("discord gateway connected", { bot: c.user.tag }));
	client
		.login(config.botToken)
		.catch((e: unknown) => deps.log.error("discord gateway login failed", { error: e instanceof Error ? e.message : String(e) }));
	return { close: () => client.destroy() };
}
