// PRICE_POST_CRON (in PRICE_POST_TZ) runs the price-update job. Each run is named by its scheduled time, the
// pattern's latest match at or before the moment croner fired it (croner's own date of the run), so every replica
// claims the same key for the same run, and a timer that fires on the exact second keeps its own slot's name
// (previousRuns alone excludes its reference and would name the slot before). One run at a time: a slot that
// comes while a run is still working is skipped and says so; a watchdog logs a run stuck past PRICE_POST_WATCHDOG_MS,
// stops it and lets the next slot run. While the state store is unreachable (Redis down) slots are skipped and logged.
import { Cron } from "croner";
import { type PriceJobDeps, type PriceRunResult, runPricePost } from "./price-job.js";

export interface PriceSchedule {
	/** Runs the job now as if scheduled at `at` (default: now); what tests and operators use. */
	trigger: (at?: Date) => Promise<PriceRunResult>;
	nextRun: () => Date | null;
	/** Stops the timer, tells a run in progress to start nothing more, and waits for it (it releases its claims). */
	stop: () => Promise<void>;
}

/** The scheduled time of a run croner fired at `fired`: the pattern's latest match at or before it. */
export function scheduledSlot(job: Cron, fired: Date): Date {
	return job.previousRuns(1, new Date(fired.getTime() + 1))[0] ?? fired;
}

interface Running {
	at: Date;
	controller: AbortController;
}

export function schedulePricePosts(pattern: string, timeZone: string, deps: PriceJobDeps, watchdogMs: number): PriceSchedule {
	const { log } = deps;
	/** Runs not abandoned by the watchdog: a stop waits for these. */
	const inFlight = new Set<Promise<unknown>>();
	let current: Running | null = null;
	/** Every run not finished (a trigger may overlap a scheduled run): a stop tells each to start nothing more. */
	const running = new Set<AbortController>();
	const start = (at: Date): Promise<PriceRunResult> => {
		const run: Running = { at, controller: new AbortController() };
		current = run;
		running.add(run.controller);
		const p = runPricePost(deps, at, run.controller.signal);
		const watchdog = setTimeout(() => {
			log.error("price post run stuck; stopped and left behind, the next scheduled run goes ahead", {
				scheduledAt: at.toISOString(),
				watchdogMs,
			});
			run.controller.abort();
			running.delete(run.controller);
			inFlight.delete(tracked);
			if (current === run) current = null;
		}, watchdogMs);
		watchdog.unref();
		const tracked = p
			.catch(() => {})
			.finally(() => {
				clearTimeout(watchdog);
				running.delete(run.controller);
				inFlight.delete(tracked);
				if (current === run) current = null;
			});
		inFlight.add(tracked);
		return p;
	};
	const job = new Cron(
		pattern,
		{
			timezone: timeZone,
			catch: (e) => log.error("price post run failed", { error: e instanceof Error ? e.message : String(e) }),
		},
		async (self) => {
			const at = scheduledSlot(self, self.currentRun() ?? new Date());
			const scheduledAt = at.toISOString();
			if (current) {
				log.warn("price post slot skipped: the previous run is still working", {
					scheduledAt,
					working: current.at.toISOString(),
				});
				return;
			}
			const health = deps.state.health();
			if (!health.ok) {
				log.warn("price post slot skipped: waiting for the state store", {
					scheduledAt,
					store: health.kind,
					error: health.error,
				});
				return;
			}
			const result = await start(at);
			log.info("price post run", { scheduledAt, status: result.status });
		},
	);
	log.info("price posts scheduled", { cron: pattern, timeZone, next: job.nextRun()?.toISOString() ?? null });
	return {
		trigger: (at = new Date()) => start(at),
		nextRun: () => job.nextRun(),
		stop: async () => {
			job.stop();
			for (const c of running) c.abort();
			await Promise.all(inFlight);
		},
	};
}
