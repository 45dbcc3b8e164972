// The commands' option names, as Discord's slash commands declare them (transports/discord/definitions.ts) and
// as a request's options are read back into the grammar's text (request-text.ts). Kept apart from the
// definitions so that answering a request does not build every command definition.
export const OPTION = {
	model: "model",
	hardware: "hardware",
	setups: "setups",
	precision: "precision",
	context: "context",
	users: "users",
	engine: "engine",
	kv: "kv",
	price: "price",
	filter: "filter",
} as const;

export type OptionValue = string | number | boolean;

/** A command's options by name, as a platform that asks with options (Discord) decoded them. */
export type CommandOptions = Readonly<Record<string, OptionValue | undefined>>;
