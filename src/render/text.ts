// Terminal rendering of a reply: aligned, units spelled out, no colours needed.
import type { Locale, Reply, RunRequest, Verdict } from "../chat/reply.js";
import { barText } from "./bar.js";
import { uiStrings } from "./locale.js";

const MARK: Record<Verdict, string> = { fits: "[FITS]", tight: "[TIGHT]", "no-fit": "[NO FIT]" };

function table(columns: string[], rows: string[][]): string[] {
	const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? "").length)));
	const line = (cells: string[]) =>
		cells
			.map((c, i) => c.padEnd(widths[i] ?? 0))
			.join("  ")
			.trimEnd();
	return [line(columns), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

/** How the CLI runs a request: `gpufit fit "deepseek-r1 on 16x h100-sxm"`. */
const command = (run: RunRequest) => `gpufit ${run.command} "${run.text}"`;

/** `locale`: the language of the chrome around the reply's own text (section titles, the bar's legend). */
export function renderText(reply: Reply, locale: Locale = "en"): string {
	const ui = uiStrings(locale);
	const out: string[] = [];
	const mark = (v: Verdict) => (locale === "en" ? MARK[v] : `[${ui.verdict[v]}]`);
	out.push(reply.verdict ? `${mark(reply.verdict)} ${reply.title}` : reply.title);
	out.push(reply.headline);
	if (reply.fields.length || reply.bar || reply.table) out.push("");
	if (reply.fields.length) {
		const w = Math.max(...reply.fields.map((f) => f.label.length));
		for (const f of reply.fields) out.push(`  ${f.label.padEnd(w)}  ${f.value}`);
	}
	if (reply.bar)
		out.push(
			`  ${ui.perGpu.padEnd(Math.max(7, ...reply.fields.map((f) => f.label.length)))}  ${barText(reply.bar, ui.barOver)}  (${ui.barLegend})`,
		);
	if (reply.table) out.push(...table(reply.table.columns, reply.table.rows));
	if (reply.notes.length) {
		out.push("", `${ui.why}:`);
		for (const n of reply.notes) out.push(`  - ${n}`);
	}
	if (reply.suggestions.length) {
		const title = reply.kind === "error" ? ui.tryInstead : reply.kind === "help" ? ui.examples : ui.whatWouldChange;
		out.push("", `${title}:`);
		for (const s of reply.suggestions)
			out.push(s.run && s.run.text !== s.text ? `  - ${s.text}\n      ${command(s.run)}` : `  - ${s.text}`);
	}
	if (reply.example) out.push("", `${ui.example}: ${command(reply.example)}`);
	if (reply.footer) out.push("", reply.footer);
	return out.join("\n");
}
