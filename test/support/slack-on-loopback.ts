// Slack end-to-end tests' setting: a stand-in for Slack's Web API for the file, and servers on loopback signed with
// the test's secret and token, all closed when the file's tests are done.
import { afterAll } from "vitest";
import type { CatalogStore } from "../../src/catalog/store.js";
import type { RunningServer } from "../../src/transports/server.js";
import { serveOnLoopback } from "./loopback-server.js";
import { type SlackStandIn, startSlackStandIn } from "./slack-api.js";

export interface SlackOnLoopback {
	slack: SlackStandIn;
	/** Every server the file started, `serve`'s and the test's own: closed after its tests. */
	servers: RunningServer[];
	/** A server with Slack on against the stand-in (rate limit off); `extra` adds or overrides variables. */
	serve: (extra?: Record<string, string>) => Promise<RunningServer>;
}

/** Starts the stand-in (await it at the top of a test file); the servers' log lines go to `logLines`. */
export async function slackOnLoopback(options: {
	secret: string;
	botToken: string;
	store: CatalogStore;
	logLines: string[];
}): Promise<SlackOnLoopback> {
	const slack = await startSlackStandIn();
	const servers: RunningServer[] = [];
	afterAll(async () => {
		for (const s of servers) await s.close();
		await slack.close();
	});
	const serve = async (extra: Record<string, string> = {}) => {
		const env = {
			SLACK_SIGNING_SECRET: options.secret,
			SLACK_BOT_TOKEN: options.botToken,
			SLACK_API_URL: slack.apiUrl,
			GPUFIT_RATE_LIMIT: "off",
			...extra,
		};
		const server = await serveOnLoopback(env, options.store, options.logLines);
		servers.push(server);
		return server;
	};
	return { slack, servers, serve };
}
