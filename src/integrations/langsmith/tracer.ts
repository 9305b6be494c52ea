/**
 * LangSmith tracing behind core's Tracing port (src/core/ports.ts). Off unless
 * LANGSMITH_TRACING=true: then nothing here runs but a pass-through, and no request is made.
 * On, each inbound event is one trace (`trace`), its steps nested under it through the async
 * context (`span`, `wrap`, `event`; outside a live trace they run untraced), and a job continues
 * the trace that enqueued it (`capture` when it is written, `resume` when it runs). Finished runs
 * go out through the exporter (bounded, batched, dropped and counted when LangSmith is away), so
 * tracing never slows or breaks a reply. Feedback on a trace goes out the same way.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { uuid7 } from 'langsmith';
import { noTracing, type RunType, type SpanOptions, type TraceRun, type Tracing } from '../../core/ports.js';
import { createExporter, type Exporter, type ExporterHooks, type ExporterOptions, type ExporterStats } from './exporter.js';
import { scrub } from './redact.js';
import { isCarrier, Run, type TraceCarrier } from './runs.js';

export type { TraceCarrier } from './runs.js';

export interface LangSmithSettings {
  tracing: boolean;
  apiKey: string | null;
  endpoint: string | null;
  project: string | null;
}

/** How a job carries the trace it was enqueued in, and continues it when it runs (src/jobs). */
export interface JobTracing {
  /** The trace in progress here, to store with a job; null outside one (or when off). */
  capture(): TraceCarrier | null;
  /** Runs `fn` as a step of the stored trace; with none, outside any trace (never the one that happened to start the worker). */
  resume<R>(carrier: unknown, name: string, opts: SpanOptions<Awaited<R>>, fn: (run: TraceRun) => Promise<R>): Promise<R>;
}

export interface TraceFeedback {
  /** The trace (its first run's id). */
  traceId: string;
  key: string;
  score: number | null;
  value?: unknown;
  correction?: unknown;
  comment?: string;
  /** When the trace started, if known (helps the collector find it). */
  startTime?: Date | null;
  sourceInfo?: Record<string, unknown>;
}

export interface LangSmithTracing extends Tracing, JobTracing {
  feedback(f: TraceFeedback): void;
  stats(): ExporterStats;
  close(): Promise<void>;
}

const quiet: TraceRun = { traceId: null, output() {}, metadata() {}, tag() {}, person() {} };

export const noJobTracing: JobTracing = {
  capture: () => null,
  resume: (_c, _n, _o, fn) => fn(quiet),
};

export function createLangSmithTracer(settings: LangSmithSettings, opts: { exporter?: ExporterOptions; hooks?: ExporterHooks } = {}): LangSmithTracing {
  if (!settings.tracing) {
    return { ...noTracing, ...noJobTracing, feedback() {}, stats: () => ({ queued: 0, sent: 0, dropped: { queue_full: 0, send_failed: 0 } }), close: async () => {} };
  }
  const exporter: Exporter = createExporter({ apiUrl: settings.endpoint, apiKey: settings.apiKey }, opts.exporter, opts.hooks);
  const project = settings.project;
  const store = new AsyncLocalStorage<Run>();

  const handle = (run: Run): TraceRun => ({
    traceId: run.traceId,
    output: (v) => run.output(v),
    metadata: (v) => run.metadata(v),
    tag: (...t) => run.tag(...t),
    person: (id) => run.person(id),
  });

  function finish(run: Run, result: unknown, outputs: ((r: never) => Record<string, unknown>) | undefined): void {
    try {
      if (outputs) run.output(outputs(result as never));
      exporter.enqueue({ kind: 'run', run: run.end(project) });
    } catch {
      // A trace that cannot be built is not worth a reply.
    }
  }
  function failed(run: Run, err: unknown): void {
    try {
      run.fail(err);
      exporter.enqueue({ kind: 'run', run: run.end(project) });
    } catch {
      // as above
    }
  }

  /** Runs `fn` inside `run`; the run ends when its result (or promise) settles. */
  function within<R>(run: Run, opts: SpanOptions<Awaited<R>>, fn: (run: TraceRun) => R): R {
    return store.run(run, () => {
      let result: R;
      try {
        result = fn(handle(run));
      } catch (err) {
        failed(run, err);
        throw err;
      }
      if (result && typeof (result as { then?: unknown }).then === 'function') {
        return (result as unknown as Promise<Awaited<R>>).then(
          (v) => (finish(run, v, opts.outputs as never), v),
          (err: unknown) => {
            failed(run, err);
            throw err;
          },
        ) as R;
      }
      finish(run, result, opts.outputs as never);
      return result;
    });
  }

  function start(name: string, runType: RunType, opts: SpanOptions<never>, parent: ReturnType<Run['asParent']> | null): Run | null {
    try {
      return new Run(name, runType, opts.inputs ?? {}, parent, opts.metadata, opts.tags);
    } catch {
      return null;
    }
  }

  const live = () => {
    const parent = store.getStore();
    return parent && !parent.ended ? parent : null;
  };

  const tracing: LangSmithTracing = {
    enabled: true,
    trace(name, opts, fn) {
      const run = start(name, opts.runType ?? 'chain', opts as SpanOptions<never>, null);
      return run ? within(run, opts, fn) : fn(quiet);
    },
    span(name, opts, fn) {
      const parent = live();
      const run = parent ? start(name, opts.runType ?? 'chain', opts as SpanOptions<never>, parent.asParent()) : null;
      return run ? within(run, opts, fn) : fn(quiet);
    },
    event(name, opts) {
      const parent = live();
      if (!parent) return;
      const run = start(name, opts.runType ?? 'chain', { ...(opts.inputs ? { inputs: opts.inputs } : {}), ...(opts.metadata ? { metadata: opts.metadata } : {}) }, parent.asParent());
      if (run) finish(run, null, () => opts.outputs ?? {});
    },
    wrap(name, fn, opts) {
      return (...args) => tracing.span(name, { runType: opts?.runType ?? 'chain', inputs: { args }, ...(opts?.metadata ? { metadata: opts.metadata } : {}), outputs: (r) => ({ output: r }) }, () => fn(...args));
    },
    capture() {
      const run = live();
      return run ? { traceId: run.traceId, parentId: run.id, dottedOrder: run.dottedOrder } : null;
    },
    resume<R>(carrier: unknown, name: string, opts: SpanOptions<Awaited<R>>, fn: (run: TraceRun) => Promise<R>): Promise<R> {
      if (!isCarrier(carrier)) return store.exit(() => fn(quiet));
      // The remote parent is a stand-in: never sent, only its place in the trace is used.
      const parent = { traceId: carrier.traceId, id: carrier.parentId, dottedOrder: carrier.dottedOrder, order: 1 };
      const run = start(name, opts.runType ?? 'chain', opts as SpanOptions<never>, parent);
      return run ? within<Promise<R>>(run, opts as SpanOptions<Awaited<Promise<R>>>, fn) : store.exit(() => fn(quiet));
    },
    feedback(f) {
      exporter.enqueue({
        kind: 'feedback',
        feedback: {
          id: uuid7(),
          run_id: f.traceId,
          trace_id: f.traceId,
          key: f.key,
          score: f.score,
          ...(f.value !== undefined ? { value: scrub(f.value) } : {}),
          ...(f.correction !== undefined ? { correction: scrub(f.correction) } : {}),
          ...(f.comment ? { comment: scrub(f.comment) as string } : {}),
          ...(f.startTime ? { start_time: f.startTime.toISOString() } : {}),
          feedback_source: { type: 'app', metadata: (scrub(f.sourceInfo ?? {}) as Record<string, unknown>) },
        },
      });
    },
    flush: () => exporter.flush(),
    stats: () => exporter.stats(),
    close: () => exporter.close(),
  };
  return tracing;
}
