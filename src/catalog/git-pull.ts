// `git pull --ff-only` in the catalog's checkout, without a shell: a scheduled job commits price
// refreshes upstream and every replica fast-forwards to them. Never merges, never prompts.
import { execFile } from "node:child_process";

type PullResult = { ok: true; updated: boolean; head: string } | { ok: false; error: string };

const GIT_TIMEOUT_MS = 60_000;

function git(cwd: string, args: string[]): Promise<{ ok: true; stdout: string } | { ok: false; error: string }> {
	return new Promise((resolve) => {
		execFile(
			"git",
			args,
			{ cwd, timeout: GIT_TIMEOUT_MS, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } },
			(error, stdout, stderr) => {
				if (error) resolve({ ok: false, error: (stderr || error.message).trim().split("\n").slice(-3).join(" ") });
				else resolve({ ok: true, stdout: stdout.trim() });
			},
		);
	});
}

/** Fast-forwards the checkout that holds `dir`; `updated` says whether HEAD moved. */
export async function gitPull(dir: string): Promise<PullResult> {
	const before = await git(dir, ["rev-parse", "HEAD"]);
	if (!before.ok) return before;
	const pull = await git(dir, ["pull", "--ff-only", "--quiet"]);
	if (!pull.ok) return pull;
	const after = await git(dir, ["rev-parse", "HEAD"]);
	if (!after.ok) return after;
	return { ok: true, updated: after.stdout !== before.stdout, head: after.stdout };
}
