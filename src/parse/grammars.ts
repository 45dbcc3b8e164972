// Each command's grammar and a request of it that works, by name: what error cards and help show as typed.
import { COMPARE_EXAMPLE, COMPARE_GRAMMAR } from "./compare-grammar.js";
import { EXAMPLE, GRAMMAR, type GrammarName } from "./errors.js";
import { RECOMMEND_EXAMPLE, RECOMMEND_GRAMMAR } from "./recommend-grammar.js";

export const GRAMMARS: Record<GrammarName, string> = { fit: GRAMMAR, compare: COMPARE_GRAMMAR, recommend: RECOMMEND_GRAMMAR };
export const EXAMPLES: Record<GrammarName, string> = { fit: EXAMPLE, compare: COMPARE_EXAMPLE, recommend: RECOMMEND_EXAMPLE };
