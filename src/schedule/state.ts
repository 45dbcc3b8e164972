// Durable state of the scheduled jobs: the last posted price snapshot, every delivery (the outbox:
// a post is recorded before it is sent, so a crash or an API error leaves it pending for the next
// run instead of losing it), the price history the feeds fill (src/prices/history.ts), and claims
// that let one replica run each scheduled job.

import type { PricePostJson } from "../../commands/json.js";
import type { PriceSnapshot } from "../catalog/price-snapshot.js";
import type { Reply } from "../chat/reply.js";
import type { Platform, Target } from "../config.js";
import type { FeedState, OfferHistory, PriceHistoryData } from "../prices/history.js";

export type { Platform, Target };

export interface Delivery extends Target {
	/** `${job}@${scheduledAt}/${platform}:${channel}`: one delivery per post per channel. */
	id: string;
	job: string;
	scheduledAt: string;
	/** The post's facts, rendered for the platform when sent (records written before this was so hold the card). */
	post: PricePostJson | Reply;
	status: "pending" | "delivered";
	attempts: number;
	lastError: string | null;
	createdAt: string;
	deliveredAt: string | null;
	/** Slack's ts or Discord's message id. */
	messageId: string | null;
	/**
	 * An attempt started and its outcome is unknown (a timeout, a dropped connection, a 5xx, a crash mid-send):
	 * before sending again, the channel is asked whether the post went out (deliver.ts).
	 */
	inDoubt?: boolean;
}

/** How the store's backend is doing, for /healthz. */
export interface StateHealth {
	kind: "file" | "redis";
	ok: boolean;
	/** Why not ok (Redis unreachable), and since when. */
	error?: string;
	since?: string;
}

export interface ClaimOptions {
	/** Take over a claim whose owner is a process of this host that no longer runs (a crash mid-job). */
	takeOverDead?: boolean;
}

export interface StateStore {
	readonly kind: "file" | "redis";
	/** True for exactly one caller per key until ttlMs passes (SET NX PX in Redis, an O_EXCL file on disk). */
	claim: (key: string, ttlMs: number, options?: ClaimOptions) => Promise<boolean>;
	/** Extends a claim this process holds to ttlMs from now; false when it is no longer ours (expired, taken). */
	renew: (key: string, ttlMs: number) => Promise<boolean>;
	/** Gives up a claim this process holds (another's is left alone). */
	release: (key: string) => Promise<void>;
	health: () => StateHealth;
	lastSnapshot: () => Promise<PriceSnapshot | null>;
	/** Moves the baseline and queues the post's deliveries in one atomic write. */
	commitPost: (snapshot: PriceSnapshot, deliveries: Delivery[]) => Promise<void>;
	pendingDeliveries: () => Promise<Delivery[]>;
	deliveries: () => Promise<Delivery[]>;
	/** One delivery as stored now (another replica may have sent it since it was listed). */
	delivery: (id: string) => Promise<Delivery | null>;
	updateDelivery: (delivery: Delivery) => Promise<void>;
	/** Every feed's state and every offer's price history. */
	priceHistory: () => Promise<PriceHistoryData>;
	/** A token that changes with every commitPriceFeed, cheap to ask: replicas poll it to know when to reload. */
	priceRevision: () => Promise<string>;
	/** One read of one feed: its new state and the offers whose history changed, in one atomic write. */
	commitPriceFeed: (feed: FeedState, offers: OfferHistory[]) => Promise<void>;
	close: () => Promise<void>;
	/** Closes at once, failing what is still waiting on the backend (a shutdown's bound reached). */
	closeNow: () => void;
}

/** This process, as a claim's owner: "host:pid". */
export const claimOwner = (host: string, pid: number) => `${host}:${pid}`;

/** Whether a claim's owner is a process of `host` that is gone. */
export function ownerIsDead(owner: string, host: string): boolean {
	const at = owner.lastIndexOf(":");
	if (at < 0 || owner.slice(0, at) !== host) return false;
	const pid = Number(owner.slice(at + 1));
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return false;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === "ESRCH";
	}
}

/** Delivered records kept for the record; pending ones are never dropped. */
export const KEEP_DELIVERED = 200;

export function deliveryId(job: string, scheduledAt: string, target: Target): string {
	return `${job}@${scheduledAt}/${target.platform}:${target.channel}`;
}

/** Oldest first, pending ones all kept, delivered ones trimmed to the newest KEEP_DELIVERED. */
export function trimDeliveries(all: Delivery[]): Delivery[] {
	const delivered = all.filter((d) => d.status === "delivered");
	const drop = new Set(delivered.slice(0, Math.max(0, delivered.length - KEEP_DELIVERED)).map((d) => d.id));
	return all.filter((d) => !drop.has(d.id));
}
