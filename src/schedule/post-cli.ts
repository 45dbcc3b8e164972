// `gpufit prices post [--dry-run] [--json]`: the price-update post that would go out now (dry run:
// printed with the channels the environment names, whether their token is set or not; nothing sent or
// recorded), or a run of the job now (sent to the configured channels, recorded in the state store like a
// scheduled run). Both compare the prices a scheduled post would: the catalog's with the fetched ones. Bounded:
// each Slack or Discord call by PRICE_POST_TIMEOUT_MS, Redis's first connection by 5 s, the whole run by
// PRICE_POST_WATCHDOG_MS; what did not go out stays pending for the next run, and the exit code says so.
import type { Catalog } from "../catalog/types.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { renderText } from "../render/text.js";
import { openState, priceChartRenderer, priceJobDeps } from "./background.js";
import { DeadlineError, withDeadline } from "./deadline.js";
import { previewPricePost, runPricePost } from "./price-job.js";
import { sendersFor } from "./senders.js";

const REDIS_WAIT_MS = 5000;

export async function runPricesPost(catalog: Catalog, argv: string[], config: Config, log: Logger): Promise<number> {
	const dryRun = argv.includes("--dry-run");
	const json = argv.includes("--json");
	const state = await openState(config, log, REDIS_WAIT_MS);
	const senders = sendersFor(config, log);
	try {
		// A dry run names every channel the environment sets, and says which lack the token to post.
		const quiet = dryRun ? { ...log, warn: () => {} } : log;
		const charts = dryRun ? null : priceChartRenderer(config, log);
		const deps = priceJobDeps(config.prices, () => catalog, state, senders, quiet, charts);
		const targets = deps.config.targets.map((t) => `${t.platform} ${t.channel}`);
		if (dryRun) {
			const { post, pending } = await previewPricePost(deps, new Date());
			const configured = config.prices.targets.map((t) => `${t.platform} ${t.channel}`);
			const missing = config.prices.targets
				.filter((t) => !senders[t.platform])
				.map((t) => (t.platform === "slack" ? "SLACK_BOT_TOKEN" : "DISCORD_BOT_TOKEN"));
			if (json)
				process.stdout.write(
					`${JSON.stringify({ ...post.json, dryRun: true, targets: configured, missingTokens: missing, pending: pending.length })}\n`,
				);
			else {
				process.stdout.write(`${renderText(post.reply)}\n\n`);
				const named = config.prices.targets.map(
					(t) =>
						`${t.platform} ${t.channel}${senders[t.platform] ? "" : ` (${t.platform === "slack" ? "SLACK_BOT_TOKEN" : "DISCORD_BOT_TOKEN"} not set: not sent)`}`,
				);
				process.stdout.write(
					`(dry run) would go to: ${named.join(", ") || "no channel configured (PRICE_POST_SLACK_CHANNEL, PRICE_POST_DISCORD_CHANNEL)"}`,
				);
				const n = pending.length;
				process.stdout.write(n ? `; ${n} earlier ${n === 1 ? "delivery" : "deliveries"} pending, sent first\n` : "\n");
			}
			return 0;
		}
		if (targets.length === 0) {
			console.error(
				"no channel to post to: set PRICE_POST_SLACK_CHANNEL with SLACK_BOT_TOKEN and/or PRICE_POST_DISCORD_CHANNEL with DISCORD_BOT_TOKEN",
			);
			return 2;
		}
		const stop = new AbortController();
		const result = await withDeadline(
			runPricePost(deps, new Date(), stop.signal),
			config.prices.watchdogMs,
			"prices post (PRICE_POST_WATCHDOG_MS)",
		)
			.catch((e: unknown) => {
				if (!(e instanceof DeadlineError)) throw e;
				console.error(`${e.message}: stopped; what did not go out stays pending for the next run`);
				return null;
			})
			.finally(() => stop.abort());
		if (result === null) return 1;
		const sent = [...result.retried, ...(result.status === "posted" ? result.deliveries : [])];
		const failed = sent.filter((d) => d.status !== "delivered");
		if (json) process.stdout.write(`${JSON.stringify({ ok: failed.length === 0, status: result.status, deliveries: sent })}\n`);
		else {
			process.stdout.write(`price post: ${result.status}\n`);
			for (const d of sent)
				process.stdout.write(`  ${d.platform} ${d.channel}: ${d.status}${d.lastError ? ` (${d.lastError})` : ""}\n`);
		}
		return failed.length === 0 ? 0 : 1;
	} finally {
		for (const s of Object.values(senders)) s.close();
		await state.close();
	}
}
