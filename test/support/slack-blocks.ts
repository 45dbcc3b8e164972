// Reading Block Kit in tests: Slack's published limits checked independently of the renderer's
// own constants, and the visible text of a card for searching.

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack would receive it
type Json = any;

/** Every limit a card breaks (Slack answers invalid_blocks for any of them); empty when it is valid. */
export function blockKitViolations(message: { blocks: Json[]; text?: string }): string[] {
	const bad: string[] = [];
	const blocks = message.blocks;
	if (blocks.length > 50) bad.push(`${blocks.length} blocks > 50`);
	blocks.forEach((b: Json, i: number) => {
		const at = `block ${i} (${b.type})`;
		const checkButton = (e: Json) => {
			if (e.type !== "button") return;
			if (e.text.text.length > 75) bad.push(`${at}: button text ${e.text.text.length} > 75`);
			if ((e.value ?? "").length > 2000) bad.push(`${at}: button value ${e.value.length} > 2000`);
			if (e.action_id.length > 255) bad.push(`${at}: action_id > 255`);
		};
		switch (b.type) {
			case "header":
				if (b.text.type !== "plain_text") bad.push(`${at}: header must be plain_text`);
				if (b.text.text.length > 150) bad.push(`${at}: header ${b.text.text.length} > 150`);
				break;
			case "section":
				if (!b.text && !b.fields) bad.push(`${at}: section without text or fields`);
				if (b.text && (b.text.text.length > 3000 || b.text.text.length === 0)) bad.push(`${at}: text ${b.text.text.length}`);
				if (b.fields) {
					if (b.fields.length > 10) bad.push(`${at}: ${b.fields.length} fields > 10`);
					for (const f of b.fields) if (f.text.length > 2000) bad.push(`${at}: field ${f.text.length} > 2000`);
				}
				if (b.accessory) checkButton(b.accessory);
				break;
			case "context":
				if (b.elements.length > 10) bad.push(`${at}: ${b.elements.length} elements > 10`);
				for (const e of b.elements) if (e.text.length > 3000) bad.push(`${at}: element ${e.text.length} > 3000`);
				break;
			case "actions":
				if (b.elements.length > 25) bad.push(`${at}: ${b.elements.length} elements > 25`);
				for (const e of b.elements) checkButton(e);
				break;
			case "divider":
				break;
			default:
				bad.push(`${at}: unexpected block type`);
		}
	});
	return bad;
}

/** The card's visible text, in block order, one block per line group. */
export function cardText(message: { blocks: Json[] }): string {
	const parts: string[] = [];
	for (const b of message.blocks) {
		if (b.text?.text) parts.push(b.text.text);
		for (const f of b.fields ?? []) parts.push(f.text);
		for (const e of b.elements ?? []) parts.push(e.text?.text ?? e.text ?? "");
		if (b.accessory?.text?.text) parts.push(b.accessory.text.text);
	}
	return parts.join("\n");
}

/** Every button on the card: its action id, label and value. */
export function buttons(message: { blocks: Json[] }): { actionId: string; text: string; value: string }[] {
	const out: { actionId: string; text: string; value: string }[] = [];
	for (const b of message.blocks) {
		const els = [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])];
		for (const e of els) if (e.type === "button") out.push({ actionId: e.action_id, text: e.text.text, value: e.value });
	}
	return out;
}

/** Slack mrkdwn escaping, written out again here so a renderer that forgets it is caught. */
export const mrkdwnEscaped = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
