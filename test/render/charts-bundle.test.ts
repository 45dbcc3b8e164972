// The charts stay out of what starts the program: in the bundle bin/gpufit.js runs (dist/bundle/gpufit, built
// by `npm run build` before the tests), no chunk that cli.js loads by static import holds ECharts or imports
// resvg; they are reached only through import() (createChartRenderer's first chart). resvg, a native add-on,
// is imported from node_modules, never bundled.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const bundle = new URL("../../dist/bundle/gpufit/", import.meta.url).pathname;

/** Relative chunks a minified chunk imports statically (`import{a}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`). */
function staticImports(code: string): string[] {
	const found: string[] = [];
	for (const m of code.matchAll(/(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.\/[^"']+)["']/g)) found.push(m[1]!);
	return found;
}

function closure(entry: string): Set<string> {
	const seen = new Set<string>();
	const todo = [entry];
	while (todo.length > 0) {
		const file = todo.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		for (const next of staticImports(readFileSync(join(bundle, file), "utf8"))) todo.push(next.slice(2));
	}
	return seen;
}

const CHART_ENGINE = /from\s*["']@resvg\/resvg-js["']|renderToSVGString/;

describe.runIf(existsSync(join(bundle, "cli.js")))("chart engine in the shipped bundle", () => {
	it("is not loaded at start: no statically imported chunk holds it", () => {
		const started = closure("cli.js");
		expect(started.size).toBeGreaterThan(1);
		for (const file of started) expect(CHART_ENGINE.test(readFileSync(join(bundle, file), "utf8")), file).toBe(false);
	});

	it("leaves resvg to node_modules (its native add-on is never bundled)", () => {
		for (const file of readdirSync(bundle)) {
			const code = readFileSync(join(bundle, file), "utf8");
			expect(code.includes("resvgjs.linux-x64-gnu.node"), file).toBe(false);
			expect(code.includes("@resvg/resvg-js-linux-x64-gnu"), file).toBe(false);
		}
	});
});
