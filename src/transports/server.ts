// One HTTP listener for everything: /healthz, and each enabled platform's path.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CatalogStore } from "../catalog/store.js";
import type { CommandRegistry } from "../chat/pipeline.js";
import { type Config, readConfig } from "../config.js";
import { createLogger, type Logger } from "../log.js";
import { type Background, startBackground } from "../schedule/background.js";
import { type BufferedRequest, bodyProblem, readBody } from "./body.js";
import { discordPlatform } from "./discord/index.js";
import { hubClient } from "./hub.js";
import type { PlatformContext, PlatformFactory, PlatformRoute } from "./routes.js";
import { slackPlatform } from "./slack/index.js";

const PLATFORMS: PlatformFactory[] = [slackPlatform, discordPlatform];

/** Slow or idle clients are cut: headers within 5 s, the whole request within 10 s, idle sockets after 15 s. */
export const DEFAULT_TIMEOUTS = { headersMs: 5_000, requestMs: 10_000, idleMs: 15_000, keepAliveMs: 5_000 };

export interface RunningServer {
	url: string;
	server: Server;
	store: CatalogStore;
	routes: PlatformRoute[];
	/** Catalog reloader and scheduled posts. */
	background: Background;
	close: () => Promise<void>;
}

export interface ServeOptions {
	/** The configuration read at start; default: read from `env`. */
	config?: Config;
	/** The environment (default process.env): the configuration's source, and the secrets the log redacts. */
	env?: NodeJS.ProcessEnv;
	store?: CatalogStore;
	log?: Logger;
	port?: number;
	host?: string;
	/** The platforms to mount (default Slack and Discord, each enabled by its variables). */
	platforms?: PlatformFactory[];
	/** The commands the platforms answer (default commands/index.ts; a test may hand in a slow one). */
	commands?: CommandRegistry;
	timeouts?: Partial<typeof DEFAULT_TIMEOUTS>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
	res.end(text);
}

export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
	const env = options.env ?? process.env;
	const config = options.config ?? readConfig(env);
	const log = options.log ?? createLogger(env);
	const store: CatalogStore = options.store ?? (await CatalogStore.fromSnapshot(config.catalog.dir, config.catalog.cacheDir));
	const hub = hubClient(config);
	const ctx: PlatformContext = { config, store, log, hub, commands: options.commands };
	const routes: PlatformRoute[] = [];
	for (const factory of options.platforms ?? PLATFORMS) {
		const route = await factory(ctx);
		if (typeof route === "string") log.info(route);
		else {
			routes.push(route);
			log.info(`${route.name} enabled at POST ${route.path}`);
		}
	}
	const byPath = new Map(routes.map((r) => [r.path, r]));
	const handler = async (req: IncomingMessage, res: ServerResponse) => {
		(req as BufferedRequest).receivedAt = Date.now();
		const path = (req.url ?? "/").split("?")[0] ?? "/";
		if (req.method === "GET" && path === "/healthz") {
			const c = store.current();
			return sendJson(res, 200, {
				ok: true,
				catalog: { version: c.version, loadedAt: c.loadedAt },
				reloadError: store.reloadError(),
				hub: hub.health(),
			});
		}
		const route = byPath.get(path);
		if (!route) return sendJson(res, 404, { ok: false, error: "not found" });
		if (req.method === "POST") {
			const read = await readBody(req);
			if (!read.ok) {
				res.setHeader("connection", "close");
				return sendJson(res, read.status, { ok: false, error: read.error });
			}
			const problem = bodyProblem(route.body, req.headers["content-type"], read.body);
			if (problem) return sendJson(res, 400, { ok: false, error: problem });
			(req as BufferedRequest).rawBody = read.body;
		}
		try {
			await route.handle(req, res);
		} catch (e) {
			log.error("handler failed", { route: route.name, error: e instanceof Error ? e.message : String(e) });
			if (!res.headersSent) sendJson(res, 500, { ok: false, error: "internal error" });
			else res.end();
		}
	};
	const t = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
	const server = createServer(
		{
			headersTimeout: t.headersMs,
			requestTimeout: t.requestMs,
			keepAliveTimeout: t.keepAliveMs,
			connectionsCheckingInterval: Math.min(1000, t.headersMs),
		},
		(req, res) =>
			void handler(req, res).catch((e: unknown) => {
				log.error("request failed", { error: e instanceof Error ? e.message : String(e) });
				if (!res.headersSent) sendJson(res, 500, { ok: false, error: "internal error" });
				else res.end();
			}),
	);
	server.setTimeout(t.idleMs, (socket) => socket.destroy());
	const port = options.port ?? config.port;
	const host = options.host ?? config.host;
	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(port, host, () => resolve());
	});
	const address = server.address() as AddressInfo;
	const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${address.port}`;
	log.info("listening", { url });
	const background = await startBackground(config, store, log).catch((e) => {
		server.close();
		throw e;
	});
	return {
		url,
		server,
		store,
		routes,
		background,
		close: async () => {
			await background.close();
			for (const r of routes) await r.close?.();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
