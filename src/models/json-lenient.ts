// JSON.parse that also takes the bare Infinity, -Infinity and NaN tokens Python's json.dumps writes:
// some config.json files on the Hugging Face hub contain them (nvidia/Nemotron-H-56B-Base-8K's
// time_step_limit ends in a bare Infinity), and a strict parser would refuse a valid model.

/** Parses JSON text, accepting bare `Infinity`, `-Infinity` and `NaN` outside strings; throws a SyntaxError naming the problem. */
export function parseLenientJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch (strictError) {
		// The common case costs one parse; only text that has the words at all is scanned.
		if (!/Infinity|NaN/.test(text)) throw invalid(strictError);
		const { rewritten, nanMarker } = rewriteBareTokens(text);
		try {
			if (nanMarker === null) return JSON.parse(rewritten);
			return JSON.parse(rewritten, (_key, value: unknown) => (value === nanMarker ? Number.NaN : value));
		} catch (lenientError) {
			throw invalid(lenientError);
		}
	}
}

function invalid(error: unknown): SyntaxError {
	return new SyntaxError(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Outside strings, `Infinity` becomes `1e999  ` (JSON.parse reads it as Infinity; padded so error
 * positions stay where they were) and `NaN` becomes a marker string that no string in the text can
 * equal, turned back into NaN by the reviver. Strings are copied untouched. A
 * word run on (`Infinityx`) stays invalid either way, so no boundary check is needed.
 */
function rewriteBareTokens(text: string): { rewritten: string; nanMarker: string | null } {
	let marker = "";
	do marker = `__gpufit_NaN_${Math.random().toString(36).slice(2)}__`;
	while (text.includes(marker));
	let nanMarker: string | null = null;
	const parts: string[] = [];
	let copiedTo = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === "\\") i++;
			else if (c === '"') inString = false;
		} else if (c === '"') {
			inString = true;
		} else if (c === "I" && text.startsWith("Infinity", i)) {
			parts.push(text.slice(copiedTo, i), "1e999   ");
			i += 7;
			copiedTo = i + 1;
		} else if (c === "N" && text.startsWith("NaN", i)) {
			nanMarker = marker;
			parts.push(text.slice(copiedTo, i), JSON.stringify(marker));
			i += 2;
			copiedTo = i + 1;
		}
	}
	parts.push(text.slice(copiedTo));
	return { rewritten: parts.join(""), nanMarker };
}
