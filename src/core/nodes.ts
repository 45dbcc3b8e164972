/**
 * Spreads `count` GPUs over as few servers as the card's usual server allows, in equal shares:
 * 16 H100 (8 per server) -> 2x8; 20 A100 PCIe (10 per server) -> 2x10; 12 (8 per server) -> 2x6.
 */
export function nodeSplit(count: number, perServer: number): { nodes: number; gpusPerNode: number } {
	let nodes = Math.max(1, Math.ceil(count / perServer));
	while (count % nodes !== 0) nodes++;
	return { nodes, gpusPerNode: count / nodes };
}
