import type { PlatformFactory } from "../routes.js";

/** Slack through @slack/bolt at POST /slack/events (issue 3). */
export const slackPlatform: PlatformFactory = async () =>
	"Slack disabled: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to serve /fit at POST /slack/events";
