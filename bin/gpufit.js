#!/usr/bin/env node
// Entry point: the compiled CLI (built by `npm ci` through the `prepare` script).
import { main } from "../dist/src/transports/cli.js";

process.exitCode = await main(process.argv.slice(2));
