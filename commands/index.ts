// The slash commands, one registration point: every transport answers through this table.
import type { Catalog } from "../src/catalog/types.js";
import type { Locale } from "../src/chat/reply.js";
import { compareHelp, runCompare } from "./compare.js";
import { runFit } from "./fit.js";
import { footerText } from "./footer.js";
import { runHelp } from "./help.js";
import { runGpus, runModels } from "./list.js";
import { recommendHelp, runRecommend } from "./recommend.js";
import type { CommandResult } from "./result.js";

export type CommandName = "fit" | "recommend" | "compare" | "gpus" | "models" | "help";

export interface CommandSpec {
	name: CommandName;
	description: string;
	/** `locale` changes the reply's words, never the JSON. */
	run: (catalog: Catalog, text: string, locale?: Locale) => CommandResult;
}

const isHelp = (text: string) => text.trim() === "" || /^(help|\?|帮助)$/i.test(text.trim());

export const COMMANDS: Record<CommandName, CommandSpec> = {
	fit: {
		name: "fit",
		description: "Does a model fit on this hardware? e.g. deepseek-r1 on 16x H100",
		run: (catalog, text, locale) => (isHelp(text) ? runHelp(footerText(catalog, locale), locale) : runFit(catalog, text, locale)),
	},
	recommend: {
		name: "recommend",
		description: "The cheapest GPU setups that fit a model, e.g. deepseek-r1 ctx 32k users 10",
		run: (catalog, text, locale) =>
			isHelp(text) ? recommendHelp(footerText(catalog, locale), locale) : runRecommend(catalog, text, locale),
	},
	compare: {
		name: "compare",
		description: "One model on several setups side by side, e.g. deepseek-r1 on 8x H200 vs 16x H100",
		run: (catalog, text, locale) =>
			isHelp(text) ? compareHelp(footerText(catalog, locale), locale) : runCompare(catalog, text, locale),
	},
	gpus: { name: "gpus", description: "List the GPUs in the catalog (optional filter)", run: runGpus },
	models: { name: "models", description: "List the models in the catalog (optional filter)", run: runModels },
	help: {
		name: "help",
		description: "How to ask gpufit",
		run: (catalog, _text, locale) => runHelp(footerText(catalog, locale), locale),
	},
};

export function findCommand(name: string): CommandSpec | null {
	const key = name.replace(/^\//, "").toLowerCase();
	return Object.hasOwn(COMMANDS, key) ? COMMANDS[key as CommandName] : null;
}
