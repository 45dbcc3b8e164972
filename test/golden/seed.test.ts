// The buyer's note (shared/seed): its DeepSeek-R1 configurations must come out consistent with it.
import { describe, expect, it } from "vitest";
import { fitJson } from "../support/catalog.js";

const GB = 1e9;
/** What the engine has left for the KV cache across all GPUs. */
const kvRoom = (j: { memory: { capacityBytes: number; weightsBytes: number; overheadBytes: number } }) =>
	j.memory.capacityBytes - j.memory.weightsBytes - j.memory.overheadBytes;

describe("seed note: DeepSeek-R1 (671B, FP8) configurations", () => {
	it("8x H200 fits, in FP8, with room for tens of users", () => {
		const j = fitJson("deepseek-r1 on 8x H200 ctx 32k users 10");
		expect(j.verdict).toBe("fits");
		expect(j.precision.weights).toBe("fp8");
		expect(j.hardware).toMatchObject({ count: 8, nodes: 1 });
		expect(j.limits.maxUsersAtContext).toBeGreaterThanOrEqual(10);
	});

	it.each(["H100", "H800", "h100-pcie"])("16x %s fits in FP8 with room for tens of users", (gpu) => {
		const j = fitJson(`deepseek-r1 on 16x ${gpu} ctx 32k users 10`);
		expect(j.verdict).toBe("fits");
		expect(j.precision.weights).toBe("fp8");
		expect(j.hardware).toMatchObject({ count: 16, nodes: 2, gpusPerNode: 8 });
		expect(j.layout).toEqual({ tp: 8, pp: 2 });
	});

	it("FP8 weights take about as many bytes as parameters (~700 GB with MTP), and 200-300 GB is left for the cache on 8x H200", () => {
		const j = fitJson("deepseek-r1 on 8x H200");
		expect(j.memory.weightsBytes).toBeGreaterThan(0.62 * 1024 * GB); // ~ 671e9 main-model bytes
		expect(j.memory.weightsBytes).toBeLessThan(700 * GB);
		expect(kvRoom(j)).toBeGreaterThan(200 * GB);
	});

	it("20x A100 PCIe runs only upcast to BF16 (~1.3-1.4 TB of weights) with little left for KV", () => {
		const j = fitJson("deepseek-r1 on 2x10 A100 PCIe");
		expect(j.precision.weights).toBe("bf16");
		expect(j.memory.weightsBytes).toBeGreaterThanOrEqual(1.3e12);
		expect(j.memory.weightsBytes).toBeLessThanOrEqual(1.4e12);
		expect(j.notes.join(" ")).toMatch(/no FP8 units.*upcast to BF16/);
		expect(j.verdict).not.toBe("no-fit");
		// Less than the 200-300 GB of cache the note budgets, and well below what FP8 hardware keeps.
		expect(kvRoom(j)).toBeLessThan(200 * GB);
		expect(kvRoom(j)).toBeLessThan(kvRoom(fitJson("deepseek-r1 on 16x H100")) / 2);
	});

	it("16x H20 (96 GB) fits", () => {
		const j = fitJson("deepseek-r1 on 16x H20 ctx 32k users 10");
		expect(j.verdict).toBe("fits");
		expect(j.hardware.gpu).toBe("h20");
	});

	it("8x MI300X fits", () => {
		const j = fitJson("deepseek-r1 on 8x MI300X ctx 32k users 10");
		expect(j.verdict).toBe("fits");
		expect(j.precision.weights).toBe("fp8");
	});

	it("8x H100 does not hold the weights", () => {
		const j = fitJson("deepseek-r1 on 8x H100");
		expect(j.verdict).toBe("no-fit");
		expect(j.memory.weightsBytes + j.memory.overheadBytes).toBeGreaterThan(j.memory.capacityBytes);
		// 8 x 80 GB nominal is 640 GB: less than the ~671 GB of FP8 weights alone.
		expect(j.memory.weightsBytes).toBeGreaterThan(8 * j.hardware.usableBytesPerGpu * 0.9);
	});

	it("the quick-start request answers with the contract's fields", () => {
		const j = fitJson("deepseek-r1 on 16x H100");
		expect(j.ok).toBe(true);
		expect(j.model).toMatchObject({ id: "deepseek-r1", paramsTotal: 6.71e11, paramsActive: 3.7e10 });
		expect(j.hardware).toMatchObject({
			gpu: "h100-sxm",
			count: 16,
			nodes: 2,
			gpusPerNode: 8,
			usableBytesPerGpu: 81559 * 2 ** 20,
		});
		expect(j.engine).toBe("vllm");
		expect(j.precision).toMatchObject({ weights: "fp8", kvCache: "bf16" });
		expect(j.context).toBe(163840);
		expect(j.users).toBe(1);
		const m = j.memory;
		expect(m.kvBytesPerToken).toBe(61 * (512 + 64) * 2);
		expect(m.marginBytes).toBeCloseTo(m.capacityBytes - (m.weightsBytes + m.overheadBytes + m.kvBytes), 0);
		expect(j.limits.maxUsersAtContext * j.context).toBeLessThanOrEqual(j.limits.maxKvTokens);
		expect(j.cost.tier).toMatch(/^\$+$/);
	});
});
