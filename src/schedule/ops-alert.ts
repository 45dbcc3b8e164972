// A refused catalog edit is posted to the ops channels once per distinct error (not on every
// retry of the same broken file); so is a reload that removes models or GPUs (valid, and taken, but requests
// naming them start to answer "unknown"), and a price feed that fails (price-fetch.ts), through the same
// postToOps. With Redis the claim makes it once across replicas too.
import { createHash } from "node:crypto";
import { type CatalogError, formatCatalogError } from "../catalog/errors.js";
import { describeIds, describeRemoved, type Removed, removedEntries } from "../catalog/removed.js";
import type { CatalogStore } from "../catalog/store.js";
import { emptyReply, type Reply } from "../chat/reply.js";
import type { Logger } from "../log.js";
import type { Senders } from "./senders.js";
import type { StateStore, Target } from "./state.js";

const SHOWN_ERRORS = 10;
const CLAIM_TTL_MS = 24 * 3600_000;

export function refusedEditReply(errors: CatalogError[], keptVersion: string): Reply {
	const reply = emptyReply(
		"list",
		"Catalog edit refused",
		`${errors.length} error${errors.length === 1 ? "" : "s"}; still serving catalog ${keptVersion}. Fix the file and the bot reloads by itself.`,
	);
	reply.fields = errors.slice(0, SHOWN_ERRORS).map((e) => ({ label: e.file, value: `${e.entry} · ${e.field}: ${e.message}` }));
	if (errors.length > SHOWN_ERRORS) reply.notes = [`…and ${errors.length - SHOWN_ERRORS} more (gpufit catalog check)`];
	return reply;
}

export function removedEntriesReply(removed: Removed, version: string): Reply {
	const reply = emptyReply(
		"list",
		"Catalog reload removed models or GPUs",
		`Catalog ${version} no longer has ${describeRemoved(removed)}: requests naming them now answer "unknown". If that was not meant, restore the file and the bot reloads by itself.`,
	);
	if (removed.models.length) reply.fields.push({ label: "Models removed", value: describeIds(removed.models, "model") });
	if (removed.gpus.length) reply.fields.push({ label: "GPUs removed", value: describeIds(removed.gpus, "GPU") });
	return reply;
}

/** Posts `reply` to every ops target, once per `claimKey` (across replicas too); failures are logged. */
export async function postToOps(
	state: StateStore,
	senders: Senders,
	targets: Target[],
	claimKey: string,
	reply: Reply,
	log: Logger,
	claimTtlMs = CLAIM_TTL_MS,
): Promise<boolean> {
	if (targets.length === 0) return false;
	if (!(await state.claim(claimKey, claimTtlMs))) return false;
	for (const t of targets) {
		const sender = senders[t.platform];
		if (!sender) continue;
		try {
			await sender.send(t.channel, reply);
			log.info("posted to ops", { key: claimKey, platform: t.platform, channel: t.channel });
		} catch (e) {
			log.warn("not posted to ops", { key: claimKey, channel: t.channel, error: e instanceof Error ? e.message : String(e) });
		}
	}
	return true;
}

export interface OpsAlerts {
	/** Waits for alerts being sent. */
	close: () => Promise<void>;
}

export function startOpsAlerts(
	store: CatalogStore,
	state: StateStore,
	senders: Senders,
	targets: Target[],
	log: Logger,
): OpsAlerts {
	let lastKey: string | null = null;
	const inFlight = new Set<Promise<void>>();
	/** The catalog of the last good reload, which a new one is compared with for removed entries. */
	let lastGood = store.base();
	const track = (p: Promise<unknown>) => {
		const tracked = p
			.then(() => {})
			.catch((e) => log.warn("ops alert failed", { error: e instanceof Error ? e.message : String(e) }))
			.finally(() => inFlight.delete(tracked));
		inFlight.add(tracked);
	};

	const alert = async (key: string, errors: CatalogError[], keptVersion: string) => {
		await postToOps(state, senders, targets, `catalog-error@${key}`, refusedEditReply(errors, keptVersion), log);
	};

	const unsubscribe = store.onReload((outcome) => {
		if (outcome.ok) {
			lastKey = null; // fixed: the same mistake made again later is news again
			const removed = outcome.changed ? removedEntries(lastGood, outcome.catalog) : null;
			lastGood = outcome.catalog;
			if (removed) {
				// Replicas reloading the same files compute the same key: one post between them.
				const text = [outcome.catalog.version, ...removed.models, "|", ...removed.gpus].join("\n");
				const key = createHash("sha256").update(text).digest("hex").slice(0, 16);
				const reply = removedEntriesReply(removed, outcome.catalog.version);
				track(postToOps(state, senders, targets, `catalog-removed@${key}`, reply, log));
			}
			return;
		}
		// The last good version is part of the key: after a fix and a new version, the same error alerts again.
		const text = [outcome.keptVersion, ...outcome.errors.map(formatCatalogError)].join("\n");
		const key = createHash("sha256").update(text).digest("hex").slice(0, 16);
		if (key === lastKey) return;
		lastKey = key;
		track(alert(key, outcome.errors, outcome.keptVersion));
	});

	return {
		close: async () => {
			unsubscribe();
			await Promise.all(inFlight);
		},
	};
}
