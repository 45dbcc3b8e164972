// The program as it ships, started as its own process (node bin/gpufit.js serve, npm start): waiting for it to
// listen, and what it wrote.
import type { ChildProcess } from "node:child_process";

export interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
	at: number;
}

export interface Spawned {
	url: string;
	child: ChildProcess;
	/** Everything it wrote to stdout and stderr so far. */
	log: () => string;
	exited: Promise<Exit>;
}

/** Resolves once a just-spawned server logs where it listens; rejects when it exits first or takes over 20 s. */
export function listening(child: ChildProcess): Promise<Spawned> {
	let output = "";
	const exited = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`serve did not listen within 20 s:\n${output}`)), 20_000);
		const read = (chunk: Buffer) => {
			output += chunk.toString("utf8");
			const url = /"msg":"listening","url":"([^"]+)"/.exec(output)?.[1];
			if (url) {
				clearTimeout(timer);
				resolve({ url, child, log: () => output, exited });
			}
		};
		child.stdout?.on("data", read);
		child.stderr?.on("data", read);
		void exited.then(({ code }) => reject(new Error(`serve exited with ${code}:\n${output}`)));
	});
}
