// The CLI's catalog for fit, recommend and compare: the curated prices with the newest fetched ones laid over them,
// from the state store `gpufit prices fetch` fills (GPUFIT_STATE_DIR, or Redis with REDIS_URL), through the same
// overlay as the server's live catalog (src/prices/overlay.ts). Without a stored history the curated prices stand.
import type { Catalog } from "../catalog/types.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { storedPricesOverlay } from "../prices/overlay.js";
import { openState } from "./background.js";

/** How long an answer waits for Redis (REDIS_URL) before it answers with the curated prices. */
const REDIS_WAIT_MS = 2000;

/** The catalog with the stored fetched prices over its own; the base itself when none are stored or readable. */
export async function withStoredPrices(
	base: Catalog,
	config: Pick<Config, "stateDir" | "redisUrl">,
	log: Logger,
): Promise<Catalog> {
	try {
		const state = await openState(config, log, REDIS_WAIT_MS);
		try {
			return storedPricesOverlay(await state.priceHistory())?.(base) ?? base;
		} finally {
			await state.close();
		}
	} catch (e) {
		// An answer from the curated prices beats no answer; the reason is on stderr.
		log.warn("stored prices not read: the catalog's own prices are used", {
			error: e instanceof Error ? e.message : String(e),
		});
		return base;
	}
}
