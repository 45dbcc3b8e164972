// CATALOG_GIT_PULL_INTERVAL: a replica fast-forwards its catalog checkout on the interval and
// serves the pushed edit (file watching is off here, so the pull alone must bring it in).
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { openCatalogStore } from "../../src/catalog/open.js";
import type { Price } from "../../src/catalog/types.js";
import type { RunningServer } from "../../src/transports/server.js";
import { CATALOG_DIR } from "../support/catalog.js";
import { serveOnLoopback } from "../support/loopback-server.js";
import { waitFor } from "./temp-catalog.js";

const noGit = spawnSync("git", ["--version"]).error !== undefined;
const IDENTITY = ["-c", "user.name=gpufit test", "-c", "user.email=test@example.invalid", "-c", "init.defaultBranch=main"];
const git = (cwd: string, ...args: string[]) => execFileSync("git", [...IDENTITY, ...args], { cwd, encoding: "utf8" }).trim();

let root: string | null = null;
let server: RunningServer | null = null;
afterEach(async () => {
	await server?.close();
	server = null;
	if (root) rmSync(root, { recursive: true, force: true });
	root = null;
});

describe.skipIf(noGit)("catalog git pull", () => {
	it("picks up a pushed price edit on the interval", async () => {
		root = mkdtempSync(join(tmpdir(), "gpufit-git-"));
		const origin = join(root, "origin.git");
		const author = join(root, "author");
		const replica = join(root, "replica");
		mkdirSync(origin);
		git(origin, "init", "--bare", "--quiet");
		git(root, "clone", "--quiet", origin, author);
		cpSync(CATALOG_DIR, join(author, "catalog"), { recursive: true });
		git(author, "add", ".");
		git(author, "commit", "--quiet", "-m", "catalog");
		git(author, "push", "--quiet", "origin", "HEAD:main");
		git(root, "clone", "--quiet", "--branch", "main", origin, replica);

		const dir = join(replica, "catalog");
		const env = { CATALOG_DIR: dir, CATALOG_WATCH: "off", CATALOG_GIT_PULL_INTERVAL: "0.1" };
		server = await serveOnLoopback(env, openCatalogStore(dir));
		const first = server.store.current();
		expect(first.version).toContain(`@${git(replica, "rev-parse", "HEAD").slice(0, 12)}`);

		const file = join(author, "catalog/prices/cloud-aws.yaml");
		const entries = parse(execFileSync("cat", [file], { encoding: "utf8" })) as Price[];
		const newUsd = Math.round((entries[0]!.usd + 1.11) * 100) / 100;
		entries[0]!.usd = newUsd;
		execFileSync("tee", [file], { input: stringify(entries), stdio: ["pipe", "ignore", "inherit"] });
		git(author, "commit", "--quiet", "-am", "price edit");
		git(author, "push", "--quiet", "origin", "HEAD:main");
		const head = git(author, "rev-parse", "HEAD").slice(0, 12);

		const pulled = await waitFor("the pushed commit to be served", () => {
			const c = server!.store.current();
			return c.version.endsWith(`@${head}`) ? c : null;
		});
		const edited = pulled.prices.find(
			(p) => p.gpu === entries[0]!.gpu && p.provider === entries[0]!.provider && p.instance === entries[0]!.instance,
		);
		expect(edited?.usd).toBe(newUsd);
	});
});
