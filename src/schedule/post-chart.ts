// The price post's chart, sent after the post's text went out: drawn once for all channels, then attached to each
// delivery that this run delivered. It is kept out of the deliveries' records: a chart that cannot be drawn or
// sent is logged and the post stands as it went out, delivered, never pending again for want of a picture.
import type { PricePostJson } from "../../commands/json.js";
import type { Catalog } from "../catalog/types.js";
import type { Reply } from "../chat/reply.js";
import type { Logger } from "../log.js";
import { emptyHistory, type PriceHistoryData } from "../prices/history.js";
import type { ChartRenderer } from "../render/charts/index.js";
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

/** Attaches the post's chart to each delivered delivery of `delivered`, until `stop`; never rejects. */
export async function sendPostChart(
	deps: PostChartDeps,
	post: { json: PricePostJson; reply: Reply },
	delivered: Delivery[],
	stop: () => boolean,
): Promise<void> {
	const out = delivered.filter((d) => d.status === "delivered" && d.messageId && deps.senders[d.platform]?.attach);
	if (out.length === 0) return;
	let chart: Awaited<ReturnType<typeof pricePostChart>>;
	try {
		const history = deps.history ? await deps.history() : emptyHistory();
		chart = await pricePostChart(deps.charts, post.json, deps.catalog(), history);
	} catch (e) {
		deps.log.warn("price post chart not drawn; the post went without it", { error: message(e) });
		return;
	}
	// Null: no GPU of the post has prices to draw, or the renderer could not draw it (and logged why).
	if (chart === null) return;
	for (const d of out) {
		if (stop()) return;
		try {
			await deps.senders[d.platform]?.attach?.(d.channel, String(d.messageId), post.reply, chart);
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
