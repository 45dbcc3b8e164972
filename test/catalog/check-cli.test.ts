// `gpufit catalog check [dir]`: exit 0 on a valid catalog; exit 1 with every error named by file,
// entry and field, however many files are broken.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { type TempCatalog, tempCatalog } from "./temp-catalog.js";

const run = promisify(execFile);
const BIN = new URL("../../bin/gpufit.js", import.meta.url).pathname;

async function check(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
	try {
		const { stdout, stderr } = await run(process.execPath, [BIN, "catalog", "check", dir]);
		return { code: 0, stdout, stderr };
	} catch (e) {
		const err = e as { code: number; stdout: string; stderr: string };
		return { code: err.code, stdout: err.stdout, stderr: err.stderr };
	}
}

let t: TempCatalog | null = null;
afterEach(() => {
	t?.cleanup();
	t = null;
});

describe("gpufit catalog check", () => {
	it("passes a valid catalog", async () => {
		t = tempCatalog();
		const r = await check(t.dir);
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/OK/);
	});

	it("reports every error with file, entry and field, and exits 1", async () => {
		t = tempCatalog();
		t.write("prices/cloud-aws.yaml", `${t.read("prices/cloud-aws.yaml")}\n- gpu: [unclosed\n`);
		t.editPrices("cloud-lambda.yaml", (entries) => {
			entries[0]!.usd = -1;
			entries[1]!.gpu = "no-such-gpu";
		});
		const lambda0 = "@lambda/";
		const r = await check(t.dir);
		expect(r.code).toBe(1);
		const lines = r.stderr.trim().split("\n");
		expect(lines.at(-1)).toBe("3 error(s)");
		expect(lines.some((l) => l.startsWith("prices/cloud-aws.yaml: ") && l.includes(": -: bad YAML"))).toBe(true);
		expect(lines.some((l) => l.startsWith("prices/cloud-lambda.yaml: ") && l.includes(lambda0) && l.includes(": usd: "))).toBe(
			true,
		);
		expect(lines.some((l) => l.startsWith("prices/cloud-lambda.yaml: no-such-gpu@lambda: gpu: unknown GPU"))).toBe(true);
	});
});
