// Scheduled posts go out through the same renderers as command answers: Block Kit for Slack, an
// embed for Discord (src/render/), so a price post looks like the rest of the bot's cards.
import type { Reply } from "../chat/reply.js";
import { type BlockKitMessage, renderBlockKit } from "../render/blockkit.js";
import { embedOf } from "../render/embed.js";

export const slackMessage = (reply: Reply): BlockKitMessage => renderBlockKit(reply, { locale: "en" });

export const discordMessage = (reply: Reply) => embedOf(reply, "en");
