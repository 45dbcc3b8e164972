// Who may import whom (README "Architecture"): a request walks one way through the rooms, and `npm test` fails
// on an arrow that goes the other way. Run alone with `npm run deps`.
//
//   transports ──► chat ──► commands ──► core / parse / catalog / models
//        │           └─ reply model (src/chat/reply.ts) ◄── render, commands
//        └──► render
//
// Type-only imports count: "core knows only the catalog's types" is about them.

/** The chat layer's reply model: what renderers and commands may know of the chat layer. */
const REPLY_MODEL = "^src/chat/reply\\.ts$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: "no-transport-imports",
			comment: "Nothing imports a transport except the entry point (bin/gpufit.js runs src/transports/cli.ts).",
			severity: "error",
			from: { pathNot: "^src/transports/" },
			to: { path: "^src/transports/" },
		},
		{
			name: "platforms-apart",
			comment: "Slack and Discord share the chat layer, never each other's code.",
			severity: "error",
			from: { path: "^src/transports/(slack|discord)/" },
			to: { path: "^src/transports/(slack|discord)/", pathNot: "^src/transports/$1/" },
		},
		{
			name: "transports-answer-through-chat",
			comment:
				"Platforms decode requests and encode outcomes; answering is the chat pipeline's (only the commands' option names are shared).",
			severity: "error",
			from: { path: "^src/transports/" },
			to: { path: "^commands/", pathNot: "^commands/options\\.ts$" },
		},
		{
			name: "chat-below-transports",
			comment: "The chat layer knows no platform, renderer or scheduler.",
			severity: "error",
			from: { path: "^src/chat/" },
			to: { path: "^src/(transports|render|schedule)/" },
		},
		{
			name: "reply-model-is-a-leaf",
			comment: "The reply model (types, locale, clip) depends on nothing but the core's verdict type.",
			severity: "error",
			from: { path: REPLY_MODEL },
			to: { path: "^(src|commands)/", pathNot: "^src/core/types\\.ts$" },
		},
		{
			name: "commands-below-chat",
			comment:
				"Commands build the neutral reply (the reply model) and call the core; they know no pipeline, platform or renderer.",
			severity: "error",
			from: { path: "^commands/" },
			to: { path: "^src/(chat|transports|render|schedule)/|^src/config\\.ts$", pathNot: REPLY_MODEL },
		},
		{
			name: "rooms-below-commands",
			comment:
				"core, parse, catalog, models and prices (the price feeds' parsing, history and overlay) answer commands; they never reach up into them or the chat layer.",
			severity: "error",
			from: { path: "^src/(core|parse|catalog|models|prices)/" },
			to: { path: "^commands/|^src/(chat|transports|render|schedule)/|^src/config\\.ts$" },
		},
		{
			name: "core-is-pure",
			comment: "The core imports nothing but its own files and the catalog's types: no I/O, no packages.",
			severity: "error",
			from: { path: "^src/core/" },
			to: { pathNot: "^src/(core|catalog)/" },
		},
		{
			name: "core-knows-only-catalog-types",
			comment: "Of the catalog, the core knows the types only (type-only imports).",
			severity: "error",
			from: { path: "^src/core/" },
			to: { path: "^src/catalog/", dependencyTypesNot: ["type-only"] },
		},
		{
			name: "render-knows-only-the-reply",
			comment: "Renderers turn the reply model into Block Kit, embeds or text; they know nothing else of ours.",
			severity: "error",
			from: { path: "^src/render/" },
			to: { path: "^(src|commands)/", pathNot: `^src/render/|${REPLY_MODEL}` },
		},
		{
			name: "log-and-config-are-neutral",
			comment: "The logger and the configuration are read by every room, so they import none.",
			severity: "error",
			from: { path: "^src/(log|config)\\.ts$" },
			to: { path: "^(src|commands)/", pathNot: `^src/catalog/paths\\.ts$|${REPLY_MODEL}` },
		},
		{
			name: "no-unresolvable",
			comment: "An import that does not resolve is a typo or a missing dependency.",
			severity: "error",
			from: {},
			to: { couldNotResolve: true },
		},
	],
	options: {
		doNotFollow: { path: "node_modules" },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: "tsconfig.json" },
		enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
		reporterOptions: { text: { highlightFocused: true } },
	},
};
