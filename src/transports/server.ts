// One HTTP listener for everything: /healthz, and each enabled platform's path. On SIGTERM or SIGINT it stops
// accepting, lets the requests in flight and the answers still to send (follow-ups) finish within
// SHUTDOWN_GRACE_MS, stops the background work, and exits 0 (serveUntilSignalled).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve as resolvePath, sep } from "node:path";
import type { CatalogError } from "../catalog/errors.js";
import { CatalogStore } from "../catalog/store.js";
import { type FollowupPolicy, Followups } from "../chat/followup.js";
import type { CommandRegistry } from "../chat/pipeline.js";
import { type Config, readConfig } from "../config.js";
import { createLogger, type Logger } from "../log.js";
import { createChartRenderer } from "../render/charts/index.js";
import { type Background, startBackground } from "../schedule/background.js";
import { type BufferedRequest, bodyProblem, readBody } from "./body.js";
import { CHARTS_PREFIX, serveChart } from "./chart-route.js";
import { discordPlatform } from "./discord/index.js";
import { hubClient } from "./hub.js";
import type { PlatformContext, PlatformFactory, PlatformRoute } from "./routes.js";
import { slackPlatform } from "./slack/index.js";

const PLATFORMS: PlatformFactory[] = [slackPlatform, discordPlatform];

/** Slow or idle clients are cut: headers within 5 s, the whole request within 10 s, idle sockets after 15 s. */
export const DEFAULT_TIMEOUTS = { headersMs: 5_000, requestMs: 10_000, idleMs: 15_000, keepAliveMs: 5_000 };

/** Requests in flight past which the server is too busy for charts (the bench's 16 clients are; a channel is not). */
export const CHART_BUSY_REQUESTS = 4;
/**
 * Charts sent per second at most, all platforms together: ample for people asking in channels, and a bound on
 * what a flood of answers can spend on pictures (each costs a multipart upload, and a drawing when new).
 */
export const CHARTS_PER_SECOND = 10;
/** New charts drawn per second at most: each takes some 50 ms of this thread and the pool (docs/performance.md). */
export const CHART_DRAWS_PER_SECOND = 2;

/** What a shutdown did: whether everything in flight finished within the grace period. */
export interface Stopped {
	/** Requests and follow-ups still running when the grace period ended (cut). */
	abandoned: number;
	tookMs: number;
}

export interface RunningServer {
	url: string;
	server: Server;
	store: CatalogStore;
	routes: PlatformRoute[];
	/** Catalog reloader and scheduled posts. */
	background: Background;
	/** Requests in flight and answers still to send. */
	followups: Followups;
	log: Logger;
	/**
	 * Stops accepting, waits up to `graceMs` (default SHUTDOWN_GRACE_MS) for the requests in flight and their
	 * follow-ups, cuts what is left, then stops the background and the platforms. Called twice, the same promise.
	 */
	shutdown: (graceMs?: number) => Promise<Stopped>;
	/** A shutdown without grace (tests). */
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
	/** How follow-ups are retried (default chat/followup.ts DEFAULT_FOLLOWUP_POLICY; tests shorten it). */
	followup?: Partial<FollowupPolicy>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
	res.end(text);
}

/** An absolute path anywhere in a text: after a space, a quote or the start, not inside a URL or a relative path. */
const ABSOLUTE_PATH = /(?<![\w.:/~-])\/(?:[^\s'"`,;:()/]+\/)*[^\s'"`,;:()/]*/g;

/**
 * A catalog error as clients see it (/healthz): paths relative to the catalog directory, and no other absolute
 * path (a dangling link's target, a folder outside the catalog), which would tell strangers about the host.
 */
export function publicCatalogError(error: CatalogError | null, catalogDir: string): CatalogError | null {
	if (!error) return null;
	const roots = [...new Set([resolvePath(catalogDir), catalogDir.replace(/\/+$/, "")])].filter((r) => r !== "" && r !== ".");
	const clean = (text: string) => {
		let t = text;
		for (const root of roots) t = t.split(`${root}${sep}`).join("").split(root).join(".");
		return t.replace(ABSOLUTE_PATH, (p) => `…/${p.split("/").filter(Boolean).at(-1) ?? ""}`);
	};
	return { file: clean(error.file), entry: clean(error.entry), field: clean(error.field), message: clean(error.message) };
}

export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
	const env = options.env ?? process.env;
	const config = options.config ?? readConfig(env);
	const log = options.log ?? createLogger(env);
	const store: CatalogStore = options.store ?? (await CatalogStore.fromSnapshot(config.catalog.dir, config.catalog.cacheDir));
	const hub = hubClient(config);
	const followups = new Followups(log, options.followup);
	/** Responses not yet sent: told to close their connection when a shutdown starts. */
	const active = new Set<ServerResponse>();
	// One renderer for every platform: the engine loads on the first chart, never at start. Answers come first:
	// with more than CHART_BUSY_REQUESTS requests in flight, past CHARTS_PER_SECOND or CHART_DRAWS_PER_SECOND, no
	// chart is drawn or sent.
	const charts = config.charts.enabled
		? {
				renderer: createChartRenderer({
					log: (msg, fields) => log.warn(msg, fields),
					busy: () => active.size > CHART_BUSY_REQUESTS,
					maxPerSecond: CHARTS_PER_SECOND,
					maxDrawsPerSecond: CHART_DRAWS_PER_SECOND,
				}),
				publicUrl: config.charts.publicUrl,
			}
		: null;
	const ctx: PlatformContext = { config, store, log, hub, commands: options.commands, followups, charts };
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
	let draining = false;
	/** The price feeds' health, once the background has started them. */
	let priceFeeds: Background["priceFeeds"] = null;
	/** The state store's health (Redis reachable or not), once the background has opened it. */
	let state: Background["state"] | null = null;
	const handler = async (req: IncomingMessage, res: ServerResponse) => {
		(req as BufferedRequest).receivedAt = Date.now();
		// Counted until its response is done: a shutdown waits for it.
		active.add(res);
		followups.track(
			new Promise<void>((resolve) =>
				res.once("close", () => {
					active.delete(res);
					resolve();
				}),
			),
		);
		// A request that came over a kept-alive connection during a shutdown is answered, and the connection closed.
		if (draining) res.setHeader("connection", "close");
		const path = (req.url ?? "/").split("?")[0] ?? "/";
		if (req.method === "GET" && path === "/healthz") {
			const c = store.current();
			return sendJson(res, 200, {
				ok: true,
				catalog: { version: c.version, loadedAt: c.loadedAt },
				reloadError: publicCatalogError(store.reloadError(), config.catalog.dir),
				hub: hub.health(),
				...(priceFeeds ? { priceFeeds: priceFeeds.health() } : {}),
				...(state ? { state: state.health() } : {}),
				...(draining ? { shuttingDown: true } : {}),
			});
		}
		if (path.startsWith(CHARTS_PREFIX)) return serveChart(req, res, path, charts?.publicUrl ? charts.renderer : null);
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
	// The price posts link their charts through GET /charts when PUBLIC_URL is set: the route serves this renderer's.
	const background = await startBackground(config, store, log, charts?.renderer ?? null).catch((e) => {
		server.close();
		throw e;
	});
	priceFeeds = background.priceFeeds;
	state = background.state;

	let stopping: Promise<Stopped> | null = null;
	/** Without grace, the scheduled work still gets this long to finish what it is sending. */
	const NO_GRACE_BACKGROUND_MS = 1000;
	const shutdown = (graceMs = config.shutdownGraceMs): Promise<Stopped> => {
		stopping ??= (async () => {
			const started = Date.now();
			const deadline = started + graceMs;
			draining = true;
			for (const res of active) if (!res.headersSent) res.setHeader("connection", "close");
			if (graceMs > 0)
				log.info("shutting down: no new connections; finishing what is in flight", { graceMs, inFlight: followups.pending });
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeIdleConnections();
			// The scheduler stops starting runs at once; a run still waiting at the bound has its store cut under it.
			const backgroundClosed = background
				.close(graceMs > 0 ? deadline : started + NO_GRACE_BACKGROUND_MS)
				.catch((e: unknown) =>
					log.error("background did not stop cleanly", { error: e instanceof Error ? e.message : String(e) }),
				);
			const abandoned = await followups.drain(deadline);
			server.closeAllConnections();
			await closed;
			await backgroundClosed;
			for (const r of routes) await r.close?.().catch(() => {});
			const tookMs = Date.now() - started;
			if (abandoned > 0) log.warn("stopped; work cut at the end of the grace period", { abandoned, graceMs, tookMs });
			else if (graceMs > 0) log.info("stopped; everything in flight finished", { tookMs });
			return { abandoned, tookMs };
		})();
		return stopping;
	};

	return {
		url,
		server,
		store,
		routes,
		background,
		followups,
		log,
		shutdown,
		close: async () => {
			await shutdown(0);
		},
	};
}

/**
 * `gpufit serve`: runs the server until SIGTERM or SIGINT, then shuts down gracefully and resolves with the exit
 * code (0). The handlers are in place before the server starts: a signal during start-up stops it once it is up.
 * A repeated signal during the shutdown is noted and otherwise ignored: Ctrl-C under `npm start` reaches node
 * twice (from the terminal and forwarded by npm), and the grace period bounds the wait anyway.
 */
export async function serveUntilSignalled(options: ServeOptions = {}): Promise<number> {
	const log = options.log ?? createLogger(options.env ?? process.env);
	let received: NodeJS.Signals | null = null;
	let onFirst: (signal: NodeJS.Signals) => void = () => {};
	const onSignal = (signal: NodeJS.Signals) => {
		if (received) return log.info(`${signal} during the shutdown: still finishing (bounded by SHUTDOWN_GRACE_MS)`);
		received = signal;
		log.info(`${signal} received`);
		onFirst(signal);
	};
	process.on("SIGTERM", onSignal);
	process.on("SIGINT", onSignal);
	const running = await startServer({ ...options, log });
	await new Promise<void>((resolve) => {
		if (received) resolve();
		else onFirst = () => resolve();
	});
	const code = await running.shutdown().then(
		() => 0,
		(e: unknown) => {
			log.error("shutdown failed", { error: e instanceof Error ? e.message : String(e) });
			return 1;
		},
	);
	// Everything is closed; should a library still hold a timer or a socket, exit anyway.
	setTimeout(() => process.exit(code), 500).unref();
	return code;
}
