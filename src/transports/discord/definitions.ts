// The slash commands as Discord sees them, defined once with discord.js's builders (@discordjs/builders,
// the package discord.js re-exports them from). Registration sends these (register.ts); the handlers read
// the same option names (commands/options.ts, commands/request-text.ts).
import { SlashCommandBuilder, type SlashCommandOptionsOnlyBuilder, type SlashCommandStringOption } from "@discordjs/builders";
import { OPTION } from "../../../commands/options.js";
import { ENGINES } from "../../core/engines.js";
import { FORMATS, KV_BYTES } from "../../core/formats.js";
import { ENGINE_IDS } from "../../core/types.js";
import { MAX_USERS } from "../../parse/numbers.js";

export { OPTION };

const precisionChoices = [
	{ name: "native (as published)", value: "native" },
	...Object.entries(FORMATS).map(([value, f]) => ({ name: f.label, value })),
];
const engineChoices = ENGINE_IDS.map((id) => ({ name: ENGINES[id].label, value: id }));
const kvChoices = Object.keys(KV_BYTES).map((k) => ({ name: k.toUpperCase(), value: k }));

const modelOption = (o: SlashCommandStringOption) =>
	o.setName(OPTION.model).setDescription("Model id or alias, e.g. deepseek-r1").setRequired(true).setAutocomplete(true);

function addSizingOptions(b: SlashCommandOptionsOnlyBuilder): SlashCommandOptionsOnlyBuilder {
	return b
		.addStringOption((o) =>
			o
				.setName(OPTION.precision)
				.setDescription("Weight format (default: the checkpoint as published)")
				.addChoices(...precisionChoices),
		)
		.addStringOption((o) =>
			o
				.setName(OPTION.context)
				.setDescription("Tokens per request, e.g. 32k (default: the model's full context)")
				.setMaxLength(16),
		)
		.addIntegerOption((o) =>
			o.setName(OPTION.users).setDescription("Concurrent requests (default 1)").setMinValue(1).setMaxValue(MAX_USERS),
		)
		.addStringOption((o) =>
			o
				.setName(OPTION.engine)
				.setDescription("Inference engine (default vLLM)")
				.addChoices(...engineChoices),
		);
}

export const fitCommand = addSizingOptions(
	new SlashCommandBuilder()
		.setName("fit")
		.setDescription("Does a model fit on this hardware?")
		.setDescriptionLocalizations({ "zh-CN": "模型能否放进这些 GPU？", "zh-TW": "模型能否放進這些 GPU？" })
		.addStringOption(modelOption)
		.addStringOption((o) =>
			o
				.setName(OPTION.hardware)
				.setDescription("GPUs, e.g. 16x H100 or 2x8 H200")
				.setRequired(true)
				.setAutocomplete(true)
				.setMaxLength(100),
		),
).addStringOption((o) =>
	o
		.setName(OPTION.kv)
		.setDescription("KV cache format (default: the engine's)")
		.addChoices(...kvChoices),
);

export const recommendCommand = addSizingOptions(
	new SlashCommandBuilder()
		.setName("recommend")
		.setDescription("The cheapest GPU setups that fit a model")
		.setDescriptionLocalizations({ "zh-CN": "能放下模型的最便宜配置", "zh-TW": "能放下模型的最便宜配置" })
		.addStringOption(modelOption),
).addStringOption((o) =>
	o
		.setName(OPTION.price)
		.setDescription("Rank by rental (per hour) or purchase price (default rent)")
		.addChoices({ name: "rent", value: "rent" }, { name: "buy", value: "buy" }),
);

export const compareCommand = new SlashCommandBuilder()
	.setName("compare")
	.setDescription("Setups side by side for one model")
	.setDescriptionLocalizations({ "zh-CN": "并排比较几种配置", "zh-TW": "並排比較幾種配置" })
	.addStringOption(modelOption)
	.addStringOption((o) =>
		o
			.setName(OPTION.setups)
			.setDescription("GPUs separated by vs, e.g. 8x H200 vs 16x H100 vs 16x H20")
			.setRequired(true)
			.setMaxLength(300),
	)
	.addStringOption((o) => o.setName(OPTION.context).setDescription("Tokens per request, e.g. 32k").setMaxLength(16))
	.addIntegerOption((o) =>
		o.setName(OPTION.users).setDescription("Concurrent requests (default 1)").setMinValue(1).setMaxValue(MAX_USERS),
	);

const listCommand = (name: "gpus" | "models", description: string, zh: string) =>
	new SlashCommandBuilder()
		.setName(name)
		.setDescription(description)
		.setDescriptionLocalizations({ "zh-CN": zh, "zh-TW": zh })
		.addStringOption((o) => o.setName(OPTION.filter).setDescription("Only names containing this, e.g. h100").setMaxLength(100));

export const gpusCommand = listCommand("gpus", "List the GPUs in the catalog", "列出目录中的 GPU");
export const modelsCommand = listCommand("models", "List the models in the catalog", "列出目录中的模型");

/** /help: how to ask, in the options Discord shows (the commands, their options, examples to run). */
export const helpCommand = new SlashCommandBuilder()
	.setName("help")
	.setDescription("How to ask gpufit: the commands, their options and examples")
	.setDescriptionLocalizations({ "zh-CN": "怎样提问：命令、选项和示例", "zh-TW": "怎樣提問：命令、選項和示例" });

export const DISCORD_COMMANDS = [fitCommand, recommendCommand, compareCommand, gpusCommand, modelsCommand, helpCommand];

/** What registration sends: the builders' JSON, nothing added. */
export function commandDefinitions() {
	return DISCORD_COMMANDS.map((c) => c.toJSON());
}
