// One delivery of a post, sent at most once as far as the platforms let us know: a lease on the delivery keeps
// other runs and replicas off it while it is being sent (renewed while the send goes on, let go when the sender
// dies); the attempt is recorded before the send, so an attempt whose outcome is unknown (a timeout, a dropped
// connection, a 5xx, a crash mid-send) is "in doubt", and before sending it again the channel is asked whether
// it went out (Slack: the message metadata; Discord: the nonce, which Discord itself also enforces).
// Each call says whether the post went out through it, so that the run attaches the chart to exactly those.
import { pricePostReply } from "../../commands/prices.js";
import type { Reply } from "../chat/reply.js";
import type { Logger } from "../log.js";
import { takeLease } from "./lease.js";
import type { Senders } from "./senders.js";
import type { Delivery, StateStore } from "./state.js";

export interface DeliverDeps {
	state: StateStore;
	senders: Senders;
	log: Logger;
	/** How long a delivery's lease holds without renewal. */
	leaseMs: number;
}

/** The card a delivery sends: rendered from the post's facts (an older record holds the card itself). */
function deliveryReply(post: Delivery["post"]): Reply {
	return "headline" in post ? post : pricePostReply(post);
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A delivery as it stands after deliver(), and whether this call is what took it out. */
export interface Delivered {
	delivery: Delivery;
	/**
	 * True when this call sent the post, or found in the channel the post of an attempt in doubt (one that never
	 * came back, so its chart never went); false when it was out before, or is still pending.
	 */
	sent: boolean;
}

const unsent = (delivery: Delivery): Delivered => ({ delivery, sent: false });

/** Sends `delivery` unless it went out already or another replica is sending it; returns it as it stands after. */
export async function deliver(deps: DeliverDeps, delivery: Delivery): Promise<Delivered> {
	const { state, log } = deps;
	const sender = deps.senders[delivery.platform];
	if (!sender) {
		const next = { ...delivery, lastError: `no ${delivery.platform} token configured` };
		await state.updateDelivery(next);
		log.warn("price post not delivered; retried on the next run", { id: next.id, error: next.lastError });
		return unsent(next);
	}
	const lease = await takeLease(state, `delivery:${delivery.id}`, deps.leaseMs, log, { takeOverDead: true });
	if (!lease) {
		log.info("price post being sent by another run; left to it", { id: delivery.id });
		return unsent(delivery);
	}
	try {
		const current = (await state.delivery(delivery.id)) ?? delivery;
		if (current.status === "delivered") return unsent(current);
		if (current.inDoubt && sender.find) {
			let found: string | null;
			try {
				found = await sender.find(current.channel, current.id, new Date(current.createdAt));
			} catch (e) {
				const next = { ...current, lastError: `could not tell whether the last attempt went out: ${message(e)}` };
				await state.updateDelivery(next);
				log.warn("price post in doubt, not sent again until the channel can be read", { id: next.id, error: next.lastError });
				return unsent(next);
			}
			if (found !== null) {
				const next: Delivery = { ...current, status: "delivered", inDoubt: false, lastError: null, messageId: found };
				next.deliveredAt = new Date().toISOString();
				await state.updateDelivery(next);
				log.info("price post had gone out already; not sent again", { id: next.id, messageId: found });
				return { delivery: next, sent: true };
			}
		}
		if (lease.lost) return unsent(current);
		// Recorded before the send: a process killed during it leaves the delivery in doubt, not unsent.
		const trying: Delivery = { ...current, attempts: current.attempts + 1, inDoubt: true };
		await state.updateDelivery(trying);
		let next: Delivery;
		try {
			const messageId = await sender.send(trying.channel, deliveryReply(trying.post), trying.id);
			next = { ...trying, status: "delivered", inDoubt: false, lastError: null, messageId };
			next.deliveredAt = new Date().toISOString();
		} catch (e) {
			next = { ...trying, inDoubt: !sender.notSent?.(e), lastError: message(e) };
		}
		await state.updateDelivery(next);
		if (next.status === "delivered") log.info("price post delivered", { id: next.id, messageId: next.messageId });
		else
			log.warn("price post not delivered; retried on the next run", {
				id: next.id,
				error: next.lastError,
				inDoubt: next.inDoubt,
			});
		return { delivery: next, sent: next.status === "delivered" };
	} finally {
		await lease.release();
	}
}
