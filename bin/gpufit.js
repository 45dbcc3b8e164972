#!/usr/bin/env node
// Entry point: the bundled CLI (built by `npm ci` through the `prepare` script; see rolldown.config.js).
import { main } from "../dist/bundle/gpufit/cli.js";

process.exitCode = await main(process.argv.slice(2));
