// Discord's embed limits, written out here from Discord's documentation (not imported from the code
// under test), and a check that names every limit an embed breaks.
import type { APIEmbed } from "discord.js";

export function embedViolations(e: APIEmbed): string[] {
	const out: string[] = [];
	const len = (s: string | undefined) => s?.length ?? 0;
	if (len(e.title) > 256) out.push(`title ${len(e.title)} > 256`);
	if (len(e.description) > 4096) out.push(`description ${len(e.description)} > 4096`);
	if ((e.fields?.length ?? 0) > 25) out.push(`${e.fields?.length} fields > 25`);
	for (const [i, f] of (e.fields ?? []).entries()) {
		if (len(f.name) === 0 || len(f.name) > 256) out.push(`field ${i} name ${len(f.name)} not in 1..256`);
		if (len(f.value) === 0 || len(f.value) > 1024) out.push(`field ${i} value ${len(f.value)} not in 1..1024`);
	}
	if (len(e.footer?.text) > 2048) out.push(`footer ${len(e.footer?.text)} > 2048`);
	const total =
		len(e.title) +
		len(e.description) +
		(e.fields ?? []).reduce((n, f) => n + len(f.name) + len(f.value), 0) +
		len(e.footer?.text) +
		len(e.author?.name);
	if (total > 6000) out.push(`total ${total} > 6000`);
	return out;
}

/** Every text of an embed, one after another. */
export const embedText = (e: APIEmbed): string =>
	[e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].filter(Boolean).join("\n");
