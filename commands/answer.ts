// One command answered from a prepared catalog (hub-models.ts: a hub model fetched where the request names
// one), as the chat pipeline (src/chat/pipeline.ts) runs it for every platform.
import type { Catalog } from "../src/catalog/types.js";
import type { Locale } from "../src/chat/reply.js";
import { footerText } from "./footer.js";
import type { Prepared } from "./hub-models.js";
import type { CommandSpec } from "./index.js";
import { hubNoteText } from "./reason-words.js";
import { type CommandResult, errorResult } from "./result.js";

/** The command's result on the prepared catalog, with where a hub model's figures came from on the card. */
export function runPrepared(
	spec: CommandSpec,
	catalog: Catalog,
	prepared: Prepared,
	text: string,
	locale?: Locale,
): CommandResult {
	if (!prepared.ok) return errorResult(spec.name, prepared.error, footerText(catalog, locale), locale ?? "en");
	const result = spec.run(prepared.catalog, text, locale);
	if (prepared.notes.length === 0 || result.exitCode !== 0) return result;
	const said = prepared.notes.map((n) => hubNoteText(n, locale));
	const reply = { ...result.reply, notes: [...said, ...result.reply.notes] };
	const json = result.json;
	if (!("setups" in json || "notes" in json)) return { ...result, reply };
	const english = prepared.notes.map((n) => hubNoteText(n));
	return { ...result, json: { ...json, notes: [...english, ...(json.notes ?? [])] }, reply };
}
