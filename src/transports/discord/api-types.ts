// The values gpufit uses from discord-api-types (enums and Routes), loaded with require. The package is
// CommonJS made of some sixty re-exporting files: imported from an ES module, Node's loader parses every
// one of them for its export names, which triples its load time (about 120 ms instead of 40 at start-up).
// Types still come from a normal (type-only) import.
import { createRequire } from "node:module";

const api = createRequire(import.meta.url)("discord-api-types/v10") as typeof import("discord-api-types/v10");

export const { ApplicationCommandType, InteractionResponseType, InteractionType, MessageFlags, Routes } = api;
