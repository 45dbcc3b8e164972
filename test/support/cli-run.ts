// The shipped program run as a user runs it: `node bin/gpufit.js ...`, with its exit code and both streams.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);
export const BIN = new URL("../../bin/gpufit.js", import.meta.url).pathname;

export interface CliRun {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs the CLI with `args` and, where given, extra environment variables. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
	try {
		const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
		return { code: 0, stdout, stderr };
	} catch (e) {
		const err = e as CliRun;
		return { code: err.code, stdout: err.stdout, stderr: err.stderr };
	}
}
