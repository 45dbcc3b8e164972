// Bolt's App and receivers, required from the files Bolt's own index re-exports them from. Bolt is
// CommonJS: required rather than imported, Node's loader does not parse its files for their export names;
// and its index also loads what gpufit never uses (the Express and AWS Lambda receivers, OAuth stores).
// Together that halves Bolt's share of start-up (about 220 ms instead of 420). The paths are Bolt 5's build
// layout (dist/); tsc checks them against its type declarations, so an upgrade that moves them fails the build.
import { createRequire } from "node:module";

// Each call written out in full: the bundler (rolldown.config.js) turns exactly this form into a require it bundles.
const app = createRequire(import.meta.url)("@slack/bolt/dist/App.js") as typeof import("@slack/bolt/dist/App.js");
const http = createRequire(import.meta.url)(
	"@slack/bolt/dist/receivers/HTTPReceiver.js",
) as typeof import("@slack/bolt/dist/receivers/HTTPReceiver.js");
const socket = createRequire(import.meta.url)(
	"@slack/bolt/dist/receivers/SocketModeReceiver.js",
) as typeof import("@slack/bolt/dist/receivers/SocketModeReceiver.js");

export const App = app.default;
export const LogLevel = app.LogLevel;
export const HTTPReceiver = http.default;
export const SocketModeReceiver = socket.default;
