// A throwaway redis-server for the multi-replica tests: a free 127.0.0.1 port, no persistence,
// stopped at the end. Tests skip (saying why) only where no redis-server binary exists.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { connect, createServer } from "node:net";

export const redisServerMissing: string | null =
	spawnSync("redis-server", ["--version"]).error !== undefined
		? "no redis-server binary on PATH (apt-get install -y redis-server); the Redis tests are skipped"
		: null;

export interface RedisServer {
	url: string;
	port: number;
	/** SIGSTOP: the server keeps its connections and answers nothing (a hung Redis). */
	pause: () => void;
	/** SIGCONT: answers again. */
	resume: () => void;
	/** Writes refused (min-replicas-to-write 1 with no replica: NOREPLICAS), reads still answered; false undoes it. */
	refuseWrites: (on: boolean) => void;
	stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

function ping(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, "127.0.0.1");
		socket.setTimeout(500);
		socket.on("connect", () => socket.write("PING\r\n"));
		socket.on("data", (d) => {
			socket.destroy();
			resolve(d.toString().startsWith("+PONG"));
		});
		socket.on("error", () => resolve(false));
		socket.on("timeout", () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/** A redis-server on `port` (default: a free one). */
export async function startRedis(port?: number): Promise<RedisServer> {
	port ??= await freePort();
	const child: ChildProcess = spawn(
		"redis-server",
		["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
		{ stdio: "ignore" },
	);
	const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
	const deadline = Date.now() + 5000;
	while (!(await ping(port))) {
		if (Date.now() > deadline || child.exitCode !== null) {
			child.kill();
			throw new Error(`redis-server did not start on port ${port}`);
		}
		await new Promise((r) => setTimeout(r, 25));
	}
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		pause: () => child.kill("SIGSTOP"),
		resume: () => child.kill("SIGCONT"),
		// Synchronous (redis-cli), so that a stand-in's request predicate can set it before the request is answered.
		refuseWrites: (on) => {
			spawnSync("redis-cli", ["-p", String(port), "config", "set", "min-replicas-to-write", on ? "1" : "0"], {
				stdio: "ignore",
			});
		},
		stop: async () => {
			child.kill("SIGCONT");
			child.kill("SIGTERM");
			await exited;
		},
	};
}
