// Names as people say them in a channel: "H100 SXM" for h100-sxm, "A100 80GB SXM" where the memory tells two
// cards apart, "RunPod" for runpod, "Lambda gpu_8x_h100_sxm5" for an instance.
import type { Catalog, Gpu } from "../catalog/types.js";

const PROVIDERS: Record<string, string> = {
	aws: "AWS",
	gcp: "GCP",
	azure: "Azure",
	lambda: "Lambda",
	runpod: "RunPod",
	vast: "Vast.ai",
	"vast.ai": "Vast.ai",
	nebius: "Nebius",
	fluidstack: "Fluidstack",
	cudo: "Cudo",
	hyperbolic: "Hyperbolic",
	hyperstack: "Hyperstack",
	primeintellect: "Prime Intellect",
	verda: "Verda",
	datacrunch: "DataCrunch",
	massedcompute: "Massed Compute",
	coreweave: "CoreWeave",
	tensorwave: "TensorWave",
	vultr: "Vultr",
	crusoe: "Crusoe",
	spheron: "Spheron",
	oci: "OCI",
	shadeform: "Shadeform",
};

/** "runpod" → "RunPod"; a name not listed keeps its own spelling, first letter raised. */
export function providerName(provider: string): string {
	return PROVIDERS[provider.toLowerCase()] ?? provider.charAt(0).toUpperCase() + provider.slice(1);
}

/** The marketing name without vendor, product line, form-factor generation or memory: "H100 SXM". */
function spoken(gpu: Gpu): string {
	return gpu.name
		.replace(/^(NVIDIA|AMD|Intel|Huawei|Apple)\s+(Instinct\s+|GeForce\s+|Tesla\s+)?/, "")
		.replace(/^Tesla\s+/, "")
		.replace(/\s*\(.*\)$/, "")
		.replace(/\bSXM\d\b/, "SXM")
		.replace(/\s+Generation$/, "")
		.replace(/\s+\d+\s?GB$/, "")
		.trim();
}

const spokenNames = new WeakMap<Catalog, Map<string, string>>();

/** Each GPU's name as people say it; where two cards would share one, the memory is added ("H20 96GB"). */
export function gpuSpokenName(catalog: Catalog, gpuId: string): string {
	let names = spokenNames.get(catalog);
	if (!names) {
		names = new Map();
		const counts = new Map<string, number>();
		for (const g of catalog.gpus) counts.set(spoken(g), (counts.get(spoken(g)) ?? 0) + 1);
		for (const g of catalog.gpus) {
			const s = spoken(g);
			const clash = (counts.get(s) ?? 0) > 1 && !/\d+\s?GB\b/.test(s);
			names.set(g.id, clash ? `${s} ${g.memory.nominalGB}GB` : s);
		}
		spokenNames.set(catalog, names);
	}
	return names.get(gpuId) ?? gpuId;
}
