// One run of the price-update job: claim the scheduled time (one replica runs it), send what earlier
// runs left pending, compare the catalog's prices with the last posted snapshot, and when something
// moved enough, record the new baseline and the deliveries together, then send them.
import type { PricePostJson } from "../../commands/json.js";
import { noPost, type PricePost, pricePost, pricePostReply } from "../../commands/prices.js";
import {
	advanceBaseline,
	diffPrices,
	isEmptyDiff,
	type PriceDiff,
	type PriceSnapshot,
	snapshotPrices,
	type Threshold,
} from "../catalog/price-snapshot.js";
import type { Catalog } from "../catalog/types.js";
import type { Reply } from "../chat/reply.js";
import type { Logger } from "../log.js";
import type { Senders } from "./senders.js";
import { type Delivery, deliveryId, type StateStore, type Target } from "./state.js";

export const PRICE_JOB = "price-post";

export interface PriceJobConfig {
	targets: Target[];
	threshold: Threshold;
	timeZone: string;
	popularGpus?: string[];
	headlineFits?: string[];
	/** How long a replica's claim on one scheduled time holds. */
	claimTtlMs: number;
}

export interface PriceJobDeps {
	catalog: () => Catalog;
	state: StateStore;
	senders: Senders;
	log: Logger;
	config: PriceJobConfig;
}

export type PriceRunResult =
	| { status: "claimed-elsewhere"; retried: Delivery[] }
	| { status: "baseline"; retried: Delivery[]; offers: number }
	| { status: "no-change"; retried: Delivery[]; ignored: number }
	| { status: "no-targets"; retried: Delivery[]; post: PricePost }
	| { status: "posted"; retried: Delivery[]; deliveries: Delivery[] };

type Prepared =
	| { kind: "baseline"; current: PriceSnapshot }
	| { kind: "no-change"; current: PriceSnapshot; diff: PriceDiff }
	| { kind: "post"; current: PriceSnapshot; before: PriceSnapshot; diff: PriceDiff; post: { json: PricePostJson; reply: Reply } };

async function prepare(deps: PriceJobDeps, now: Date): Promise<Prepared> {
	const catalog = deps.catalog();
	const current = snapshotPrices(catalog, now);
	const before = await deps.state.lastSnapshot();
	if (!before) return { kind: "baseline", current };
	const diff = diffPrices(before, current, deps.config.threshold);
	if (isEmptyDiff(diff)) return { kind: "no-change", current, diff };
	const { threshold, timeZone, popularGpus, headlineFits } = deps.config;
	const post = pricePost({ catalog, before, diff, now, threshold, timeZone, popularGpus, headlineFits });
	return { kind: "post", current, before, diff, post };
}

function describe(catalog: Catalog, prepared: Prepared): PricePost {
	switch (prepared.kind) {
		case "baseline":
			return noPost(
				catalog,
				"baseline",
				`the first run records the baseline (${Object.keys(prepared.current.offers).length} offers) and posts nothing`,
			);
		case "no-change": {
			const n = prepared.diff.ignored.length;
			return noPost(
				catalog,
				"no-change",
				`no price moved enough since the last post${n ? ` (${n} smaller moves left out)` : ""}`,
			);
		}
		case "post":
			return prepared.post;
	}
}

/** The post that would go out now, and what is pending; touches nothing. */
export async function previewPricePost(deps: PriceJobDeps, now: Date): Promise<{ post: PricePost; pending: Delivery[] }> {
	const prepared = await prepare(deps, now);
	return { post: describe(deps.catalog(), prepared), pending: await deps.state.pendingDeliveries() };
}

/** The card a delivery sends: rendered from the post's facts (an older record holds the card itself). */
function deliveryReply(post: Delivery["post"]): Reply {
	return "headline" in post ? post : pricePostReply(post);
}

async function attempt(deps: PriceJobDeps, delivery: Delivery): Promise<Delivery> {
	const sender = deps.senders[delivery.platform];
	let next: Delivery;
	if (!sender) {
		next = { ...delivery, lastError: `no ${delivery.platform} token configured` };
	} else {
		try {
			const messageId = await sender.send(delivery.channel, deliveryReply(delivery.post));
			next = { ...delivery, status: "delivered", attempts: delivery.attempts + 1, lastError: null, messageId };
			next.deliveredAt = new Date().toISOString();
		} catch (e) {
			next = { ...delivery, attempts: delivery.attempts + 1, lastError: e instanceof Error ? e.message : String(e) };
		}
	}
	await deps.state.updateDelivery(next);
	if (next.status === "delivered") deps.log.info("price post delivered", { id: next.id, messageId: next.messageId });
	else deps.log.warn("price post not delivered; retried on the next run", { id: next.id, error: next.lastError });
	return next;
}

async function sendAll(deps: PriceJobDeps, deliveries: Delivery[]): Promise<Delivery[]> {
	const out: Delivery[] = [];
	for (const d of deliveries) out.push(await attempt(deps, d)); // in order: an older post before a newer one
	return out;
}

export async function runPricePost(deps: PriceJobDeps, scheduledAt: Date): Promise<PriceRunResult> {
	const at = scheduledAt.toISOString();
	if (!(await deps.state.claim(`${PRICE_JOB}@${at}`, deps.config.claimTtlMs))) {
		deps.log.info("price post claimed by another replica", { scheduledAt: at });
		return { status: "claimed-elsewhere", retried: [] };
	}
	const retried = await sendAll(deps, await deps.state.pendingDeliveries());
	const prepared = await prepare(deps, scheduledAt);
	switch (prepared.kind) {
		case "baseline":
			await deps.state.commitPost(prepared.current, []);
			deps.log.info("price post: first run, baseline recorded", { offers: Object.keys(prepared.current.offers).length });
			return { status: "baseline", retried, offers: Object.keys(prepared.current.offers).length };
		case "no-change":
			return { status: "no-change", retried, ignored: prepared.diff.ignored.length };
		case "post": {
			if (deps.config.targets.length === 0) {
				// No channel configured: a dry run, logged; the baseline stays for the day one is.
				deps.log.info("price post (dry run: no channel configured)", { post: prepared.post.json });
				return { status: "no-targets", retried, post: prepared.post };
			}
			const createdAt = new Date().toISOString();
			const deliveries: Delivery[] = deps.config.targets.map((t) => ({
				...t,
				id: deliveryId(PRICE_JOB, at, t),
				job: PRICE_JOB,
				scheduledAt: at,
				post: prepared.post.json,
				status: "pending",
				attempts: 0,
				lastError: null,
				createdAt,
				deliveredAt: null,
				messageId: null,
			}));
			await deps.state.commitPost(advanceBaseline(prepared.before, prepared.current, prepared.diff), deliveries);
			return { status: "posted", retried, deliveries: await sendAll(deps, deliveries) };
		}
	}
}
