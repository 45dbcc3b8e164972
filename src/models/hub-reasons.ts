// The hub reader's English for why a model could not be read: logs, /healthz, the CLI, English cards and the JSON.
import type { HubReason } from "./hub-types.js";

const GATED: Record<Extract<HubReason, { why: "gated" }>["token"], (repo: string) => string> = {
	none: (repo) => `"${repo}" is gated: accept its licence on the hub and set HF_TOKEN`,
	refused: (repo) => `"${repo}" is gated and the hub refused HF_TOKEN: check that the token is valid`,
	"no-access": (repo) => `"${repo}" is gated: accept its licence on the hub with the account HF_TOKEN belongs to`,
};

export function hubReasonText(r: HubReason): string {
	switch (r.why) {
		case "not-repo-id":
			return `"${r.repo}" is not a Hugging Face repository id (org/name)`;
		case "timeout":
			return `The Hugging Face hub did not answer within ${r.seconds} s`;
		case "unreachable":
			return `The Hugging Face hub (${r.endpoint}) could not be reached: ${r.detail}`;
		case "status":
			return `The Hugging Face hub (${r.endpoint}) answered ${r.status} for ${r.file === null ? "" : `${r.file} of `}"${r.repo}"`;
		case "unusable-answer":
			return `The Hugging Face hub (${r.endpoint}) gave no usable answer for "${r.repo}"`;
		case "gated":
			return GATED[r.token](r.repo);
		case "no-revision":
			return `No revision "${r.revision}" of "${r.repo}" on the Hugging Face hub`;
		case "no-repo":
			return `No model "${r.repo}" on the Hugging Face hub (${r.endpoint})${r.token ? "" : " (if it is private, set HF_TOKEN)"}`;
		case "no-file":
			return `"${r.repo}" has no ${r.file} at revision ${r.sha}`;
		case "bad-json":
			return `${r.file} of "${r.repo}" is ${r.detail}`;
		case "not-object":
			return `${r.file} of "${r.repo}" is not a JSON object`;
	}
}
