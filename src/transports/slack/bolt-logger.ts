// Bolt and its Web API client log through our one-line JSON logger (which scrubs secrets).
import type { Logger as BoltLogger } from "@slack/bolt";
import { LogLevel } from "@slack/bolt";
import type { Logger } from "../../log.js";

const text = (parts: unknown[]) =>
	parts.map((p) => (p instanceof Error ? p.message : typeof p === "string" ? p : JSON.stringify(p))).join(" ");

export function boltLogger(log: Logger): BoltLogger {
	let name = "slack";
	return {
		// Bolt's debug lines describe every request; they would drown the log.
		debug: () => {},
		info: (...msg) => log.info(text(msg), { component: name }),
		warn: (...msg) => log.warn(text(msg), { component: name }),
		error: (...msg) => log.error(text(msg), { component: name }),
		setLevel: () => {},
		getLevel: () => LogLevel.INFO,
		setName: (n) => {
			name = n;
		},
	};
}
