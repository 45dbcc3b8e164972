// State shared by replicas in Redis (REDIS_URL): the baseline snapshot, the deliveries (a hash, plus
// a set of the pending ids), the price history (a hash of offers, a hash of feeds and a revision counter,
// written together in one MULTI per feed read), and claims taken with SET NX PX so that one replica runs
// each job. Redis is a dependency, not a single point of failure: the client connects (and reconnects) in the
// background, commands fail at once while it is away (no queue that would hang a run), and the server serves
// chat meanwhile. The last posted snapshot and the deliveries are mirrored in the embedded file store, so a
// Redis flushed or restarted without persistence gets its baseline and pending deliveries back.
import { hostname } from "node:os";
import { createClient } from "redis";
import type { PriceSnapshot } from "../catalog/price-snapshot.js";
import type { Logger } from "../log.js";
import type { FeedState, OfferHistory, PriceHistoryData } from "../prices/history.js";
import type { FileState } from "./file-state.js";
import { type ClaimOptions, claimOwner, type Delivery, ownerIsDead, type StateHealth, type StateStore } from "./state.js";

/** Deletes a key only while it holds the given value (a claim released by its owner only). */
const DELETE_IF_OWNER = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
/** Extends a key's expiry only while it holds the given value (a claim renewed by its owner only). */
const EXTEND_IF_OWNER =
	"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

const CONNECT_TIMEOUT_MS = 5000;

const makeClient = (url: string) =>
	createClient({
		url,
		disableOfflineQueue: true,
		socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
	});
type Client = ReturnType<typeof makeClient>;

export interface RedisStateOptions {
	/** The embedded store that keeps a copy of the baseline and the deliveries. */
	mirror?: FileState;
	/** How long to wait for the first connection (default 2 s); then the store opens anyway, and connects later. */
	waitMs?: number;
	/** Without a connection within waitMs, fail instead (the CLI). */
	required?: boolean;
	prefix?: string;
}

/** A server's first wait for Redis: enough for one that runs, short enough not to hold chat up. */
const FIRST_CONNECT_WAIT_MS = 2000;

export async function openRedisState(url: string, log: Logger, options: RedisStateOptions = {}): Promise<RedisState> {
	const client = makeClient(url);
	const state = new RedisState(client, options.prefix ?? "gpufit:", log, options.mirror ?? null);
	// Without a listener a dropped connection would crash the process; node-redis reconnects by itself.
	// One line per outage, one when it is back.
	client.on("error", (e: Error) => {
		if (state.down(e.message))
			log.warn("Redis unreachable; price posts wait for it (chat is served meanwhile)", { error: e.message });
	});
	client.on("ready", () => {
		if (state.up()) log.info("Redis reachable again; price posts resume");
	});
	const connected = client.connect();
	connected.catch(() => {}); // retried by the reconnect strategy; each failure is an "error" event
	const waitMs = options.waitMs ?? FIRST_CONNECT_WAIT_MS;
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<"late">((resolve) => {
		timer = setTimeout(() => resolve("late"), waitMs);
	});
	const first = await Promise.race([connected.then(() => "ready" as const), timeout]).finally(() => clearTimeout(timer));
	if (first === "late" && options.required) {
		client.destroy();
		throw new Error(`REDIS_URL: no connection within ${waitMs} ms`);
	}
	return state;
}

export class RedisState implements StateStore {
	readonly kind = "redis";
	readonly #snapshot: string;
	readonly #deliveries: string;
	readonly #pending: string;
	readonly #offers: string;
	readonly #feeds: string;
	readonly #revision: string;
	/** Unreachable since when, and why; null while connected. */
	#outage: { since: string; error: string } | null = { since: new Date().toISOString(), error: "connecting" };
	/** The takenAt of the snapshot last copied to the mirror. */
	#mirrored: string | null = null;

	constructor(
		private readonly client: Client,
		private readonly prefix: string,
		private readonly log: Logger,
		private readonly mirror: FileState | null = null,
	) {
		this.#snapshot = `${prefix}prices:snapshot`;
		this.#deliveries = `${prefix}deliveries`;
		this.#pending = `${prefix}deliveries:pending`;
		this.#offers = `${prefix}prices:offers`;
		this.#feeds = `${prefix}prices:feeds`;
		this.#revision = `${prefix}prices:revision`;
	}

	/** Notes an outage; true when it starts one (worth a log line). */
	down(error: string): boolean {
		const starts = this.#outage === null || this.#outage.error === "connecting";
		this.#outage = { since: this.#outage?.since ?? new Date().toISOString(), error };
		return starts;
	}

	/** Notes the connection back; true when it ends an outage that was logged. */
	up(): boolean {
		const was = this.#outage;
		this.#outage = null;
		return was !== null && was.error !== "connecting";
	}

	health(): StateHealth {
		if (this.client.isReady) return { kind: "redis", ok: true };
		return { kind: "redis", ok: false, error: this.#outage?.error ?? "not connected", since: this.#outage?.since };
	}

	async claim(key: string, ttlMs: number, options: ClaimOptions = {}): Promise<boolean> {
		const owner = claimOwner(hostname(), process.pid);
		const name = `${this.prefix}claim:${key}`;
		const take = async () =>
			(await this.client.set(name, owner, {
				condition: "NX",
				expiration: { type: "PX", value: Math.max(1, Math.round(ttlMs)) },
			})) === "OK";
		if (await take()) return true;
		if (!options.takeOverDead) return false;
		const holder = await this.client.get(name);
		if (holder === null || !ownerIsDead(holder, hostname())) return false;
		await this.client.eval(DELETE_IF_OWNER, { keys: [name], arguments: [holder] });
		return take();
	}

	async renew(key: string, ttlMs: number): Promise<boolean> {
		const renewed = await this.client.eval(EXTEND_IF_OWNER, {
			keys: [`${this.prefix}claim:${key}`],
			arguments: [claimOwner(hostname(), process.pid), String(Math.max(1, Math.round(ttlMs)))],
		});
		return renewed === 1;
	}

	async release(key: string): Promise<void> {
		await this.client.eval(DELETE_IF_OWNER, {
			keys: [`${this.prefix}claim:${key}`],
			arguments: [claimOwner(hostname(), process.pid)],
		});
	}

	/** A copy into the mirror: Redis holds the truth, so a mirror that cannot be written is logged, not fatal. */
	async #toMirror(write: (mirror: FileState) => Promise<void>): Promise<void> {
		if (!this.mirror) return;
		try {
			await write(this.mirror);
		} catch (e) {
			this.log.warn("state file (Redis's mirror) not written; a Redis flush would lose what it misses", {
				error: e instanceof Error ? e.message : String(e),
			});
		}
	}

	/**
	 * After a flush (no baseline in Redis) the mirror's baseline and pending deliveries go back in, unless another
	 * replica put them back first: the next run then posts the change since the last post instead of taking the
	 * prices of now as the baseline.
	 */
	async #restoreIfFlushed(): Promise<void> {
		if (!this.mirror || (await this.client.exists(this.#snapshot)) === 1) return;
		const snapshot = await this.mirror.lastSnapshot();
		if (!snapshot) return;
		const pending = await this.mirror.pendingDeliveries();
		const restored = await this.client.set(this.#snapshot, JSON.stringify(snapshot), { condition: "NX" });
		if (restored !== "OK") return;
		if (pending.length > 0) {
			const tx = this.client.multi();
			for (const d of pending) tx.hSetNX(this.#deliveries, d.id, JSON.stringify(d)).sAdd(this.#pending, d.id);
			await tx.exec();
		}
		this.#mirrored = snapshot.takenAt;
		this.log.warn("Redis had no price baseline (flushed, or restarted without persistence): restored from the state file", {
			takenAt: snapshot.takenAt,
			pending: pending.length,
		});
	}

	async lastSnapshot(): Promise<PriceSnapshot | null> {
		await this.#restoreIfFlushed();
		const text = await this.client.get(this.#snapshot);
		const snapshot = text ? (JSON.parse(text) as PriceSnapshot) : null;
		// Another replica moved the baseline: this one's mirror follows, so that it can restore the newest.
		if (snapshot && this.mirror && snapshot.takenAt !== this.#mirrored) {
			await this.#toMirror((m) => m.commitPost(snapshot, []));
			this.#mirrored = snapshot.takenAt;
		}
		return snapshot;
	}

	async commitPost(snapshot: PriceSnapshot, deliveries: Delivery[]): Promise<void> {
		const tx = this.client.multi().set(this.#snapshot, JSON.stringify(snapshot));
		for (const d of deliveries) tx.hSet(this.#deliveries, d.id, JSON.stringify(d)).sAdd(this.#pending, d.id);
		await tx.exec();
		await this.#toMirror((m) => m.commitPost(snapshot, deliveries));
		this.#mirrored = snapshot.takenAt;
	}

	async deliveries(): Promise<Delivery[]> {
		const all = Object.values(await this.client.hGetAll(this.#deliveries)).map((t) => JSON.parse(t) as Delivery);
		return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
	}

	async pendingDeliveries(): Promise<Delivery[]> {
		await this.#restoreIfFlushed();
		const ids = await this.client.sMembers(this.#pending);
		if (ids.length === 0) return [];
		const texts = await this.client.hmGet(this.#deliveries, ids);
		return texts
			.filter((t): t is string => typeof t === "string")
			.map((t) => JSON.parse(t) as Delivery)
			.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
	}

	async delivery(id: string): Promise<Delivery | null> {
		const text = await this.client.hGet(this.#deliveries, id);
		return text ? (JSON.parse(text) as Delivery) : null;
	}

	async updateDelivery(d: Delivery): Promise<void> {
		const tx = this.client.multi().hSet(this.#deliveries, d.id, JSON.stringify(d));
		if (d.status === "pending") tx.sAdd(this.#pending, d.id);
		else tx.sRem(this.#pending, d.id);
		await tx.exec();
		await this.#toMirror((m) => m.updateDelivery(d));
	}

	async priceHistory(): Promise<PriceHistoryData> {
		// One MULTI: the offers, the feeds and the revision as one commit left them.
		const [offers, feeds, revision] = (await this.client
			.multi()
			.hGetAll(this.#offers)
			.hGetAll(this.#feeds)
			.get(this.#revision)
			.exec()) as unknown as [Record<string, string>, Record<string, string>, string | null];
		const parse = <T>(hash: Record<string, string>) =>
			Object.fromEntries(Object.entries(hash).map(([k, v]) => [k, JSON.parse(v) as T]));
		return { revision: revision ?? "0", feeds: parse<FeedState>(feeds), offers: parse<OfferHistory>(offers) };
	}

	async priceRevision(): Promise<string> {
		return (await this.client.get(this.#revision)) ?? "0";
	}

	async commitPriceFeed(feed: FeedState, offers: OfferHistory[]): Promise<void> {
		const tx = this.client.multi().hSet(this.#feeds, feed.feed, JSON.stringify(feed));
		if (offers.length > 0) tx.hSet(this.#offers, Object.fromEntries(offers.map((o) => [o.key, JSON.stringify(o)])));
		tx.incr(this.#revision);
		await tx.exec();
	}

	async close(): Promise<void> {
		if (this.client.isReady) await this.client.close();
		else if (this.client.isOpen) this.client.destroy(); // still trying to connect: nothing to flush
		await this.mirror?.close();
	}

	/** Drops the connection: commands waiting on a Redis that stopped answering fail now instead of never. */
	closeNow(): void {
		if (this.client.isOpen) this.client.destroy();
	}
}
