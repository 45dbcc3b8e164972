// Slack at POST /slack/events (issue 3): on when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set, or
// through Socket Mode with SLACK_APP_TOKEN. Bolt (bolt.ts) is imported only then: it takes a third of a
// second and tens of megabytes, which a server without Slack should not pay.
import type { PlatformFactory } from "../routes.js";
import { slackConfig } from "./config.js";

export const slackPlatform: PlatformFactory = async (ctx) => {
	const config = slackConfig(ctx.config);
	if (typeof config === "string") return config;
	const { httpMode, socketMode } = await import("./bolt.js");
	if (config.appToken) return socketMode(ctx, config, config.appToken, ctx.log);
	return httpMode(ctx, config, config.signingSecret as string);
};
