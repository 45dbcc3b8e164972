import type { IncomingMessage, ServerResponse } from "node:http";
import type { CatalogStore } from "../catalog/store.js";
import type { Followups } from "../chat/followup.js";
import type { CommandRegistry, HubLookup } from "../chat/pipeline.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import type { ChartRenderer } from "../render/charts/index.js";
import type { BodyFormat } from "./body.js";

/** A platform mounted on the shared listener: it owns one path and its own request handling. */
export interface PlatformRoute {
	name: string;
	path: string;
	/** The body the server reads and checks before `handle` (left on the request as `rawBody`). */
	body: BodyFormat;
	handle: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
	close?: () => Promise<void>;
}

export interface PlatformContext {
	config: Config;
	store: CatalogStore;
	log: Logger;
	/** Where models named by their Hugging Face id are read (HF_ENDPOINT). */
	hub: HubLookup | null;
	/** The commands answered (default commands/index.ts; tests hand in their own). */
	commands?: CommandRegistry;
	/**
	 * Answers sent after the acknowledgement (retried), and every piece of work that outlives its HTTP response:
	 * a graceful shutdown waits for what is counted here.
	 */
	followups: Followups;
	/** Charts beside the answers (one renderer for every platform, and GET /charts); null: GPUFIT_CHARTS=off. */
	charts: ChartDelivery | null;
}

export interface ChartDelivery {
	renderer: ChartRenderer;
	/** PUBLIC_URL: Slack cards link the chart at <publicUrl>/charts/<key>.png instead of uploading it. */
	publicUrl: string | null;
}

/** Returns the route when the platform's variables are set, else a line saying how to enable it. */
export type PlatformFactory = (ctx: PlatformContext) => Promise<PlatformRoute | string>;
