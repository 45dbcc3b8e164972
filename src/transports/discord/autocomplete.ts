// Autocomplete for /fit and /recommend: models and GPUs from the catalog's name indexes (ids and
// aliases), at most 25 choices as Discord allows.

import { OPTION } from "../../../commands/options.js";
import type { Catalog, Gpu } from "../../catalog/types.js";
import { clip } from "../../chat/reply.js";
import { complete } from "../../parse/fuzzy.js";
import { MAX_GPUS } from "../../parse/numbers.js";

export interface Choice {
	name: string;
	value: string;
}

/** Discord's limits on autocomplete: 25 choices, 100 characters for a name and for a value. */
const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;

const choice = (name: string, value: string): Choice => ({
	name: clip(name, MAX_CHOICE_CHARS),
	value: value.slice(0, MAX_CHOICE_CHARS),
});

function modelChoices(catalog: Catalog, typed: string): Choice[] {
	const byId = new Map(catalog.models.map((m) => [m.id, m]));
	return complete(catalog.index.models, typed, MAX_CHOICES).map(({ name, id }) => {
		const model = byId.get(id);
		const label = model && model.name !== id ? `${id} · ${model.name}` : id;
		// Say which alias matched, so "r1" visibly leads to deepseek-r1.
		const alias = name !== id && name !== model?.name ? ` (${name})` : "";
		return choice(`${label}${alias}`, id);
	});
}

// "16x h1", "2x8 H200", "16xh100", "16 h100", "16卡 h1", "2台8卡 h2": the count as typed, and the GPU name
// being typed after it; "16", "16x" and "2x8" alone are counts still waiting for their GPU.
const COUNT_PREFIX = /^\s*(\d+)\s*(?:[x×*]|台|卡|张|块)\s*(?:(\d+)\s*(?:卡|张|块)?\s*)?(.*)$|^\s*(\d+)(?:\s+(.*))?$/i;

/** The counts offered for a GPU when none was typed: one server, two servers, one card. */
function usualCounts(gpu: Gpu): string[] {
	const per = gpu.gpusPerServer;
	return per > 1 ? [`${per}x`, `2x${per}`, "1x"] : ["1x", "2x", "4x"];
}

/** A count as the grammar writes it: "16x", or "2x8" for nodes x GPUs per node ("2台8卡"). */
function countOf(m: RegExpExecArray): { prefix: string; rest: string } {
	if (m[4] !== undefined) return { prefix: `${m[4]}x`, rest: m[5] ?? "" };
	const chineseNodes = /台/.test(m[0]) && m[2] !== undefined;
	const nodes = m[2] !== undefined && (chineseNodes || /[x×*]/i.test(m[0]));
	return { prefix: nodes ? `${m[1]}x${m[2]}` : `${m[1]}x`, rest: m[3] ?? "" };
}

function hardwareChoices(catalog: Catalog, typed: string): Choice[] {
	const gpus = new Map(catalog.gpus.map((g) => [g.id, g]));
	const m = COUNT_PREFIX.exec(typed);
	// "4090" alone is a GPU, not 4,090 of them.
	if (m && Number(m[1] ?? m[4]) <= MAX_GPUS) {
		const { prefix, rest } = countOf(m);
		const count = Number(m[1] ?? m[4]) * (prefix.includes("x") && !prefix.endsWith("x") ? Number(m[2]) : 1);
		// GPUs whose servers this count fills (or fits in) first: "16" offers 16x H100 before 16x RTX 4090.
		const fills = (id: string) => {
			const per = gpus.get(id)?.gpusPerServer ?? 1;
			return count <= per || count % per === 0 ? 0 : 1;
		};
		const found = complete(catalog.index.gpus, rest, gpus.size).sort((a, b) => fills(a.id) - fills(b.id));
		return found.slice(0, MAX_CHOICES).map(({ id }) => choice(`${prefix} ${gpus.get(id)?.name ?? id}`, `${prefix} ${id}`));
	}
	const out: Choice[] = [];
	for (const { id } of complete(catalog.index.gpus, typed, MAX_CHOICES)) {
		const gpu = gpus.get(id);
		if (!gpu) continue;
		for (const prefix of usualCounts(gpu)) out.push(choice(`${prefix} ${gpu.name}`, `${prefix} ${id}`));
	}
	return out.slice(0, MAX_CHOICES);
}

/** The choices for the option being typed; none for options without autocomplete. */
export function autocompleteChoices(catalog: Catalog, command: string, option: string, typed: string): Choice[] {
	if (option === OPTION.model && (command === "fit" || command === "recommend" || command === "compare"))
		return modelChoices(catalog, typed);
	if (option === OPTION.hardware && command === "fit") return hardwareChoices(catalog, typed);
	return [];
}
