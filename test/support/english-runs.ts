// Runs of English words in a card meant for another language: three or more English words in a row are a
// sentence someone forgot to translate. Names, what people type and figures are not words here.

/** CJK text, full-width punctuation and the cards' separators end a run. */
const BREAKS = /([\u2E80-\u9FFF\u3000-\u303F\uFF00-\uFFEF·×|—•\n])/g;
/** A word: lower case, or capitalized (all-caps tokens are formats and acronyms: FP8, KV, MLA). */
const WORD = /^([a-z][a-z'’-]*|[A-Z][a-z'’-]+)$/;

/** Seconds ("0.13 s") and the "vs" people type between setups: neither count nor end a run. */
const SKIPPED = new Set(["s", "vs"]);

/**
 * The runs of three or more English words in `text`. Left out first: `code`, "quoted" and “quoted” text (commands
 * and requests), :emoji: codes, and `names` (models, GPUs, engines, providers: read as written; a name inside a run neither
 * counts nor ends it). Tokens with a digit (32K, 8x, $2.12/h) neither count nor end a run.
 */
export function englishRuns(text: string, names: readonly string[]): string[] {
	let t = text
		.replace(/`[^`]*`/g, " | ")
		.replace(/"[^"]*"/g, " | ")
		.replace(/“[^”]*”/g, " | ")
		.replace(/:[a-z_]+:/g, " | ");
	for (const name of names) t = t.split(name).join(" \u0000 ");
	const tokens = t
		.replace(BREAKS, " | ")
		.split(/[\s,;:()[\]]+/)
		.filter(Boolean);
	const runs: string[] = [];
	let run: string[] = [];
	const end = () => {
		if (run.length >= 3) runs.push(run.join(" "));
		run = [];
	};
	for (const token of tokens) {
		if (token === "\u0000" || /\d/.test(token) || SKIPPED.has(token)) continue;
		const word = token.replace(/[.!?]+$/, "");
		if (WORD.test(word)) run.push(word);
		else end();
		// A full stop ends the sentence.
		if (word !== token) end();
	}
	end();
	return runs;
}
