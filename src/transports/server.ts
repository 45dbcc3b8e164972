// One HTTP listener for everything: /healthz, and each enabled platform's path.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CatalogStore } from "../catalog/store.js";
import { type Background, startBackground } from "../schedule/background.js";
import { discordPlatform } from "./discord/index.js";
import { createLogger, type Logger } from "./log.js";
import type { PlatformContext, PlatformFactory, PlatformRoute } from "./routes.js";
import { slackPlatform } from "./slack/index.js";

const PLATFORMS: PlatformFactory[] = [slackPlatform, discordPlatform];

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
	env?: NodeJS.ProcessEnv;
	store?: CatalogStore;
	log?: Logger;
	port?: number;
	host?: string;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
	res.end(text);
}

export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
	const env = options.env ?? process.env;
	const log = options.log ?? createLogger(env);
	const store = options.store ?? CatalogStore.open(env.CATALOG_DIR ?? "catalog");
	const ctx: PlatformContext = { env, store, log };
	const routes: PlatformRoute[] = [];
	for (const factory of PLATFORMS) {
		const route = await factory(ctx);
		if (typeof route === "string") log.info(route);
		else {
			routes.push(route);
			log.info(`${route.name} enabled at POST ${route.path}`);
		}
	}
	const byPath = new Map(routes.map((r) => [r.path, r]));
	const handler = async (req: IncomingMessage, res: ServerResponse) => {
		const path = (req.url ?? "/").split("?")[0] ?? "/";
		if (req.method === "GET" && path === "/healthz") {
			const c = store.current();
			return sendJson(res, 200, {
				ok: true,
				catalog: { version: c.version, loadedAt: c.loadedAt },
				reloadError: store.reloadError(),
			});
		}
		const route = byPath.get(path);
		if (!route) return sendJson(res, 404, { ok: false, error: "not found" });
		try {
			await route.handle(req, res);
		} catch (e) {
			log.error("handler failed", { route: route.name, error: e instanceof Error ? e.message : String(e) });
			if (!res.headersSent) sendJson(res, 500, { ok: false, error: "internal error" });
			else res.end();
		}
	};
	const server = createServer((req, res) => void handler(req, res));
	const port = options.port ?? Number(env.PORT ?? 3000);
	const host = options.host ?? env.HOST ?? "0.0.0.0";
	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(port, host, () => resolve());
	});
	const address = server.address() as AddressInfo;
	const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${address.port}`;
	log.info("listening", { url });
	const background = await startBackground(env, store, log).catch((e) => {
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
