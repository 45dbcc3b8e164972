// PRICE_POST_CRON (in PRICE_POST_TZ) runs the price-update job. Each run is named by its scheduled
// time, not the moment the timer fired, so every replica claims the same key for the same run.
import { Cron } from "croner";
import { type PriceJobDeps, type PriceRunResult, runPricePost } from "./price-job.js";

export interface PriceSchedule {
	/** Runs the job now as if scheduled at `at` (default: now); what tests and operators use. */
	trigger: (at?: Date) => Promise<PriceRunResult>;
	nextRun: () => Date | null;
	/** Stops the timer and waits for a run in progress. */
	stop: () => Promise<void>;
}

export function schedulePricePosts(pattern: string, timeZone: string, deps: PriceJobDeps): PriceSchedule {
	const inFlight = new Set<Promise<unknown>>();
	const run = (at: Date): Promise<PriceRunResult> => {
		const p = runPricePost(deps, at);
		const tracked = p.catch(() => {}).finally(() => inFlight.delete(tracked));
		inFlight.add(tracked);
		return p;
	};
	const job = new Cron(
		pattern,
		{
			timezone: timeZone,
			protect: true,
			catch: (e) => deps.log.error("price post run failed", { error: e instanceof Error ? e.message : String(e) }),
		},
		async (self) => {
			// The latest match at or before now: the run's nominal time, the same on every replica.
			const at = self.previousRuns(1, new Date())[0] ?? new Date();
			const result = await run(at);
			deps.log.info("price post run", { scheduledAt: at.toISOString(), status: result.status });
		},
	);
	deps.log.info("price posts scheduled", { cron: pattern, timeZone, next: job.nextRun()?.toISOString() ?? null });
	return {
		trigger: (at = new Date()) => run(at),
		nextRun: () => job.nextRun(),
		stop: async () => {
			job.stop();
			await Promise.all(inFlight);
		},
	};
}
