// Bolt's App and receivers, required from the files Bolt's own index re-exports them from: the index also
// loads what gpufit never uses (the Express and AWS Lambda receivers, OAuth stores), into the bundle as much
// as at run time. Required rather than imported: Bolt is CommonJS, and Node's loader would otherwise parse
// its files for their export names (the unbundled build, as the tests run it). The paths are Bolt 5's build
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
