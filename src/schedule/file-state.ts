// State in JSON files under GPUFIT_STATE_DIR, each replaced atomically (write a temporary file, fsync,
// rename): the posts' (price-posts.json) and the price history's (price-history.json, one write per feed
// read: a process stopped in the middle of a fetch leaves the last complete read), with claims as files
// created O_EXCL beside them. Chosen over SQLite (better-sqlite3): the
// state is a few kilobytes written a few times per post, and a native addon would need a prebuilt
// binary from GitHub or a compiler at `npm ci`, which the fresh-clone set-up (npm registry only)
// cannot promise. One process per state directory; several replicas share Redis instead.
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import type { PriceSnapshot } from "../catalog/price-snapshot.js";
import { emptyHistory, type FeedState, type OfferHistory, type PriceHistoryData } from "../prices/history.js";
import {
	type ClaimOptions,
	claimOwner,
	type Delivery,
	ownerIsDead,
	type StateHealth,
	type StateStore,
	trimDeliveries,
} from "./state.js";

interface FileData {
	version: 1;
	snapshot: PriceSnapshot | null;
	deliveries: Delivery[];
}

const STATE_FILE = "price-posts.json";
const HISTORY_FILE = "price-history.json";
const CLAIMS_DIR = "claims";

interface HistoryFile extends PriceHistoryData {
	version: 1;
}

const empty = (): FileData => ({ version: 1, snapshot: null, deliveries: [] });
const isMissing = (e: unknown) => (e as NodeJS.ErrnoException).code === "ENOENT";

async function writeAtomically(path: string, text: string): Promise<void> {
	const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
	const handle = await open(tmp, "w");
	try {
		await handle.writeFile(text);
		await handle.sync();
	} finally {
		await handle.close();
	}
	await rename(tmp, path);
}

const claimFile = (key: string) => `${key.replace(/[^A-Za-z0-9._-]+/g, "_")}.claim`;

export class FileState implements StateStore {
	readonly kind = "file";
	// Writes from this process run one after another; each reads the file afresh, so a new
	// store object on the same directory (a restart) sees everything the old one wrote.
	#queue: Promise<unknown> = Promise.resolve();

	constructor(readonly dir: string) {}

	#exclusive<T>(task: () => Promise<T>): Promise<T> {
		const run = this.#queue.then(task, task);
		this.#queue = run.catch(() => {});
		return run;
	}

	async #read(): Promise<FileData> {
		let text: string;
		try {
			text = await readFile(join(this.dir, STATE_FILE), "utf8");
		} catch (e) {
			if (isMissing(e)) return empty();
			throw e;
		}
		// A corrupt file is an error to look at, not an empty state to overwrite (that would repost).
		const data = JSON.parse(text) as FileData;
		if (data.version !== 1) throw new Error(`${join(this.dir, STATE_FILE)}: unknown state version ${String(data.version)}`);
		return data;
	}

	#update(change: (data: FileData) => void): Promise<void> {
		return this.#exclusive(async () => {
			const data = await this.#read();
			change(data);
			data.deliveries = trimDeliveries(data.deliveries);
			await mkdir(this.dir, { recursive: true });
			await writeAtomically(join(this.dir, STATE_FILE), `${JSON.stringify(data, null, "\t")}\n`);
		});
	}

	async claim(key: string, ttlMs: number, options: ClaimOptions = {}): Promise<boolean> {
		const dir = join(this.dir, CLAIMS_DIR);
		await mkdir(dir, { recursive: true });
		await this.#dropExpiredClaims(dir);
		const body = JSON.stringify({ key, owner: claimOwner(hostname(), process.pid), expiresAt: Date.now() + ttlMs });
		const path = join(dir, claimFile(key));
		for (let tries = 0; tries < 2; tries++) {
			try {
				const handle = await open(path, "wx");
				await handle.writeFile(body);
				await handle.close();
				return true;
			} catch (e) {
				if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
				if (!options.takeOverDead || tries > 0) return false;
				const owner = await this.#claimOwner(path);
				if (owner === null || !ownerIsDead(owner, hostname())) return false;
				await unlink(path).catch(() => {});
			}
		}
		return false;
	}

	async #claimOwner(path: string): Promise<string | null> {
		try {
			return (JSON.parse(await readFile(path, "utf8")) as { owner?: string }).owner ?? null;
		} catch {
			return null;
		}
	}

	async renew(key: string, ttlMs: number): Promise<boolean> {
		const path = join(this.dir, CLAIMS_DIR, claimFile(key));
		const owner = claimOwner(hostname(), process.pid);
		if ((await this.#claimOwner(path)) !== owner) return false;
		await writeAtomically(path, JSON.stringify({ key, owner, expiresAt: Date.now() + ttlMs }));
		return true;
	}

	health(): StateHealth {
		return { kind: "file", ok: true };
	}

	async release(key: string): Promise<void> {
		const path = join(this.dir, CLAIMS_DIR, claimFile(key));
		if ((await this.#claimOwner(path)) === claimOwner(hostname(), process.pid)) await unlink(path).catch(() => {});
	}

	async #dropExpiredClaims(dir: string): Promise<void> {
		for (const name of await readdir(dir)) {
			const path = join(dir, name);
			try {
				const { expiresAt } = JSON.parse(await readFile(path, "utf8")) as { expiresAt: number };
				if (expiresAt < Date.now()) await unlink(path);
			} catch {
				// Being written by another claimer, or already gone: not ours to judge now.
			}
		}
	}

	async lastSnapshot(): Promise<PriceSnapshot | null> {
		return (await this.#exclusive(() => this.#read())).snapshot;
	}

	commitPost(snapshot: PriceSnapshot, deliveries: Delivery[]): Promise<void> {
		return this.#update((data) => {
			data.snapshot = snapshot;
			const ids = new Set(deliveries.map((d) => d.id));
			data.deliveries = [...data.deliveries.filter((d) => !ids.has(d.id)), ...deliveries];
		});
	}

	async deliveries(): Promise<Delivery[]> {
		return (await this.#exclusive(() => this.#read())).deliveries;
	}

	async pendingDeliveries(): Promise<Delivery[]> {
		return (await this.deliveries()).filter((d) => d.status === "pending");
	}

	async delivery(id: string): Promise<Delivery | null> {
		return (await this.deliveries()).find((d) => d.id === id) ?? null;
	}

	/** Replaces the delivery, or adds it (a Redis replica's mirror may not have it yet). */
	updateDelivery(delivery: Delivery): Promise<void> {
		return this.#update((data) => {
			const known = data.deliveries.some((d) => d.id === delivery.id);
			data.deliveries = known
				? data.deliveries.map((d) => (d.id === delivery.id ? delivery : d))
				: [...data.deliveries, delivery];
		});
	}

	async #readHistory(): Promise<HistoryFile> {
		let text: string;
		try {
			text = await readFile(join(this.dir, HISTORY_FILE), "utf8");
		} catch (e) {
			if (isMissing(e)) return { version: 1, ...emptyHistory() };
			throw e;
		}
		const data = JSON.parse(text) as HistoryFile;
		if (data.version !== 1) throw new Error(`${join(this.dir, HISTORY_FILE)}: unknown state version ${String(data.version)}`);
		return data;
	}

	async priceHistory(): Promise<PriceHistoryData> {
		const { version: _, ...data } = await this.#exclusive(() => this.#readHistory());
		return data;
	}

	/** The history file's size and time of change: read without parsing it. */
	async priceRevision(): Promise<string> {
		try {
			const s = await stat(join(this.dir, HISTORY_FILE));
			return `${s.mtimeMs}:${s.size}`;
		} catch (e) {
			if (isMissing(e)) return "0";
			throw e;
		}
	}

	commitPriceFeed(feed: FeedState, offers: OfferHistory[]): Promise<void> {
		return this.#exclusive(async () => {
			const data = await this.#readHistory();
			data.feeds[feed.feed] = feed;
			for (const o of offers) data.offers[o.key] = o;
			data.revision = String(Number(data.revision) + 1);
			await mkdir(this.dir, { recursive: true });
			await writeAtomically(join(this.dir, HISTORY_FILE), `${JSON.stringify(data)}\n`);
		});
	}

	async close(): Promise<void> {
		await this.#queue;
	}

	/** Nothing to cut: a file write in progress finishes on its own. */
	closeNow(): void {}
}
