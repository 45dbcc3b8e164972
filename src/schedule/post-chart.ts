// The price posts' charts, sent after the posts' text went out: attached to each delivery that this run sent (a
// new post's, or an earlier post's left pending and sent now), each post's chart drawn once for all its channels.
// They are kept out of the deliveries' records: a chart that cannot be drawn or sent is logged and the post stands
// as it went out, delivered, never pending again for want of a picture.
import type { PricePostJson } from "../../commands/json.js";
import { pricePostReply } from "../../commands/prices.js";
import type { Catalog } from "../catalog/types.js";
import type { Logger } from "../log.js";
import { emptyHistory, type PriceHistoryData } from "../prices/history.js";
import type { Chart, ChartRenderer } from "../render/charts/index.js";
import { pricePostChart } from "./price-chart.js";
import type { Senders } from "./senders.js";
import type { Delivery } from "./state.js";

export interface PostChartDeps {
	charts: ChartRenderer;
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

/** Attaches its post's chart to each delivery of `sent` (those this run sent), until `stop`; never rejects. */
export async function sendPostCharts(deps: PostChartDeps, sent: Delivery[], stop: () => boolean): Promise<void> {
	const out = sent.filter((d) => d.status === "delivered" && d.messageId && deps.senders[d.platform]?.attach);
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
		let chart: Chart | null;
		try {
			chart = await pricePostChart(deps.charts, post.json, deps.catalog(), history);
		} catch (e) {
			deps.log.warn("price post chart not drawn; the post went without it", { error: message(e) });
			continue;
		}
		// Null: no GPU of the post has prices to draw, or the renderer could not draw it (and logged why).
		if (chart === null) continue;
		const reply = pricePostReply(post.json);
		for (const d of post.deliveries) {
			if (stop()) return;
			try {
				await deps.senders[d.platform]?.attach?.(d.channel, String(d.messageId), reply, chart);
				deps.log.info("price post chart attached", { id: d.id, chart: chart.fileName });
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
