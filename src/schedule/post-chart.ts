// The price posts' charts, sent after the posts' text went out: attached to each delivery that this run sent (a
// new post's, or an earlier post's left pending and sent now), each post's chart drawn once for all its channels.
// They are kept out of the deliveries' records: a chart that cannot be drawn or sent is logged and the post stands
// as it went out, delivered, never pending again for want of a picture. With PUBLIC_URL, the Slack post shows the
// chart as answers do, by an image block linking GET /charts/<key>.png (the server's renderer keeps it servable,
// drawn before the link goes out), added to the post by an edit: Slack fetches the image when the blocks arrive,
// and a fetch that fails refuses only the edit, never the post.
import type { PricePostJson } from "../../commands/json.js";
import { pricePostReply } from "../../commands/prices.js";
import type { Catalog } from "../catalog/types.js";
import type { Logger } from "../log.js";
import { emptyHistory, type PriceHistoryData } from "../prices/history.js";
import { type Chart, type ChartRenderer, type ChartRequest, chartKey } from "../render/charts/index.js";
import { postChartRequest } from "./price-chart.js";
import type { Senders } from "./senders.js";
import type { Delivery } from "./state.js";

/** How the posts' charts are drawn and shown. */
export interface PostCharts {
	renderer: ChartRenderer;
	/**
	 * PUBLIC_URL, when `renderer` is the server's (whose remembered charts GET /charts/<key>.png serves): Slack
	 * posts link their chart there. Null: Slack posts get the PNG uploaded into their thread.
	 */
	publicUrl: string | null;
}

export interface PostChartDeps {
	charts: PostCharts;
	/** The catalog as its files have it: its dated entries draw a GPU the feeds never listed. */
	catalog: () => Catalog;
	history?: () => Promise<PriceHistoryData>;
	senders: Senders;
	log: Logger;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The sent deliveries by post (a post's deliveries share its scheduled time), with the post's facts. */
function byPost(sent: Delivery[]): { json: PricePostJson; deliveries: Delivery[] }[] {
	const posts = new Map<string, { json: PricePostJson; deliveries: Delivery[] }>();
	for (const d of sent) {
		// An older record holds the card itself, not the facts a chart is drawn from: it goes without one.
		if ("headline" in d.post) continue;
		const key = `${d.job}@${d.scheduledAt}`;
		const post = posts.get(key) ?? { json: d.post, deliveries: [] };
		post.deliveries.push(d);
		posts.set(key, post);
	}
	return [...posts.values()];
}

/** The chart drawn, under the key its link would name (kept servable by the server's renderer when linked). */
function draw(charts: PostCharts, request: ChartRequest): Promise<{ key: string; chart: Chart | null }> {
	if (charts.publicUrl) return charts.renderer.drawLinked(request);
	return charts.renderer.chart(request).then((chart) => ({ key: chartKey(request), chart }));
}

/** Attaches its post's chart to each delivery of `sent` (those this run sent), until `stop`; never rejects. */
export async function sendPostCharts(deps: PostChartDeps, sent: Delivery[], stop: () => boolean): Promise<void> {
	const out = sent.filter((d) => {
		const sender = deps.senders[d.platform];
		return d.status === "delivered" && d.messageId && (sender?.attach || (deps.charts.publicUrl && sender?.link));
	});
	const posts = byPost(out);
	if (posts.length === 0) return;
	let history: PriceHistoryData;
	try {
		history = deps.history ? await deps.history() : emptyHistory();
	} catch (e) {
		deps.log.warn("price post chart not drawn; the post went without it", { error: message(e) });
		return;
	}
	for (const post of posts) {
		if (stop()) return;
		let request: ChartRequest | null;
		let drawn: { key: string; chart: Chart | null };
		try {
			// Null: no GPU of the post has prices to draw.
			request = postChartRequest(post.json, deps.catalog(), history);
			if (request === null) continue;
			drawn = await draw(deps.charts, request);
		} catch (e) {
			deps.log.warn("price post chart not drawn; the post went without it", { error: message(e) });
			continue;
		}
		// Null: the renderer could not draw it, and logged why.
		const chart = drawn.chart;
		if (chart === null) continue;
		const reply = pricePostReply(post.json);
		const link = deps.charts.publicUrl
			? { url: `${deps.charts.publicUrl}/charts/${drawn.key}.png`, alt: request.input.title }
			: null;
		for (const d of post.deliveries) {
			if (stop()) return;
			const sender = deps.senders[d.platform];
			try {
				if (link && sender?.link) await sender.link(d.channel, String(d.messageId), reply, link);
				else await sender?.attach?.(d.channel, String(d.messageId), reply, chart);
				deps.log.info("price post chart attached", { id: d.id, chart: chart.fileName, ...(link ? { url: link.url } : {}) });
			} catch (e) {
				deps.log.warn("price post chart not attached; the post went without it", {
					id: d.id,
					chart: chart.fileName,
					error: message(e),
				});
			}
		}
	}
}
