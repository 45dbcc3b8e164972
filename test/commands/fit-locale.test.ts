import { describe, expect, it } from "vitest";
import { runFit } from "../../commands/fit.js";
import { repoCatalog } from "../support/catalog.js";

describe("fit reply locale", () => {
	const request = "deepseek-r1 on 8x H200 ctx 32k users 10";

	it("Chinese replies carry the same figures, in Chinese words, with CNY beside USD", () => {
		const en = runFit(repoCatalog(), request);
		const zh = runFit(repoCatalog(), request, "zh");
		expect(zh.json).toEqual(en.json); // the JSON never changes with the locale
		expect(zh.reply.headline).toMatch(/^可以运行：10 个用户/);
		const users = (en.json as { limits: { maxUsersAtContext: number } }).limits.maxUsersAtContext;
		expect(zh.reply.headline).toContain(`总共可容纳 ${users} 个用户`);
		const cost = zh.reply.fields.find((f) => f.label === "成本")?.value ?? "";
		// The seed note's one 8x H200 server: about 2,450,000 CNY ("245w").
		expect(cost).toContain("¥2,450,000");
		expect(cost).toMatch(/\$[\d,]+/);
	});

	it("English is the default and shows no CNY", () => {
		const en = runFit(repoCatalog(), request);
		expect(en.reply.headline).toMatch(/^Fits: 10 users at 32K context/);
		expect(en.reply.fields.map((f) => f.label)).toEqual(["Margin", "Capacity", "Runs as", "Memory", "Hardware", "Cost", "Speed"]);
		expect(en.reply.fields.find((f) => f.label === "Cost")?.value).not.toContain("¥");
	});
});
