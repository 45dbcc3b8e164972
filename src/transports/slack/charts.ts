// A Slack answer's chart, after its card went out. With PUBLIC_URL the card already links the chart
// (GET /charts/<key>.png): it is remembered and drawn now, so Slack's fetch finds it ready. Without, the PNG is
// uploaded through the Web API's external upload flow (filesUploadV2: files.getUploadURLExternal, the bytes,
// files.completeUploadExternal) into the channel and thread of the answer, for answers posted in the channel
// only: a private card's chart uploaded to the channel would show everyone what one person asked. A chart that
// cannot be drawn or uploaded costs nothing but itself: the card is already out, and the failure is logged once.
import type { WebClient } from "@slack/web-api";
import { clip } from "../../chat/reply.js";
import type { Logger } from "../../log.js";
import type { ChartDelivery } from "../routes.js";
import type { SlackReply } from "./answer.js";

/** Where the card went: its channel, and its thread when it was in one. */
export interface CardPlace {
	channelId: string | undefined;
	threadTs: string | undefined;
}

/** Slack's limit on a file's alt text. */
const FILE_ALT_TEXT = 1000;

export class SlackCharts {
	constructor(
		private readonly delivery: ChartDelivery,
		private readonly log: Logger,
	) {}

	/** Sends (or readies) the chart of a card that went out; never rejects. */
	async afterCard(reply: SlackReply, client: WebClient, place: CardPlace): Promise<void> {
		const request = reply.chart;
		if (request === null) return;
		const { renderer, publicUrl } = this.delivery;
		if (publicUrl !== null) {
			renderer.remember(request);
			await renderer.chart(request);
			return;
		}
		const channelId = place.channelId;
		if (reply.message.response_type !== "in_channel" || !channelId) return;
		// Null when it cannot be drawn: the renderer has logged why.
		const chart = await renderer.chart(request);
		if (chart === null) return;
		try {
			const file = {
				file: chart.png,
				filename: chart.fileName,
				title: request.input.title,
				alt_text: clip(chart.alt, FILE_ALT_TEXT),
			};
			await client.filesUploadV2(
				place.threadTs ? { ...file, channel_id: channelId, thread_ts: place.threadTs } : { ...file, channel_id: channelId },
			);
		} catch (e) {
			this.log.error("slack chart not uploaded; the card went without it", {
				chart: chart.fileName,
				channel: channelId,
				error: e instanceof Error ? e.message : String(e),
			});
		}
	}
}
