// Any answer, for any request people can type, renders within Slack's and Discord's limits.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.js";
import { renderBlockKit } from "../../src/render/blockkit.js";
import { embedOf } from "../../src/render/embed.js";
import { embedViolations } from "../support/discord-embed.js";
import { fixtureCatalog } from "../support/fixture-catalog.js";
import { blockKitViolations } from "../support/slack-blocks.js";

const catalog = fixtureCatalog();
const word = fc.constantFrom(
	...catalog.models.slice(0, 12).map((m) => m.id),
	...catalog.gpus.slice(0, 12).map((g) => g.id),
	"on",
	"8x",
	"2x8",
	"16x",
	"ctx",
	"32k",
	"1m",
	"users",
	"64",
	"fp8",
	"awq",
	"q4_k_m",
	"kv",
	"engine",
	"sglang",
	"llamacpp",
	"vs",
	"buy",
	"rent",
);
const request = fc.oneof(
	fc
		.record({
			model: fc.constantFrom(...catalog.models),
			gpu: fc.constantFrom(...catalog.gpus),
			n: fc.constantFrom(1, 2, 8, 16, 32),
		})
		.map(({ model, gpu, n }) => `${model.id} on ${n}x ${gpu.id}`),
	fc.array(word, { minLength: 1, maxLength: 10 }).map((w) => w.join(" ")),
	fc.string({ maxLength: 200 }),
);

describe("rendering stays within platform limits", () => {
	it("every command's reply, in both locales, as Block Kit and as an embed", () => {
		fc.assert(
			fc.property(
				fc.constantFrom("fit", "recommend", "compare", "gpus", "models") as fc.Arbitrary<keyof typeof COMMANDS>,
				request,
				fc.constantFrom("en" as const, "zh" as const),
				(name, text, locale) => {
					const { reply } = COMMANDS[name].run(catalog, text, locale);
					expect(blockKitViolations(renderBlockKit(reply, { locale }) as never)).toEqual([]);
					expect(embedViolations(embedOf(reply, locale))).toEqual([]);
				},
			),
			{ numRuns: 150 },
		);
	});
});
