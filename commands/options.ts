// Option names, shared by the command definitions and the code that reads them. Kept apart from
// definitions.ts so that answering a request does not build (and validate) every command definition.
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
