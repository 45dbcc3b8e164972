// The one deadline policy of every chat platform. Slack and Discord each give a request 3 s for its first
// answer; after that they want an acknowledgement now and the answer later (Slack: an empty ack, then the
// card through response_url; Discord: a deferred response, then an edit of it). An answer goes inline only
// when it is ready before the deadline, counted from the request's arrival, and the clock is read again
// after the work, before sending: work that runs synchronously past the deadline (a busy process, a slow
// command) cannot be raced by a timer, so it is measured instead, and its answer takes the deferred path.

/** How one platform sends the three kinds of response. */
export interface Responder<T> {
	/** The answer as the request's own response. */
	reply: (message: T) => Promise<void>;
	/** An acknowledgement now, the answer later. */
	defer: () => Promise<void>;
	/** The answer after a `defer`. */
	edit: (message: T) => Promise<void>;
}

type ResponseWay = "inline" | "deferred";

const LATE = Symbol("late");

/** The promise's value if it settles within `ms`, else LATE (the promise keeps running). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof LATE> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<typeof LATE>((resolve) => {
		timer = setTimeout(() => resolve(LATE), Math.max(0, ms));
	});
	try {
		return await Promise.race([promise, late]);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Answers through `responder` by `deadlineAt` (a Date.now() time): inline when the message is ready before it,
 * deferred otherwise. `work` may return the message or a promise of it (a hub lookup).
 */
export async function respondBy<T>(
	deadlineAt: number,
	work: () => T | Promise<T>,
	responder: Responder<T>,
	now: () => number = Date.now,
): Promise<ResponseWay> {
	// Already late when the work would start (the request waited in a busy process): acknowledge first.
	if (now() >= deadlineAt) {
		await responder.defer();
		await responder.edit(await work());
		return "deferred";
	}
	const pending = work();
	const message = pending instanceof Promise ? await within(pending, deadlineAt - now()) : pending;
	// Measured after the work, before sending: late is late, however it came about.
	if (message !== LATE && now() < deadlineAt) {
		await responder.reply(message);
		return "inline";
	}
	await responder.defer();
	await responder.edit(message !== LATE ? message : await pending);
	return "deferred";
}
