// The Hugging Face hub client as the configuration says (HF_ENDPOINT, HF_TOKEN), its disk cache under the
// state directory: one for the CLI and one for the server.
import { join } from "node:path";
import type { Config } from "../config.js";
import { HubClient } from "../models/hub.js";

export function hubClient(config: Pick<Config, "hub" | "stateDir">): HubClient {
	return new HubClient({
		endpoint: config.hub.endpoint,
		token: config.hub.token ?? undefined,
		cacheDir: join(config.stateDir, "hub"),
	});
}
