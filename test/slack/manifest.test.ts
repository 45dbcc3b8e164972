// The Slack app manifest declares what the transport serves: the five slash commands and the
// buttons, all at POST /slack/events, with the scopes the bot uses.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parse } from "yaml";
import { findCommand } from "../../commands/index.js";

const manifest = parse(readFileSync(new URL("../../slack/manifest.yaml", import.meta.url), "utf8"));
const URL_ = "https://YOUR-HOST/slack/events";

it("declares /fit, /recommend, /gpus and /models at /slack/events", () => {
	const commands = manifest.features.slash_commands as { command: string; url: string }[];
	expect(commands.map((c) => c.command).sort()).toEqual(["/compare", "/fit", "/gpus", "/models", "/recommend"]);
	for (const c of commands) expect(c.url).toBe(URL_);
	// All but /recommend (being added to the registry separately) are answered by the registry today.
	for (const name of ["fit", "gpus", "models"]) expect(findCommand(name)).not.toBeNull();
});

it("sends button clicks to the same URL and asks only for the scopes it uses", () => {
	expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: URL_ });
	// files:write: an in-channel answer's chart is uploaded (filesUploadV2) unless PUBLIC_URL links it.
	// channels:history and groups:history: a price post in doubt is looked up with conversations.history before a resend.
	expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
		"channels:history",
		"chat:write",
		"commands",
		"files:write",
		"groups:history",
	]);
});
