// Slash-command options -> the request text of the grammar, so that Discord asks exactly what the CLI
// and Slack ask: `<model> [precision] on <hardware> [ctx N] [users N] [engine E] [kv K]`.
import { OPTION } from "./options.js";

export type OptionValue = string | number | boolean;
export type CommandOptions = Readonly<Record<string, OptionValue | undefined>>;

const word = (v: OptionValue | undefined): string | null => {
	if (v === undefined) return null;
	const s = String(v).trim();
	return s === "" ? null : s;
};

/** `[name value]` when the option is set, else nothing: the grammar's keyword form. */
const keyword = (name: string, v: OptionValue | undefined): string[] => {
	const w = word(v);
	return w === null ? [] : [name, w];
};

function fitText(o: CommandOptions): string {
	const model = word(o[OPTION.model]);
	if (model === null) return "";
	return [
		model,
		word(o[OPTION.precision]),
		"on",
		// "on 16x H100" typed into the hardware option would say "on" twice.
		(word(o[OPTION.hardware]) ?? "").replace(/^on\s+/i, ""),
		...keyword("ctx", o[OPTION.context]),
		...keyword("users", o[OPTION.users]),
		...keyword("engine", o[OPTION.engine]),
		...keyword("kv", o[OPTION.kv]),
	]
		.filter((w) => w !== null && w !== "")
		.join(" ");
}

function recommendText(o: CommandOptions): string {
	return [
		word(o[OPTION.model]),
		word(o[OPTION.precision]),
		...keyword("ctx", o[OPTION.context]),
		...keyword("users", o[OPTION.users]),
		...keyword("engine", o[OPTION.engine]),
		word(o[OPTION.price]),
	]
		.filter((w) => w !== null)
		.join(" ");
}

function compareText(o: CommandOptions): string {
	const model = word(o[OPTION.model]);
	const setups = word(o[OPTION.setups]);
	if (model === null || setups === null) return "";
	return [
		model,
		"on",
		setups.replace(/^on\s+/i, ""),
		...keyword("ctx", o[OPTION.context]),
		...keyword("users", o[OPTION.users]),
	].join(" ");
}

/** The text a command of the registry reads, built from a Discord command's options. */
export function requestText(command: string, options: CommandOptions): string {
	switch (command) {
		case "fit":
			return fitText(options);
		case "recommend":
			return recommendText(options);
		case "compare":
			return compareText(options);
		case "gpus":
		case "models":
			return word(options[OPTION.filter]) ?? "";
		default:
			return "";
	}
}
