// State shared by replicas in Redis (REDIS_URL): the baseline snapshot, the deliveries (a hash, plus
// a set of the pending ids), the price history (a hash of offers, a hash of feeds and a revision counter,
// written together in one MULTI per feed read), and claims taken with SET NX PX so that one replica runs
// each job.
import { hostname } from "node:os";
import { createClient } from "redis";
import type { PriceSnapshot } from "../catalog/price-snapshot.js";
import type { Logger } from "../log.js";
import type { FeedState, OfferHistory, PriceHistoryData } from "../prices/history.js";
import { type ClaimOptions, claimOwner, type Delivery, ownerIsDead, type StateStore } from "./state.js";

/** Deletes a key only while it holds the given value (a claim released by its owner only). */
const DELETE_IF_OWNER = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

const CONNECT_TIMEOUT_MS = 5000;

const makeClient = (url: string) =>
	createClient({
		url,
		socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
	});
type Client = ReturnType<typeof makeClient>;

export async function openRedisState(url: string, log: Logger, prefix = "gpufit:"): Promise<RedisState> {
	const client = makeClient(url);
	// Without a listener a dropped connection would crash the process; node-redis reconnects by itself.
	client.on("error", (e: Error) => log.warn("redis error", { error: e.message }));
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`REDIS_URL: no connection within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
	});
	try {
		await Promise.race([client.connect(), timeout]);
	} catch (e) {
		client.destroy();
		throw e;
	} finally {
		clearTimeout(timer);
	}
	return new RedisState(client, prefix);
}

export class RedisState implements StateStore {
	readonly kind = "redis";
	readonly #snapshot: string;
	readonly #deliveries: string;
	readonly #pending: string;
	readonly #offers: string;
	readonly #feeds: string;
	readonly #revision: string;

	constructor(
		private readonly client: Client,
		private readonly prefix: string,
	) {
		this.#snapshot = `${prefix}prices:snapshot`;
		this.#deliveries = `${prefix}deliveries`;
		this.#pending = `${prefix}deliveries:pending`;
		this.#offers = `${prefix}prices:offers`;
		this.#feeds = `${prefix}prices:feeds`;
		this.#revision = `${prefix}prices:revision`;
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

	async release(key: string): Promise<void> {
		await this.client.eval(DELETE_IF_OWNER, {
			keys: [`${this.prefix}claim:${key}`],
			arguments: [claimOwner(hostname(), process.pid)],
		});
	}

	async lastSnapshot(): Promise<PriceSnapshot | null> {
		const text = await this.client.get(this.#snapshot);
		return text ? (JSON.parse(text) as PriceSnapshot) : null;
	}

	async commitPost(snapshot: PriceSnapshot, deliveries: Delivery[]): Promise<void> {
		const tx = this.client.multi().set(this.#snapshot, JSON.stringify(snapshot));
		for (const d of deliveries) tx.hSet(this.#deliveries, d.id, JSON.stringify(d)).sAdd(this.#pending, d.id);
		await tx.exec();
	}

	async deliveries(): Promise<Delivery[]> {
		const all = Object.values(await this.client.hGetAll(this.#deliveries)).map((t) => JSON.parse(t) as Delivery);
		return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
	}

	async pendingDeliveries(): Promise<Delivery[]> {
		const ids = await this.client.sMembers(this.#pending);
		if (ids.length === 0) return [];
		const texts = await this.client.hmGet(this.#deliveries, ids);
		return texts
			.filter((t): t is string => typeof t === "string")
			.map((t) => JSON.parse(t) as Delivery)
			.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
	}

	async updateDelivery(d: Delivery): Promise<void> {
		const tx = this.client.multi().hSet(this.#deliveries, d.id, JSON.stringify(d));
		if (d.status === "pending") tx.sAdd(this.#pending, d.id);
		else tx.sRem(this.#pending, d.id);
		await tx.exec();
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
		if (this.client.isOpen) await this.client.close();
	}
}
