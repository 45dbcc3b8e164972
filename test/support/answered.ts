// A command's JSON when it answered (exit code 0), typed by its schema (commands/json.ts); a test fails
// at once with the error when the request was not understood.
import type { CommandJson } from "../../commands/json.js";
import type { CommandResult } from "../../commands/result.js";

export function answered<J extends CommandJson>(result: CommandResult<J>): J {
	if (result.exitCode !== 0) throw new Error(`not answered: ${JSON.stringify(result.json.error)}`);
	return result.json;
}
