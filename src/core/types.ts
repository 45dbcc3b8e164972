import type { CheckpointFormat, GpuEngine } from "../catalog/schema.js";
import type { Gpu, Model } from "../catalog/types.js";
import type { KvFormat } from "./formats.js";
import type { LayoutRequest, Parallel } from "./layout.js";
import type { Blocker, Reason } from "./reasons.js";

/** The inference engines sized for; MLX runs on Apple silicon only. The catalog names them too (schema gpuEngine). */
export type EngineId = GpuEngine;
export const ENGINE_IDS: readonly EngineId[] = ["vllm", "sglang", "trtllm", "llamacpp", "mlx"];

/** A request whose names are resolved to catalog records: the input of the sizing core. */
export interface SizingRequest {
	model: Model;
	gpu: Gpu;
	count: number;
	nodes: number;
	gpusPerNode: number;
	/** Requested weight format; "native" is the checkpoint as published. */
	precision: CheckpointFormat | "native";
	/** Tokens per request; null means the model's full context. */
	context: number | null;
	users: number;
	engine: EngineId;
	/** The engine was named in the request (a GGUF precision may otherwise switch it). */
	engineExplicit: boolean;
	kv: KvFormat | null;
	util: number | null;
	/** The words typed fit several releases and the newest was taken: what was typed, the other releases' names. */
	release?: { typed: string; others: string[] };
	/** A layout the request names (`layout dp8 ep`); absent: the engines' usual one. */
	layout?: LayoutRequest;
	/** Speculative decoding the request names (`spec mtp`, `spec eagle accept 0.7`); absent: none. */
	spec?: SpecRequest;
	/** Prompt tokens the time to first token is for (`prompt 8k`); absent: the contract's 4096. */
	prompt?: number;
}

/** `spec mtp|eagle [accept <0..1>]`: a draft method and, where given, the share of drafted tokens accepted. */
export interface SpecRequest {
	method: "mtp" | "eagle";
	accept?: number;
}

export type Verdict = "fits" | "tight" | "no-fit";

interface MemoryFigures {
	weightsBytes: number;
	kvBytesPerToken: number;
	kvBytes: number;
	overheadBytes: number;
	capacityBytes: number;
	marginBytes: number;
}

export interface Limits {
	maxKvTokens: number;
	maxContext: number;
	maxUsersAtContext: number;
}

export interface Cost {
	tier: string;
	hourlyUsd: number | null;
	hourlyProvider: string | null;
	purchaseUsd: number | null;
	purchaseCny: number | null;
	powerKw: number;
	/** The date of the prices shown: the older of the rental's and the purchase price's (the catalog's when neither). */
	pricesAsOf: string;
	/** The date of the rental price shown, and of the purchase price. */
	hourlyAsOf: string | null;
	purchaseAsOf: string | null;
}

/** The sizing core's answer for one request: everything the reply and the JSON are built from. */
export interface Sizing {
	verdict: Verdict;
	request: SizingRequest;
	engine: EngineId;
	/** The engine and the release line its memory rules follow ("vllm 0.19"); null where they follow none (llama.cpp, MLX). */
	engineVersion: string | null;
	precision: { weights: CheckpointFormat; kvCache: KvFormat; requested: CheckpointFormat };
	layout: Parallel;
	context: number;
	users: number;
	memory: MemoryFigures;
	perGpu: {
		usableBytes: number;
		weightsBytes: number;
		overheadBytes: number;
		kvBudgetBytes: number;
		kvBytesPerToken: number;
	};
	limits: Limits;
	cost: Cost;
	/** Why: rules that changed the answer (upcasts, replication, engine rules). */
	notes: Reason[];
	/** Set when the hardware or engine cannot run the model at all. */
	blocker: Blocker | null;
}
