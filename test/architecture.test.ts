// The import-graph check (`npm run deps`, part of `npm test`) passes on the code as it is, and fails on each kind
// of forbidden arrow: a small tree of the same rooms, with one wrong import at a time, cruised with the same rules.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = new URL("..", import.meta.url).pathname;
const CONFIG = join(ROOT, ".dependency-cruiser.cjs");
const DEPCRUISE = join(ROOT, "node_modules", ".bin", "depcruise");

/** Each room's files, importing only what the rules allow. */
const ALLOWED: Record<string, string> = {
	"src/core/types.ts": 'import type { Gpu } from "../catalog/types.js";\nexport type Verdict = "fits";\nexport type G = Gpu;\n',
	"src/core/size.ts": 'import type { Verdict } from "./types.js";\nexport const v: Verdict = "fits";\n',
	"src/catalog/types.ts": "export interface Gpu { id: string }\n",
	"src/parse/grammar.ts": 'import { v } from "../core/size.js";\nexport const parse = () => v;\n',
	"src/chat/reply.ts": 'import type { Verdict } from "../core/types.js";\nexport type Reply = { verdict: Verdict };\n',
	"src/chat/pipeline.ts": 'import { run } from "../../commands/fit.js";\nexport const answer = run;\n',
	"commands/fit.ts":
		'import { parse } from "../src/parse/grammar.js";\nimport type { Reply } from "../src/chat/reply.js";\nexport const run = (): Reply => ({ verdict: parse() });\n',
	"commands/options.ts": 'export const OPTION = { model: "model" };\n',
	"src/render/text.ts": 'import type { Reply } from "../chat/reply.js";\nexport const text = (r: Reply) => r.verdict;\n',
	"src/transports/slack/answer.ts":
		'import { answer } from "../../chat/pipeline.js";\nimport { text } from "../../render/text.js";\nexport const slack = () => text(answer());\n',
	"src/transports/discord/answer.ts":
		'import { answer } from "../../chat/pipeline.js";\nimport { OPTION } from "../../../commands/options.js";\nexport const discord = () => [answer(), OPTION];\n',
	"src/transports/cli.ts":
		'import { slack } from "./slack/answer.js";\nimport { discord } from "./discord/answer.js";\nexport const main = () => [slack(), discord()];\n',
};

/** One wrong arrow each, and the rule that must name it. */
const FORBIDDEN: [string, string, string, string][] = [
	[
		"render imports the parser",
		"render-knows-only-the-reply",
		"src/render/hint.ts",
		'import { parse } from "../parse/grammar.js";\nexport const h = parse;\n',
	],
	[
		"core imports a command",
		"rooms-below-commands",
		"src/core/up.ts",
		'import { run } from "../../commands/fit.js";\nexport const u = run;\n',
	],
	[
		"core imports the catalog's code",
		"core-knows-only-catalog-types",
		"src/core/load.ts",
		'import { G } from "../catalog/load.js";\nexport const l = G;\n',
	],
	[
		"a command imports the chat pipeline",
		"commands-below-chat",
		"commands/up.ts",
		'import { answer } from "../src/chat/pipeline.js";\nexport const a = answer;\n',
	],
	[
		"a command imports a renderer",
		"commands-below-chat",
		"commands/draw.ts",
		'import { text } from "../src/render/text.js";\nexport const t = text;\n',
	],
	[
		"the chat layer imports a transport",
		"no-transport-imports",
		"src/chat/up.ts",
		'import { slack } from "../transports/slack/answer.js";\nexport const s = slack;\n',
	],
	[
		"the scheduler imports a transport",
		"no-transport-imports",
		"src/schedule/post.ts",
		'import { discord } from "../transports/discord/answer.js";\nexport const d = discord;\n',
	],
	[
		"Slack imports Discord",
		"platforms-apart",
		"src/transports/slack/both.ts",
		'import { discord } from "../discord/answer.js";\nexport const b = discord;\n',
	],
	[
		"a transport answers without the pipeline",
		"transports-answer-through-chat",
		"src/transports/direct.ts",
		'import { run } from "../../commands/fit.js";\nexport const r = run;\n',
	],
];

const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tree(extra: Record<string, string> = {}): string {
	const dir = mkdtempSync(join(tmpdir(), "gpufit-deps-"));
	dirs.push(dir);
	const files = { ...ALLOWED, ...extra, "src/catalog/load.ts": "export const G = 1;\n" };
	for (const [file, text] of Object.entries(files)) {
		mkdirSync(dirname(join(dir, file)), { recursive: true });
		writeFileSync(join(dir, file), text);
	}
	writeFileSync(
		join(dir, "tsconfig.json"),
		JSON.stringify({
			compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true },
			include: ["src", "commands"],
		}),
	);
	return dir;
}

interface Violation {
	from: string;
	to: string;
	rule: { name: string };
}

async function cruise(dir: string): Promise<{ code: number; violations: Violation[] }> {
	const args = ["src", "commands", "--config", CONFIG, "--output-type", "json"];
	try {
		const { stdout } = await run(DEPCRUISE, args, { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
		return { code: 0, violations: JSON.parse(stdout).summary.violations };
	} catch (e) {
		const err = e as { code: number; stdout: string };
		return { code: err.code, violations: JSON.parse(err.stdout).summary.violations };
	}
}

describe("the import-graph check", () => {
	it("passes the repository as it is", async () => {
		const r = await cruise(ROOT);
		expect(r.violations).toEqual([]);
		expect(r.code).toBe(0);
	});

	it("passes a tree whose arrows all go one way", async () => {
		const r = await cruise(tree());
		expect(r.violations).toEqual([]);
		expect(r.code).toBe(0);
	});

	it("fails on each forbidden arrow, naming the rule", async () => {
		const dir = tree(Object.fromEntries(FORBIDDEN.map(([, , file, text]) => [file, text])));
		// As `npm run deps` runs it: a non-zero exit, which stops `npm test`.
		const failed = await run(DEPCRUISE, ["src", "commands", "--config", CONFIG], { cwd: dir }).then(
			() => 0,
			(e: { code: number }) => e.code,
		);
		expect(failed).not.toBe(0);
		const r = await cruise(dir);
		const found = new Set(r.violations.map((v) => `${v.from} ${v.rule.name}`));
		for (const [what, rule, file] of FORBIDDEN) expect(found.has(`${file} ${rule}`), what).toBe(true);
	});
});
