// Slack's settings, from the configuration (src/config.ts, the contract's server table).
import type { Locale } from "../../chat/reply.js";
import type { Config } from "../../config.js";

export const SLACK_PATH = "/slack/events";

export interface SlackConfig {
	botToken: string;
	/** HTTP mode verifies every request with it; Socket Mode does not need it. */
	signingSecret: string | null;
	/** Set: Socket Mode (an outbound WebSocket, no public URL). */
	appToken: string | null;
	/** Bolt's `clientOptions.slackApiUrl`; undefined keeps Slack's own. */
	apiUrl: string | undefined;
	locale: Locale;
	/** How long after the request arrived an answer may still go inline in the acknowledgement. */
	ackBudgetMs: number;
	perMinute: number | null;
}

/** The configuration, or the line that says why Slack is off and how to turn it on. */
export function slackConfig(config: Config): SlackConfig | string {
	const { botToken, signingSecret, appToken } = config.slack;
	if (!botToken || (!signingSecret && !appToken)) {
		return `Slack disabled: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to serve /fit at POST ${SLACK_PATH} (or SLACK_BOT_TOKEN and SLACK_APP_TOKEN for Socket Mode)`;
	}
	return {
		botToken,
		signingSecret,
		appToken,
		apiUrl: config.slack.apiUrl ?? undefined,
		locale: config.locale,
		ackBudgetMs: config.slack.ackBudgetMs,
		perMinute: config.rateLimit,
	};
}
