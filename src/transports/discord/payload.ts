// What gpufit reads of an interaction Discord POSTs, checked before it is read: a validly signed body can still
// be malformed (a command without `data`, a `member` without its `user`, `options` that is not an array), and
// that deserves a 400 naming the field, never a 500 from a property read on undefined. Only the fields gpufit
// uses are checked; everything else Discord sends passes through (loose objects). zod's minimal build: the
// configuration already loads it, and checking a few fields takes microseconds.
import * as z from "zod/mini";
import { InteractionType } from "./protocol.js";

const user = z.looseObject({ id: z.string() });

const option = z.looseObject({
	name: z.string(),
	type: z.number(),
	value: z.optional(z.union([z.string(), z.number(), z.boolean()])),
	focused: z.optional(z.boolean()),
});

/** Who asked and in which language: shared by commands and autocomplete. */
const asker = {
	token: z.string().check(z.minLength(1)),
	locale: z.optional(z.string()),
	guild_locale: z.optional(z.string()),
	member: z.optional(z.looseObject({ user })),
	user: z.optional(user),
};

const hasAsker = z.refine(
	(i: unknown) => {
		const { member, user } = i as { member?: { user?: unknown }; user?: unknown };
		return Boolean(member?.user ?? user);
	},
	{ message: "neither member.user nor user: who asked is unknown" },
);

const ping = z.looseObject({ type: z.literal(InteractionType.Ping) });

const command = z
	.looseObject({
		type: z.literal(InteractionType.ApplicationCommand),
		...asker,
		data: z.looseObject({
			name: z.string().check(z.minLength(1)),
			type: z.optional(z.number()),
			options: z.optional(z.array(option)),
		}),
	})
	.check(hasAsker);

const autocomplete = z
	.looseObject({
		type: z.literal(InteractionType.ApplicationCommandAutocomplete),
		...asker,
		data: z.looseObject({ name: z.string().check(z.minLength(1)), options: z.optional(z.array(option)) }),
	})
	.check(hasAsker);

export type PingInteraction = z.output<typeof ping>;
export type CommandInteraction = z.output<typeof command>;
export type AutocompleteInteraction = z.output<typeof autocomplete>;
export type InteractionOption = z.output<typeof option>;
export type Interaction = PingInteraction | CommandInteraction | AutocompleteInteraction;

export type ParsedInteraction = { ok: true; interaction: Interaction } | { ok: false; reason: string };

const SCHEMAS: Record<number, z.ZodMiniType<Interaction>> = {
	[InteractionType.Ping]: ping,
	[InteractionType.ApplicationCommand]: command,
	[InteractionType.ApplicationCommandAutocomplete]: autocomplete,
};

const SHOWN_ISSUES = 3;

function at(value: unknown, path: readonly PropertyKey[]): unknown {
	let v = value;
	for (const key of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[key] : undefined;
	return v;
}

/** One issue as a reason a developer can act on: "data.options: expected an array". */
function describeIssue(body: unknown, issue: z.core.$ZodIssue): string {
	const where = issue.path.length ? issue.path.map(String).join(".") : "interaction";
	switch (issue.code) {
		case "invalid_type":
			return at(body, issue.path) === undefined ? `${where}: missing` : `${where}: expected ${issue.expected}`;
		case "invalid_union":
			return `${where}: expected a string, number or boolean`;
		case "too_small":
			return `${where}: empty`;
		case "invalid_value":
			return `${where}: unexpected value`;
		default:
			return issue.path.length ? `${where}: ${issue.message}` : issue.message;
	}
}

/** The interaction if it has what gpufit reads, else why not (for a 400). */
export function parseInteraction(body: unknown): ParsedInteraction {
	if (body === null || typeof body !== "object" || Array.isArray(body)) return { ok: false, reason: "expected a JSON object" };
	const type = (body as { type?: unknown }).type;
	if (typeof type !== "number") return { ok: false, reason: type === undefined ? "type: missing" : "type: expected a number" };
	const schema = SCHEMAS[type];
	if (!schema) return { ok: false, reason: `interaction type ${type} not handled` };
	const parsed = schema.safeParse(body);
	if (parsed.success) return { ok: true, interaction: parsed.data };
	const issues = parsed.error.issues;
	const shown = issues.slice(0, SHOWN_ISSUES).map((i) => describeIssue(body, i));
	if (issues.length > SHOWN_ISSUES) shown.push(`and ${issues.length - SHOWN_ISSUES} more`);
	return { ok: false, reason: `malformed interaction: ${shown.join("; ")}` };
}
