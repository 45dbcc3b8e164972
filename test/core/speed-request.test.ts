// The request's speed options: `spec mtp|eagle [accept <0..1>]` and `prompt <N>[k]`, from the words to the
// answer (`fit --json` names the speculative decoding; the card says it) and back to the words.
import { describe, expect, it } from "vitest";
import { requestErrorWords } from "../../commands/reason-words-request.js";
import { requestText } from "../../src/core/describe.js";
import { parseFit } from "../../src/parse/grammar.js";
import { resolveFit } from "../../src/parse/resolve.js";
import { fitJson, repoCatalog } from "../support/catalog.js";

const parsed = (text: string) => {
	const p = parseFit(text);
	if (!p.ok) throw new Error(requestErrorWords(p.error, "en").headline);
	return p.value;
};
const error = (text: string) => {
	const p = parseFit(text);
	if (p.ok) throw new Error(`${text}: parsed`);
	return requestErrorWords(p.error, "en").headline;
};

describe("grammar", () => {
	it("reads spec with and without accept, and prompt with k", () => {
		expect(parsed("deepseek-v3.1 on 8x h200 spec mtp").spec).toEqual({ method: "mtp" });
		expect(parsed("llama-3.1-8b on 1x h100 spec eagle accept 0.7 prompt 8k")).toMatchObject({
			spec: { method: "eagle", accept: 0.7 },
			prompt: 8192,
		});
		expect(parsed("llama-3.1-8b on 1x h100 prompt 2000 users 4").prompt).toBe(2000);
		expect(parsed("llama-3.1-8b spec eagle on 1x h100").spec).toEqual({ method: "eagle" });
	});

	it("keeps the other options around them, layout included", () => {
		expect(parsed("deepseek-v3.1 on 8x h200 layout dp8 ep spec mtp accept 0.8 engine sglang")).toMatchObject({
			layout: { dp: 8, ep: true },
			spec: { method: "mtp", accept: 0.8 },
			engine: "sglang",
		});
	});

	it("refuses a spec without a method, an unknown method, an acceptance outside (0, 1], a prompt that is no count", () => {
		expect(error("llama-3.1-8b on 1x h100 spec")).toMatch(/"spec" needs a method: spec mtp or spec eagle/);
		expect(error("llama-3.1-8b on 1x h100 spec medusa")).toMatch(/"spec" needs a method/);
		expect(error("llama-3.1-8b on 1x h100 spec mtp accept 1.5")).toMatch(/accept "1.5" must be the share of drafted tokens/);
		expect(error("llama-3.1-8b on 1x h100 spec mtp accept")).toMatch(/accept "" must be/);
		expect(error("llama-3.1-8b on 1x h100 prompt lots")).toMatch(/Prompt "lots" is not a token count/);
	});

	it("resolves into the sizing request and writes both back in the grammar's words", () => {
		const r = resolveFit(repoCatalog(), parsed("llama-3.1-8b on 1x h100 prompt 8k spec eagle accept 0.75"));
		if (!r.ok) throw new Error(requestErrorWords(r.error, "en").headline);
		expect(r.value.spec).toEqual({ method: "eagle", accept: 0.75 });
		expect(r.value.prompt).toBe(8192);
		expect(requestText(r.value)).toBe("llama-3.1-8b on 1x h100-sxm prompt 8k spec eagle accept 0.75");
		const plain = resolveFit(repoCatalog(), parsed("llama-3.1-8b on 1x h100"));
		if (!plain.ok) throw new Error(requestErrorWords(plain.error, "en").headline);
		expect(plain.value.spec).toBeUndefined();
		expect(plain.value.prompt).toBeUndefined();
	});
});

describe("fit --json", () => {
	it("names the speculative decoding and the prompt the first token is for", () => {
		const j = fitJson("deepseek-v3.1 on 8x h200 engine sglang spec mtp prompt 2k");
		expect(j.speed.speculative).toMatchObject({ method: "mtp", name: "MTP", accept: 0.85 });
		expect(j.speed.promptTokens).toBe(2048);
		expect(j.speed.estimate).toBe(true);
	});

	it("an MTP request on a model without MTP layers is answered with a note", () => {
		const j = fitJson("llama-3.1-8b on 1x h100 spec mtp");
		expect(j.speed.speculative).toBeNull();
		expect(j.speed.notes).toEqual([`MTP asked, but ${j.model.name} ships no MTP layers: estimated without speculative decoding`]);
	});
});
