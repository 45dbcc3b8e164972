// How wide text shows in a monospace font or a narrow column: CJK and full-width characters take two columns.
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** Display columns of a text. */
export function displayWidth(text: string): number {
	let n = 0;
	for (const ch of text) n += WIDE.test(ch) ? 2 : 1;
	return n;
}

/** Text cut to `width` display columns (ending with "…" when cut), then padded with spaces to it. */
export function fitTo(text: string, width: number): string {
	let out = text;
	if (displayWidth(text) > width) {
		out = "";
		for (const ch of text) {
			if (displayWidth(`${out}${ch}`) > width - 1) break;
			out += ch;
		}
		out = `${out}…`;
	}
	return out + " ".repeat(Math.max(0, width - displayWidth(out)));
}
