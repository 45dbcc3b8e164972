// Scheduled posts go out through the same renderers as command answers: Block Kit for Slack, an
// embed for Discord (src/render/), so a price post looks like the rest of the bot's cards.
import type { Reply } from "../chat/reply.js";
import { type BlockKitMessage, type BlockKitOptions, renderBlockKit } from "../render/blockkit.js";
import { embedOf } from "../render/embed.js";

/** `image`: an image block linking the post's chart (PUBLIC_URL). */
export const slackMessage = (reply: Reply, image: BlockKitOptions["image"] = null): BlockKitMessage =>
	renderBlockKit(reply, { locale: "en", image });

export const discordMessage = (reply: Reply) => embedOf(reply, "en");
