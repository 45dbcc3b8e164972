// Every outbound call of the scheduler has an end: the clients' own timeouts cut a request that hangs, and this
// bound covers the rest (a client's queue, a retry after a 5xx), so a run can never wait forever on one call.

export class DeadlineError extends Error {
	override name = "DeadlineError";
}

/** `work`, or a DeadlineError once `ms` have passed (the work itself is left to its own timeout). */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new DeadlineError(`${what}: no answer within ${ms} ms`)), ms);
	});
	try {
		return await Promise.race([work, late]);
	} finally {
		clearTimeout(timer);
	}
}
