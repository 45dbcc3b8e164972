// Slack's settings, from the environment only (the contract's server table).
import { type Locale, localeOf } from "../../chat/reply.js";
import { rateLimitFromEnv } from "../rate-limit.js";

export const SLACK_PATH = "/slack/events";

/** Slack waits 3 s for the HTTP answer; answering inline later than this goes through response_url instead. */
export const DEFAULT_ACK_BUDGET_MS = 2000;

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
	warnings: string[];
}

const set = (value: string | undefined) => (value && value.trim() !== "" ? value.trim() : null);

/** The configuration, or the line that says why Slack is off and how to turn it on. */
export function slackConfig(env: NodeJS.ProcessEnv): SlackConfig | string {
	const botToken = set(env.SLACK_BOT_TOKEN);
	const signingSecret = set(env.SLACK_SIGNING_SECRET);
	const appToken = set(env.SLACK_APP_TOKEN);
	if (!botToken || (!signingSecret && !appToken)) {
		return `Slack disabled: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to serve /fit at POST ${SLACK_PATH} (or SLACK_BOT_TOKEN and SLACK_APP_TOKEN for Socket Mode)`;
	}
	const warnings: string[] = [];
	const rate = rateLimitFromEnv(env);
	if (rate.warning) warnings.push(rate.warning);
	let ackBudgetMs = DEFAULT_ACK_BUDGET_MS;
	const rawBudget = set(env.SLACK_ACK_BUDGET_MS);
	if (rawBudget !== null) {
		if (/^\d+$/.test(rawBudget) && Number(rawBudget) < 3000) ackBudgetMs = Number(rawBudget);
		else warnings.push(`SLACK_ACK_BUDGET_MS="${rawBudget}" is not a whole number below 3000; using ${DEFAULT_ACK_BUDGET_MS}`);
	}
	return {
		botToken,
		signingSecret,
		appToken,
		apiUrl: set(env.SLACK_API_URL) ?? undefined,
		locale: localeOf(env.GPUFIT_LOCALE),
		ackBudgetMs,
		perMinute: rate.perMinute,
		warnings,
	};
}
