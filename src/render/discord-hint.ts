// A fit request as the /fit options a Discord user would fill in, so that a suggestion can be rerun
// from the slash command (Discord has no free-text request field).
import { parseFit } from "../parse/grammar.js";

const tokensText = (n: number): string => (n % 1024 === 0 ? `${n / 1024}k` : String(n));

/** `/fit model:… hardware:… [option:value…]`, or null when the request uses something /fit has no option for. */
export function fitCommandHint(request: string): string | null {
	const parsed = parseFit(request);
	if (!parsed.ok || parsed.value.util !== undefined) return null;
	const v = parsed.value;
	const h = v.hardware;
	const hardware = h.nodes !== null ? `${h.nodes}x${h.gpusPerNode} ${h.gpu}` : `${h.count}x ${h.gpu}`;
	const parts = [`/fit model:${v.model}`, `hardware:${hardware}`];
	if (v.precision !== undefined) parts.push(`precision:${v.precision}`);
	if (v.context !== undefined) parts.push(`context:${tokensText(v.context)}`);
	if (v.users !== undefined) parts.push(`users:${v.users}`);
	if (v.engine !== undefined) parts.push(`engine:${v.engine}`);
	if (v.kv !== undefined) parts.push(`kv:${v.kv}`);
	return parts.join(" ");
}
