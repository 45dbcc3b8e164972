// What buying a whole setup costs, so that purchases compare like with like: servers the catalog prices as
// servers, and cards priced alone (or "systems" whose price is only their cards) with a stated host added.
// recommend ranks purchases by this; a fit card's cost stays what the catalog prices (core/cost.ts).
import type { Catalog, Gpu } from "../catalog/types.js";
import { memoPerOwner } from "./memo.js";

/** The host a card-priced setup needs, per server: CPUs, memory, chassis, power supplies, networking. */
export const HOST_BASE_USD = 3000;
export const HOST_PER_GPU_USD = 1500;

export const hostUsd = (gpusPerNode: number): number => HOST_BASE_USD + HOST_PER_GPU_USD * gpusPerNode;

export interface WholePurchase {
	/** The whole setup: servers, or cards and their hosts. */
	usd: number;
	/** "servers": the catalog's server prices; "cards+host": cards priced alone, with `hostUsd` added. */
	basis: "servers" | "cards+host";
	/** The hosts added to the cards, all servers together (0 for servers). */
	hostUsd: number;
}

interface Facts {
	/** A server of this size priced as a whole (not only its cards). */
	serverUsd: number | null;
	/** The cheapest card, or the card price a "system" of cards only stands for. */
	cardUsd: number | null;
}

const factsMemo = memoPerOwner<Catalog, string, Facts>();

function facts(catalog: Catalog, gpu: Gpu, gpusPerNode: number): Facts {
	return factsMemo(catalog, `${gpu.id}/${gpusPerNode}`, () => {
		const cards = catalog.prices.filter((p) => p.gpu === gpu.id && p.kind === "purchase").map((p) => p.usd);
		const card = cards.length ? Math.min(...cards) : null;
		const systems = catalog.systems
			.filter((s) => s.gpu === gpu.id && s.gpusPerNode === gpusPerNode && s.purchase.usd !== undefined)
			.map((s) => s.purchase.usd as number);
		// A "system" priced at its cards and no more (a 4x RTX 4090 box at 4 x the card) is cards, not a server;
		// a system-on-chip machine (DGX Spark, Mac Studio) is always the whole machine.
		const onlyCards = (usd: number) => gpu.formFactor !== "soc" && card !== null && usd <= card * gpusPerNode * 1.01;
		const servers = systems.filter((usd) => !onlyCards(usd));
		const cardsOnly = systems.filter(onlyCards);
		return {
			serverUsd: servers.length ? Math.min(...servers) : null,
			cardUsd: card ?? (cardsOnly.length ? Math.min(...cardsOnly) / gpusPerNode : null),
		};
	});
}

/** The purchase of a whole setup, or null when the catalog prices neither its servers nor its cards. */
export function wholePurchase(
	catalog: Catalog,
	gpu: Gpu,
	count: number,
	nodes: number,
	gpusPerNode: number,
): WholePurchase | null {
	const f = facts(catalog, gpu, gpusPerNode);
	if (f.serverUsd !== null) return { usd: f.serverUsd * nodes, basis: "servers", hostUsd: 0 };
	if (f.cardUsd === null) return null;
	const host = hostUsd(gpusPerNode) * nodes;
	return { usd: Math.round(f.cardUsd * count + host), basis: "cards+host", hostUsd: host };
}
