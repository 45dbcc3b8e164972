// Words that fit several releases mean the newest, and the card says which release answered and how to
// ask for another. Release order from the model cards: Llama 2 (2023-07), Llama 3 (2024-04), Llama 3.1
// (2024-07), Llama 3.3 (2024-12).
import { describe, expect, it } from "vitest";
import { runRecommend } from "../../commands/recommend.js";
import { newestRelease } from "../../src/parse/releases.js";
import { fitJson, repoCatalog } from "../support/catalog.js";

describe("a name that fits several releases", () => {
	it('"llama 70b" is Llama 3.3 70B, with the older releases named', () => {
		const match = newestRelease(repoCatalog(), "llama 70b");
		expect(match?.model.id).toBe("llama-3.3-70b");
		expect(match?.others.map((m) => m.id)).toEqual(["llama-3.1-70b", "llama-3-70b", "llama-2-70b"]);
	});

	it("fit says which release answered and how to ask for another", () => {
		const j = fitJson("llama 70b on 2x H100");
		expect(j.model.id).toBe("llama-3.3-70b");
		expect(j.notes[0]).toContain('"llama 70b" is answered as');
		expect(j.notes[0]).toContain("Llama-3.1-70B-Instruct");
		// Suggestions name the release that answered, so they reproduce it.
		for (const r of j.suggestedRequests as string[]) expect(r.startsWith("llama-3.3-70b")).toBe(true);
	});

	it("recommend says it too", () => {
		const r = runRecommend(repoCatalog(), "llama 70b ctx 8k");
		expect((r.json as { notes: string[] }).notes[0]).toContain("newest release");
	});

	it("a family word alone, or words no release holds, do not guess", () => {
		expect(newestRelease(repoCatalog(), "llama")).toBeNull();
		expect(newestRelease(repoCatalog(), "llama 71b")).toBeNull();
		// The distill is a DeepSeek release even though its name holds "llama" and "70b".
		expect(newestRelease(repoCatalog(), "llama 70b")?.others.map((m) => m.id)).not.toContain("deepseek-r1-distill-llama-70b");
	});
});
