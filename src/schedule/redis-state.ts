// State shared by replicas in Redis (REDIS_URL): the baseline snapshot, the deliveries (a hash, plus
// a set of the pending ids), and claims taken with SET NX PX so that one replica runs each job.
import { hostname } from "node:os";
import { createClient } from "redis";
import type { PriceSnapshot } from "../catalog/price-snapshot.js";
import type { Logger } from "../log.js";
import type { Delivery, StateStore } from "./state.js";

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

	constructor(
		private readonly client: Client,
		private readonly prefix: string,
	) {
		this.#snapshot = `${prefix}prices:snapshot`;
		this.#deliveries = `${prefix}deliveries`;
		this.#pending = `${prefix}deliveries:pending`;
	}

	async claim(key: string, ttlMs: number): Promise<boolean> {
		const owner = `${hostname()}:${process.pid}`;
		const reply = await this.client.set(`${this.prefix}claim:${key}`, owner, {
			condition: "NX",
			expiration: { type: "PX", value: Math.max(1, Math.round(ttlMs)) },
		});
		return reply === "OK";
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

	async close(): Promise<void> {
		if (this.client.isOpen) await this.client.close();
	}
}
