// A refused catalog edit is posted to the ops channel once per distinct error, not on every retry.
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../catalog/temp-catalog.js";
import { type Harness, harness, slackText } from "./harness.js";

let h: Harness | null = null;
afterEach(async () => {
	await h?.cleanup();
	h = null;
});

describe("catalog alerts to ops", () => {
	it("posts a refused edit once, and a different one again", async () => {
		h = await harness({ OPS_SLACK_CHANNEL: "C0OPS", PRICE_POST_CRON: "" });
		const server = await h.start();
		let reloads = 0;
		server.store.onReload(() => {
			reloads++;
		});
		const good = h.t.read("prices/cloud-aws.yaml");
		const broken = good.replace(/\busd: [\d.]+/, "usd: -1");
		h.t.write("prices/cloud-aws.yaml", broken);
		const first = await waitFor("the alert", () => h!.slack.messages[0]);
		expect(first.channel).toBe("C0OPS");
		const text = slackText(first.blocks);
		expect(text).toContain("Catalog edit refused");
		expect(text).toContain("prices/cloud-aws.yaml");
		expect(text).toMatch(/@aws\/.* · usd: /);

		// The same broken file written again: reloaded, refused, not posted again.
		const seen = reloads;
		h.t.write("prices/cloud-aws.yaml", `${broken}\n`);
		await waitFor("another reload", () => reloads > seen);
		await new Promise((r) => setTimeout(r, 50));
		expect(h.slack.messages).toHaveLength(1);

		// A different mistake is news.
		h.t.write("prices/cloud-aws.yaml", good.replace(/\bkind: on-demand/, "kind: sometimes"));
		const second = await waitFor("the second alert", () => h!.slack.messages[1]);
		expect(slackText(second.blocks)).toContain("kind");
		expect(h.slack.messages).toHaveLength(2);
	});
});
