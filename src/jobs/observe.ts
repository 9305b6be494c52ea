/**
 * What the job pipeline lets others watch, without knowing them: each run's outcome and duration
 * (metrics) and the trace a job continues (LangSmith: the carrier stored with the job when it is
 * written inside a trace, resumed when it runs). Wiring gives the real ones; both are optional.
 */
import type { TraceRun } from '../core/ports.js';

export interface JobTracing {
  /** The trace in progress, to store with a job written now; null outside one. */
  capture(): unknown | null;
  /** Runs `fn` as a step of the stored trace; with none, outside any trace. */
  resume<R>(carrier: unknown, name: string, opts: { runType?: 'chain'; inputs?: Record<string, unknown>; metadata?: Record<string, unknown>; outputs?: (r: Awaited<R>) => Record<string, unknown> }, fn: (run: TraceRun) => Promise<R>): Promise<R>;
}

export type RunOutcome = 'done' | 'parked' | 'postponed' | 'retry' | 'failed';

export interface JobObservers {
  tracing?: JobTracing;
  /** After each run of a job: what came of it and how long it took. */
  settled?(job: { queue: string; name: string }, outcome: RunOutcome, ms: number): void;
}
