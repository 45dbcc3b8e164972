// Slack's Block Kit limits (docs.slack.dev, "Blocks" and "Block elements" references), and the
// cutting that keeps a card inside them. Slack rejects a message that breaks any one of them
// (invalid_blocks), so the renderer cuts rather than hopes.
import { clip } from "../chat/reply.js";

export const SLACK_LIMITS = {
	blocksPerMessage: 50,
	sectionText: 3000,
	headerText: 150,
	fieldsPerSection: 10,
	fieldText: 2000,
	contextElements: 10,
	contextText: 3000,
	buttonText: 75,
	buttonValue: 2000,
	actionId: 255,
	imageAltText: 2000,
	/** The message's `text` is truncated by Slack after 40,000; notifications show far less. */
	fallbackText: 3000,
	/**
	 * Characters of a code block's line that Slack shows without wrapping it in the message column of a desktop
	 * client (about 72 of its monospace characters at the usual window width; not a Slack limit, a reading one).
	 */
	tableLineChars: 72,
} as const;

/**
 * Packs items (lines; an item may itself hold line breaks) into as few texts of at most
 * `maxChars` as possible, using at most `maxTexts` texts. Items that do not fit are counted and
 * the last text ends with `moreLine(count)` ("…and N more"). An item longer than a text is clipped.
 */
export function packLines(items: string[], maxChars: number, maxTexts: number, moreLine: (omitted: number) => string): string[] {
	const texts: string[][] = [[]];
	const size = (group: string[]) => group.reduce((n, item, i) => n + item.length + (i > 0 ? 1 : 0), 0);
	let used = 0;
	for (const raw of items) {
		const item = clip(raw, maxChars);
		const group = texts[texts.length - 1] as string[];
		if (group.length === 0 || size(group) + 1 + item.length <= maxChars) group.push(item);
		else if (texts.length < maxTexts) texts.push([item]);
		else break;
		used++;
	}
	if (used < items.length) {
		// Room for the "…and N more" line in the last text: drop items from its end as needed.
		const group = texts[texts.length - 1] as string[];
		let omitted = items.length - used;
		while (group.length > 0 && size([...group, moreLine(omitted)]) > maxChars) {
			group.pop();
			omitted++;
		}
		group.push(clip(moreLine(omitted), maxChars));
	}
	return texts.filter((g) => g.length > 0).map((g) => g.join("\n"));
}
