// A Discord answer's chart, once its message is out (the interaction's response, or the edit of a deferred one):
// drawn, then attached by editing the original response through discord.js's REST client (@discordjs/rest),
// a multipart request with the PNG as files[0] and the embed showing it (image.url = attachment://<name>).
// A chart that cannot be drawn or sent costs nothing but itself: the message is already out, and the failure is
// logged once. The gateway sends the same embeds and file through discord.js's editReply (gateway.ts).
import type { REST } from "@discordjs/rest";
import type { APIEmbed } from "discord-api-types/v10";
import { clip } from "../../chat/reply.js";
import type { Logger } from "../../log.js";
import type { Chart } from "../../render/charts/index.js";
import type { ChartDelivery } from "../routes.js";
import type { DiscordMessage } from "./answer.js";
import type { DiscordConfig } from "./config.js";
import { Routes } from "./protocol.js";
import { discordRest } from "./rest.js";

/** Discord's limit on an attachment's description (its alt text). */
const ATTACHMENT_DESCRIPTION = 1024;

/** The message's embeds with the first one showing the attached chart. */
export function embedsWithChart(message: DiscordMessage, chart: Chart): APIEmbed[] {
	return message.embeds.map((e, i) => (i === 0 ? { ...e, image: { url: `attachment://${chart.fileName}` } } : e));
}

/** The chart's alt text, as an attachment's description. */
export const chartDescription = (chart: Chart): string => clip(chart.alt, ATTACHMENT_DESCRIPTION);

export class DiscordCharts {
	#rest: Promise<REST> | null = null;

	constructor(
		private readonly delivery: ChartDelivery,
		private readonly config: DiscordConfig,
		private readonly log: Logger,
	) {}

	/** The message's chart, drawn (kept by its key); null when it has none or it cannot be drawn (logged). */
	async chartOf(message: DiscordMessage): Promise<Chart | null> {
		const request = message.chart;
		if (request === null) return null;
		return this.delivery.renderer.chart(request);
	}

	/** Attaches the chart of a message already sent as the interaction's response; never rejects. */
	async afterMessage(message: DiscordMessage, interactionToken: string): Promise<void> {
		const chart = await this.chartOf(message);
		if (chart === null) return;
		try {
			// Imported on the first chart: the REST client and undici cost a quarter of a second.
			this.#rest ??= discordRest(this.config.apiUrl, this.config.botToken);
			const rest = await this.#rest;
			await rest.patch(Routes.webhookMessage(this.config.applicationId, encodeURIComponent(interactionToken), "@original"), {
				// Interaction webhooks authenticate by their token, not the bot's.
				auth: false,
				body: {
					embeds: embedsWithChart(message, chart),
					attachments: [{ id: 0, filename: chart.fileName, description: chartDescription(chart) }],
					allowed_mentions: { parse: [] },
				},
				files: [{ name: chart.fileName, data: chart.png, contentType: "image/png" }],
			});
		} catch (e) {
			this.log.error("discord chart not attached; the answer went without it", {
				chart: chart.fileName,
				error: e instanceof Error ? e.message : String(e),
			});
		}
	}
}
