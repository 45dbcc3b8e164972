// The real server (startServer) as the end-to-end tests run it: on 127.0.0.1 at a port the system picks.
import type { CatalogStore } from "../../src/catalog/store.js";
import { createLogger } from "../../src/log.js";
import { type RunningServer, type ServeOptions, startServer } from "../../src/transports/server.js";

/** Starts it with `env` over `store`; its log lines go to `lines` (nowhere when none). `more`: the test's own options. */
export function serveOnLoopback(
	env: Record<string, string>,
	store: CatalogStore,
	lines?: string[],
	more: Omit<ServeOptions, "env" | "store" | "log" | "port" | "host"> = {},
): Promise<RunningServer> {
	return startServer({ ...more, env, store, port: 0, host: "127.0.0.1", log: createLogger(env, (l) => lines?.push(l)) });
}
