// A claim held while work goes on: taken with a short time to live and renewed every third of it, so a
// replica that dies (kill -9, a lost host) lets go within one lease and a slow one keeps what it is doing.
// A lease that could not be renewed is lost: the holder stops before its next step.
import type { Logger } from "../log.js";
import type { ClaimOptions, StateStore } from "./state.js";

export interface Lease {
	readonly key: string;
	/** True once a renewal failed or found the claim taken: do not start anything more under it. */
	readonly lost: boolean;
	/** Stops renewing and leaves the claim to hold for `ttlMs` more (a finished run marks its slot as done). */
	keep: (ttlMs: number) => Promise<void>;
	/** Stops renewing and gives the claim up. */
	release: () => Promise<void>;
}

export async function takeLease(
	state: StateStore,
	key: string,
	ttlMs: number,
	log: Logger,
	options: ClaimOptions = {},
): Promise<Lease | null> {
	if (!(await state.claim(key, ttlMs, options))) return null;
	let lost = false;
	const renew = async () => {
		try {
			if (!(await state.renew(key, ttlMs))) lost = true;
		} catch (e) {
			lost = true;
			log.warn("lease not renewed", { key, error: e instanceof Error ? e.message : String(e) });
		}
	};
	const timer = setInterval(() => void renew(), Math.max(10, Math.floor(ttlMs / 3)));
	timer.unref();
	const stop = () => clearInterval(timer);
	return {
		key,
		get lost() {
			return lost;
		},
		keep: async (keepMs) => {
			stop();
			if (!lost) await state.renew(key, keepMs).catch(() => false);
		},
		release: async () => {
			stop();
			await state
				.release(key)
				.catch((e: unknown) =>
					log.warn("claim not released; it expires by itself", { key, error: e instanceof Error ? e.message : String(e) }),
				);
		},
	};
}
