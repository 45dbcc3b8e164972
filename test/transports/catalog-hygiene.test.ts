// What a client or a channel sees of the catalog's troubles (issue 15, failure 8): /healthz and the ops channel
// name files relative to CATALOG_DIR and never show an absolute path, whether a kind folder was removed or a
// file is a dangling link; and a reload that removes models or GPUs (a whole file deleted) is taken, but said
// once, with what went, in the log and to the ops channel.
import { mkdirSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCatalogStore } from "../../src/catalog/open.js";
import type { RunningServer } from "../../src/transports/server.js";
import { type TempCatalog, tempCatalog, waitFor } from "../catalog/temp-catalog.js";
import { serveOnLoopback } from "../support/loopback-server.js";
import { type SlackStandIn, startSlackStandIn } from "../support/slack-api.js";
import { postSigned, slashBody } from "../support/slack-sign.js";

const SECRET = "catalog-hygiene-secret-0001";
const OPS = "C0OPS";

let t: TempCatalog;
let slack: SlackStandIn;
let server: RunningServer;
const lines: string[] = [];

interface Health {
	catalog: { version: string };
	reloadError: { file: string; entry: string; field: string; message: string } | null;
}
const health = async (): Promise<Health> => (await (await fetch(`${server.url}/healthz`)).json()) as Health;
/** What the ops channel was sent, as text. */
const opsPosts = () =>
	slack.calls.filter((c) => c.method === "chat.postMessage" && c.params.channel === OPS).map((c) => JSON.stringify(c.params));

beforeAll(async () => {
	t = tempCatalog();
	slack = await startSlackStandIn();
	const env = {
		CATALOG_DIR: t.dir,
		CATALOG_RELOAD_DEBOUNCE_MS: "20",
		GPUFIT_STATE_DIR: join(t.root, "state"),
		SLACK_SIGNING_SECRET: SECRET,
		SLACK_BOT_TOKEN: "xoxb-catalog-hygiene",
		SLACK_API_URL: slack.apiUrl,
		OPS_SLACK_CHANNEL: OPS,
		GPUFIT_RATE_LIMIT: "off",
	};
	server = await serveOnLoopback(env, openCatalogStore(t.dir), lines);
});

afterAll(async () => {
	await server.close();
	await slack.close();
	t.cleanup();
});

/** No absolute path of this machine: not the catalog's, not its parent's, not any under /tmp. */
function expectNoAbsolutePath(text: string): void {
	expect(text).not.toContain(t.root);
	expect(text).not.toMatch(/(^|[\s"'(])\/(tmp|var|home|private|work|root|Users)\//);
}

describe("paths in what clients and channels see", () => {
	it("a removed prices/ folder: reloadError names prices/, and neither /healthz nor the ops post shows where the catalog lives", async () => {
		const before = await health();
		renameSync(join(t.dir, "prices"), join(t.root, "prices-away"));
		const refused = await waitFor("the refusal on /healthz", async () => ((await health()).reloadError ? health() : null));
		expect(refused.reloadError).toMatchObject({ file: "prices/" });
		expect(refused.catalog.version).toBe(before.catalog.version);
		expectNoAbsolutePath(JSON.stringify(refused));
		const [post] = await waitFor("the ops post", () => (opsPosts().length ? opsPosts() : null));
		expect(post).toContain("prices/");
		expectNoAbsolutePath(post as string);
		renameSync(join(t.root, "prices-away"), join(t.dir, "prices"));
		await waitFor("the repaired catalog", async () => (await health()).reloadError === null);
	});

	it("a dangling link: reloadError names the link relative to the catalog, and not its target", async () => {
		const target = join(t.root, "elsewhere", "gone.yaml");
		mkdirSync(join(t.root, "elsewhere"), { recursive: true });
		symlinkSync(target, join(t.dir, "models", "dangling.yaml"));
		const refused = await waitFor("the refusal on /healthz", async () => {
			const h = await health();
			return h.reloadError?.file === "models/dangling.yaml" ? h : null;
		});
		expect(refused.reloadError?.message).toMatch(/does not exist/);
		expectNoAbsolutePath(JSON.stringify(refused));
		expectNoAbsolutePath(opsPosts().join("\n"));
		rmSync(join(t.dir, "models", "dangling.yaml"));
		await waitFor("the repaired catalog", async () => (await health()).reloadError === null);
	});
});

describe("a reload that removes models", () => {
	it("deleting models/deepseek.yaml is taken, said once to the log and the ops channel with the ids that went", async () => {
		const before = await health();
		const posted = opsPosts().length;
		const deepseek = server.store.current().models.filter((m) => m.id.startsWith("deepseek"));
		expect(deepseek.length).toBeGreaterThan(1);
		rmSync(join(t.dir, "models", "deepseek.yaml"));
		const after = await waitFor("the new version", async () => {
			const h = await health();
			return h.catalog.version !== before.catalog.version ? h : null;
		});
		expect(after.reloadError).toBeNull();
		const line = await waitFor("the log line", () => lines.find((l) => l.includes("catalog reload removed")));
		expect(line).toContain(`${deepseek.length} models`);
		for (const m of deepseek) expect(line).toContain(m.id);
		const removal = await waitFor("the ops post", () =>
			opsPosts()
				.slice(posted)
				.find((p) => p.includes("removed")),
		);
		expect(removal).toContain(`${deepseek.length} models`);
		for (const m of deepseek) expect(removal).toContain(m.id);
		expectNoAbsolutePath(removal);
		const answer = await postSigned(
			`${server.url}/slack/events`,
			SECRET,
			slashBody({ command: "/fit", text: "deepseek-r1 on 16x H100", response_url: slack.responseUrl("gone") }),
		);
		expect(JSON.stringify(answer.json)).toMatch(/[Uu]nknown model|not in the catalog|closest/);
		// Another edit that removes nothing says nothing more.
		const reloaded = () => lines.filter((l) => l.includes('"msg":"catalog reloaded"')).length;
		const count = lines.filter((l) => l.includes("catalog reload removed")).length;
		const reloads = reloaded();
		t.write("models/extra-note.yaml", "[]\n");
		await waitFor("another reload", () => reloaded() > reloads);
		await new Promise((r) => setTimeout(r, 100));
		expect(lines.filter((l) => l.includes("catalog reload removed")).length).toBe(count);
		expect(
			opsPosts()
				.slice(posted)
				.filter((p) => p.includes("removed")),
		).toHaveLength(1);
	});
});
