// Each cache layout, end to end: the real config.json copied into test/fixtures/configs, read by the config
// reader, sized by core/kv.ts. Every expected value is arithmetic written out from the config's numbers
// and the engine rule it follows (the vLLM file named in each test; docs/cache-rules.md has the quotes).
// Engine source read: vLLM main of the v0.22-v0.24 releases (DeepSeek-V4 as the vllm/models/deepseek_v4
// package, v0.22.0 release notes; MiniMax-M3 and Kimi-K3 as vllm/models/minimax_m3 and vllm/models/kimi_k3); the
// commit of each file is in docs/cache-rules.md.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Model } from "../../src/catalog/schema.js";
import { kvReplication, requestBytesPerGpu, tokenBytesPerRank, tokenBytesReplica } from "../../src/core/kv.js";
import { type ConfigFacts, readConfig } from "../../src/models/config-reader.js";
import { parseLenientJson } from "../../src/models/json-lenient.js";

const DIR = new URL("../fixtures/configs/", import.meta.url);

function facts(name: string): ConfigFacts {
	const result = readConfig(parseLenientJson(readFileSync(new URL(`${name}_config.json`, DIR), "utf8")));
	if (!result.ok) throw new Error(result.message);
	return result.facts;
}

/** The kv functions read only the layer schedule. */
const model = (name: string): Model => ({ layers: facts(name).layers }) as Model;

const BF16 = 2;
const FP8 = 1;

describe("GQA (vllm/v1/kv_cache_interface.py FullAttentionSpec: num_kv_heads x (head_size + head_size_v) x dtype)", () => {
	it("dense: Llama-3.1-8B, 32 layers x 8 KV heads x 128", () => {
		const m = model("meta-llama--Meta-Llama-3.1-8B");
		expect(tokenBytesReplica(m, BF16)).toBe(32 * 8 * (128 + 128) * 2); // 131,072
		expect(tokenBytesReplica(m, FP8)).toBe(32 * 8 * (128 + 128) * 1);
		expect(tokenBytesPerRank(m, 8, BF16)).toBe(32 * 1 * (128 + 128) * 2); // one KV head per rank
		expect(requestBytesPerGpu(m, 8192, 1, 1, BF16)).toBe(8192 * 32 * 8 * 256 * 2);
		expect(requestBytesPerGpu(m, 8192, 2, 4, BF16)).toBe((8192 * 32 * 4 * 256 * 2) / 4);
	});

	it("MoE counts KV heads, not experts: Qwen3-235B-A22B, 94 layers x 4 KV heads x 128; TP 8 copies each head twice", () => {
		const m = model("Qwen--Qwen3-235B-A22B-FP8");
		expect(tokenBytesReplica(m, BF16)).toBe(94 * 4 * 256 * 2); // 192,512
		expect(tokenBytesPerRank(m, 4, BF16)).toBe(94 * 1 * 256 * 2);
		expect(tokenBytesPerRank(m, 8, BF16)).toBe(94 * 1 * 256 * 2); // 4 heads over 8 ranks: still one each
		expect(kvReplication(m, 8)).toBe(2);
		expect(requestBytesPerGpu(m, 32768, 1, 1, FP8)).toBe(32768 * 94 * 4 * 256);
	});

	it("plain GQA: MiniMax-M2.5, 62 layers x 8 KV heads x 128", () => {
		expect(tokenBytesReplica(model("MiniMaxAI--MiniMax-M2.5"), BF16)).toBe(62 * 8 * 256 * 2); // 253,952
	});
});

describe("MiniMax Sparse Attention (vllm/models/minimax_m3/nvidia/model.py MiniMaxM3SparseAttention; common/indexer.py MiniMaxM3IndexerCache)", () => {
	// MiniMaxAI--MiniMax-M3: 60 layers of GQA, 4 KV heads x head_dim 128 (get_kv_cache_spec: FullAttentionSpec of the
	// KV heads); sparse_attention_freq 0 on layers 0-2 and 1 on 3-59, whose index cache is an MLAAttentionSpec of
	// num_kv_heads=1, head_size=sparse_index_dim (128): one key per token, "index_k is a single shared head,
	// replicated to every rank". Index dtype: the model's (BF16) when the KV cache is quantized, else the KV cache's
	// (index_cache_torch_dtype in the vLLM plugin model; upstream vLLM's indexer_kv_dtype defaults to "bf16").
	const m = model("MiniMaxAI--MiniMax-M3");
	const kv = 4 * (128 + 128); // K + V elements per token and layer
	const index = 128 * 2; // one BF16 index key per token and sparse layer

	it("grows by 60 layers of K/V and 57 index keys a token", () => {
		expect(tokenBytesReplica(m, BF16)).toBe(60 * kv * 2 + 57 * index); // 137,472
		expect(tokenBytesReplica(m, FP8)).toBe(60 * kv * 1 + 57 * index); // 76,032: FP8 K/V, BF16 index keys
	});

	it("TP 8: one KV head per rank (4 heads copied twice); every rank holds all the index keys", () => {
		expect(tokenBytesPerRank(m, 1, BF16)).toBe(137_472);
		expect(tokenBytesPerRank(m, 8, BF16)).toBe(60 * 1 * 256 * 2 + 57 * index); // 45,312
		expect(tokenBytesPerRank(m, 8, FP8)).toBe(60 * 1 * 256 * 1 + 57 * index); // 29,952
	});

	it("a request holds every token's K/V and index key, up to the 1,048,576-token context", () => {
		for (const n of [1, 8192, 131_072, 1_048_576]) {
			expect(requestBytesPerGpu(m, n, 1, 1, BF16)).toBe(n * (60 * 4 * 256 * 2 + 57 * 256));
			expect(requestBytesPerGpu(m, n, 8, 1, BF16)).toBe(n * (60 * 1 * 256 * 2 + 57 * 256));
			expect(requestBytesPerGpu(m, n, 8, 1, FP8)).toBe(n * (60 * 1 * 256 * 1 + 57 * 256));
		}
		expect(requestBytesPerGpu(m, 1_048_576, 1, 1, BF16)).toBe(144_149_839_872); // 134.25 GiB
		expect(requestBytesPerGpu(m, 1_048_576, 8, 2, BF16)).toBe((1_048_576 * 45_312) / 2); // PP 2: half the layers
	});
});

describe("MLA (vllm/v1/kv_cache_interface.py MLAAttentionSpec: one head of kv_lora_rank + qk_rope_head_dim, replicated over TP)", () => {
	it("DeepSeek-V3: 61 layers x (512 + 64)", () => {
		const m = model("deepseek-ai--DeepSeek-V3");
		expect(tokenBytesReplica(m, BF16)).toBe(61 * (512 + 64) * 2); // 70,272
		expect(tokenBytesReplica(m, FP8)).toBe(61 * (512 + 64) * 1); // per-tensor FP8: one byte each
		expect(tokenBytesPerRank(m, 8, BF16)).toBe(61 * 576 * 2); // every rank holds the latent
		expect(kvReplication(m, 8)).toBe(8);
		expect(requestBytesPerGpu(m, 163840, 8, 1, BF16)).toBe(163840 * 61 * 576 * 2);
	});
});

describe("MLA + DSA indexer (deepseek_v2.py DeepseekV32IndexerCache: 128 FP8 + 4-byte scale; FP8 latent in FlashMLA's fp8_ds_mla 656 B)", () => {
	const indexer = 128 + (128 / 128) * 4; // 132 B per token and layer, whatever the KV dtype
	const fp8Latent = 512 + (512 / 128) * 4 + 64 * 2; // 512 FP8 NoPE + 4 FP32 scales + 64 BF16 RoPE = 656

	it("DeepSeek-V3.2: 61 layers x ((512 + 64) x dtype + 132)", () => {
		const m = model("deepseek-ai--DeepSeek-V3.2");
		expect(tokenBytesReplica(m, BF16)).toBe(61 * ((512 + 64) * 2 + indexer)); // 78,324
		expect(tokenBytesReplica(m, FP8)).toBe(61 * (fp8Latent + indexer)); // 48,068
		expect(tokenBytesPerRank(m, 8, FP8)).toBe(61 * (656 + 132)); // replicated on every rank
		expect(requestBytesPerGpu(m, 100_000, 8, 1, FP8)).toBe(100_000 * 61 * 788);
	});

	it("GLM-5: 78 layers of the same latent and 128-wide indexer keys", () => {
		const m = model("zai-org--GLM-5");
		expect(tokenBytesReplica(m, BF16)).toBe(78 * ((512 + 64) * 2 + 132)); // 100,152
		expect(tokenBytesReplica(m, FP8)).toBe(78 * (656 + 132)); // 61,464
	});
});

describe("DeepSeek-V4 compressed attention (deepseek_v4_attention.py, sparse_swa.py, deepseek_compressor.py)", () => {
	// compress_ratios of the 43 decoder layers: 2 x 0 (window only), 21 x 4, 20 x 128; sliding_window 128.
	// FP8 (fp8_ds_mla) entry: 448 FP8 NoPE + 64 x 2 B RoPE + 8 scale bytes = 584 B; BF16 plain row: 512 x 2.
	const entry = 448 + 64 * 2 + 8;
	const indexer = 128 + 4; // per compressed entry of a ratio-4 layer
	const c4State = 2 * 2 * 512 * 4 + 2 * 2 * 128 * 4; // float32 kv+score states (coff 2), main + indexer, per slot
	const c128State = 2 * 1 * 512 * 4;
	const m = model("deepseek-ai--DeepSeek-V4-Flash");

	it("grows by the compressed entries only: 21 x (584 + 132) / 4 + 20 x 584 / 128 bytes a token", () => {
		expect(tokenBytesReplica(m, FP8)).toBe((21 * (entry + indexer)) / 4 + (20 * entry) / 128); // 3,850.25
		expect(tokenBytesReplica(m, BF16)).toBe((21 * (512 * 2 + indexer)) / 4 + (20 * 512 * 2) / 128);
		expect(tokenBytesPerRank(m, 8, FP8)).toBe(tokenBytesReplica(m, FP8)); // one head: every rank holds it all
	});

	it("a request holds 128-token windows, ceil(n / ratio) entries and the compressor windows", () => {
		const at = (n: number) =>
			43 * Math.min(n, 128) * entry +
			21 * Math.ceil(n / 4) * (entry + indexer) +
			20 * Math.ceil(n / 128) * entry +
			21 * Math.min(n, 8) * c4State +
			20 * Math.min(n, 128) * c128State;
		expect(requestBytesPerGpu(m, 100, 1, 1, FP8)).toBe(at(100));
		expect(requestBytesPerGpu(m, 1_048_576, 8, 1, FP8)).toBe(at(1_048_576));
		expect(requestBytesPerGpu(m, 1_048_576, 8, 1, FP8)).toBe(
			43 * 128 * 584 + 21 * 262_144 * 716 + 20 * 8192 * 584 + 21 * 8 * 10_240 + 20 * 128 * 4096,
		);
	});
});

describe("Gated DeltaNet hybrid (mamba_utils.py gated_delta_net_state_shape; config.py: state dtype = mamba_ssm_dtype)", () => {
	it("Qwen3.5-27B: 16 full-attention layers grow, 48 linear layers hold fixed float32 state", () => {
		const m = model("Qwen--Qwen3.5-27B");
		const conv = (4 - 1) * (2 * 16 * 128 + 48 * 128) * 2; // (kernel - 1) x (2 key dim + value dim), BF16
		const ssm = 48 * 128 * 128 * 4; // value heads x v_dim x k_dim, float32
		expect(tokenBytesReplica(m, BF16)).toBe(16 * 4 * 256 * 2 * 2); // 65,536
		expect(requestBytesPerGpu(m, 1, 1, 1, BF16)).toBe(16 * 4 * 512 * 2 + 48 * (conv + ssm));
		expect(requestBytesPerGpu(m, 262_144, 1, 1, BF16)).toBe(262_144 * 65_536 + 48 * (61_440 + 3_145_728));
		// TP 4: 1 of 4 KV heads and 12 of 48 value heads per rank.
		expect(requestBytesPerGpu(m, 1000, 4, 1, BF16)).toBe(1000 * 16 * 1 * 512 * 2 + (48 * (conv + ssm)) / 4);
	});

	it("Qwen3.5-35B-A3B: 10 full layers of 2 KV heads, 30 linear layers of 32 value heads", () => {
		const m = model("Qwen--Qwen3.5-35B-A3B");
		const linear = (4 - 1) * (2 * 16 * 128 + 32 * 128) * 2 + 32 * 128 * 128 * 4; // 2,146,304
		expect(tokenBytesReplica(m, BF16)).toBe(10 * 2 * 512 * 2); // 20,480
		expect(requestBytesPerGpu(m, 4096, 1, 1, BF16)).toBe(4096 * 20_480 + 30 * linear);
	});
});

describe("KDA hybrid (mamba_utils.py kda_state_shape / kda_state_dtype; vllm/models/kimi_k3/nvidia/model.py, mla.py)", () => {
	// moonshotai--Kimi-K3 text_config.linear_attn_config: kda_layers (1-indexed) 69 layers, full_attn_layers 24 (every
	// 4th and the 93rd) run MLA; num_heads 96, head_dim 128, short_conv_kernel_size 4. kda_state_shape(tp, 96, 128):
	// conv (96 x 128 + 2 x 96 x 128) / tp x (kernel - 1) in the model dtype, recurrent (96 / tp, 128, 128) float32
	// (kda_state_dtype returns (state_dtype, torch.float32)). MLA (mla.py): MLAAttentionSpec(num_kv_heads=1,
	// head_size=kv_lora_rank + qk_rope_head_dim), replicated on every rank.
	const m = model("moonshotai--Kimi-K3");
	const conv = (4 - 1) * (96 * 128 + 2 * 96 * 128) * 2; // 221,184 B
	const recurrent = 96 * 128 * 128 * 4; // 6,291,456 B
	const latent = 512 + 64;

	it("only the 24 MLA layers grow: 24 x (512 + 64) per token", () => {
		expect(tokenBytesReplica(m, BF16)).toBe(24 * latent * 2); // 27,648
		expect(tokenBytesReplica(m, FP8)).toBe(24 * latent * 1); // 13,824
		expect(tokenBytesPerRank(m, 8, BF16)).toBe(24 * latent * 2); // the latent is whole on every rank
	});

	it("every request holds the 69 KDA states, split over TP ranks by heads", () => {
		const states = 69 * (conv + recurrent); // 449,372,160 B (428.6 MiB)
		for (const n of [1, 4096, 131_072, 1_048_576]) {
			expect(requestBytesPerGpu(m, n, 1, 1, BF16)).toBe(n * 24 * latent * 2 + states);
			expect(requestBytesPerGpu(m, n, 1, 1, FP8)).toBe(n * 24 * latent + states); // states keep their dtypes
			expect(requestBytesPerGpu(m, n, 8, 1, BF16)).toBe(n * 24 * latent * 2 + states / 8); // 12 of 96 heads per rank
		}
		expect(requestBytesPerGpu(m, 1, 1, 1, BF16)).toBe(27_648 + 449_372_160);
		expect(requestBytesPerGpu(m, 1_048_576, 1, 1, BF16)).toBe(29_440_401_408); // 27 GiB of latents + the states
		expect(requestBytesPerGpu(m, 1_048_576, 8, 1, BF16)).toBe(28_991_029_248 + 56_171_520);
	});
});

describe("Mamba2 hybrid (mamba_utils.py mamba2_state_shape; config.py NemotronHForCausalLMConfig: mamba_ssm_cache_dtype, else float16)", () => {
	it("Nemotron-3-Nano: pattern of 23 M, 6 *, 23 E blocks; float32 SSM state", () => {
		const m = model("nvidia--NVIDIA-Nemotron-3-Nano-30B-A3B-BF16");
		const conv = (4 - 1) * (64 * 64 + 2 * 8 * 128) * 2; // 36,864
		const ssm = 64 * 64 * 128 * 4; // 2,097,152
		expect(tokenBytesReplica(m, BF16)).toBe(6 * 2 * 256 * 2); // 6 attention layers x 2 KV heads x 128
		expect(requestBytesPerGpu(m, 10_000, 1, 1, BF16)).toBe(10_000 * 6 * 1024 + 23 * (conv + ssm));
		// TP 16: 4 of 64 heads per rank; the 8 groups are raised to 16, one group (1/8 of B/C) per rank.
		const perRank = 23 * ((3 * 64 * 64 * 2) / 16 + (3 * 2 * 8 * 128 * 2) / 8 + ssm / 16);
		expect(requestBytesPerGpu(m, 1, 16, 1, BF16)).toBe(perRank + 6 * 1 * 256 * 2);
	});

	it("Nemotron-3-Ultra: the layers_block_type list (48 mamba, 12 attention, 48 moe of 108 blocks), float32 SSM state", () => {
		const m = model("nvidia--NVIDIA-Nemotron-3-Ultra-550B-A55B-BF16");
		const conv = (4 - 1) * (256 * 64 + 2 * 8 * 128) * 2; // 110,592
		const ssm = 256 * 64 * 128 * 4; // 8,388,608
		expect(tokenBytesReplica(m, BF16)).toBe(12 * 2 * 256 * 2); // 12,288
		expect(requestBytesPerGpu(m, 262_144, 1, 1, BF16)).toBe(262_144 * 12_288 + 48 * (conv + ssm));
	});

	it("Nemotron-H-56B: 54 M and 10 * of 118 blocks, float16 SSM state (the bare Infinity parses)", () => {
		const m = model("nvidia--Nemotron-H-56B-Base-8K");
		const conv = (4 - 1) * (256 * 64 + 2 * 8 * 256) * 2; // 122,880
		const ssm = 256 * 64 * 256 * 2; // 8,388,608
		expect(tokenBytesReplica(m, BF16)).toBe(10 * 8 * 128 * 2 * 2); // 40,960
		expect(requestBytesPerGpu(m, 8192, 1, 1, BF16)).toBe(8192 * 40_960 + 54 * (conv + ssm));
	});
});

describe("Sliding window (kv_cache_interface.py SlidingWindowSpec: the last sliding_window tokens)", () => {
	it("gpt-oss-120b: 18 full + 18 sliding (128) layers of 8 KV heads x 64", () => {
		const m = model("openai--gpt-oss-120b");
		const layerToken = 8 * 64 * 2 * 2; // 2,048
		expect(tokenBytesReplica(m, BF16)).toBe(18 * layerToken); // 36,864
		expect(requestBytesPerGpu(m, 100, 1, 1, BF16)).toBe(36 * 100 * layerToken);
		expect(requestBytesPerGpu(m, 131_072, 1, 1, BF16)).toBe(18 * 131_072 * layerToken + 18 * 128 * layerToken);
	});

	it("Gemma 4 26B-A4B: 25 sliding (1024) layers of 8 x 256, 5 global of 2 x 512 with K = V still cached twice (gemma4.py)", () => {
		const m = model("google--gemma-4-26B-A4B");
		const local = 8 * 256 * 2 * 2; // 8,192
		const global = 2 * 512 * 2 * 2; // 4,096: num_global_key_value_heads x global_head_dim x (K + V)
		expect(tokenBytesReplica(m, BF16)).toBe(5 * global); // 20,480
		expect(requestBytesPerGpu(m, 262_144, 1, 1, BF16)).toBe(5 * 262_144 * global + 25 * 1024 * local);
		// TP 4: 2 of 8 local heads per rank; the 2 global heads are copied (1 per rank).
		expect(tokenBytesPerRank(m, 4, BF16)).toBe(5 * (global / 2));
		expect(requestBytesPerGpu(m, 512, 4, 1, BF16)).toBe(512 * (5 * (global / 2) + 25 * (local / 4)));
	});

	it("Step-3.7-Flash: 12 full + 33 sliding (512) layers of 8 KV heads x 128", () => {
		const m = model("stepfun-ai--Step-3.7-Flash");
		expect(tokenBytesReplica(m, BF16)).toBe(12 * 8 * 256 * 2); // 49,152
		expect(requestBytesPerGpu(m, 65_536, 1, 1, BF16)).toBe(65_536 * 12 * 4096 + 512 * 33 * 4096);
	});
});

describe("Chunked local attention (kv_cache_interface.py ChunkedLocalAttentionSpec; llama4.py: NoPE layers attend globally)", () => {
	it("Llama-4-Scout: 12 NoPE layers grow, 36 hold at most one 8192-token chunk", () => {
		const m = model("meta-llama--Llama-4-Scout-17B-16E-Instruct");
		const layerToken = 8 * 128 * 2 * 2; // 4,096
		expect(tokenBytesReplica(m, BF16)).toBe(12 * layerToken); // 49,152
		expect(requestBytesPerGpu(m, 4096, 1, 1, BF16)).toBe(48 * 4096 * layerToken);
		expect(requestBytesPerGpu(m, 1_000_000, 1, 1, BF16)).toBe(12 * 1_000_000 * layerToken + 36 * 8192 * layerToken);
	});
});
