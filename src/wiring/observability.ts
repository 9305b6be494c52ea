/**
 * The observability part: Prometheus metrics, LangSmith tracing (a no-op making no request unless
 * LANGSMITH_TRACING=true), and the observer core reports its decisions and people's corrections
 * to (metrics + the feedback table + feedback on the trace). Other parts take what they need from
 * it: Atlas its watched fetch, the job pipeline its observers, the chat engine and oversight the
 * tracing and the observer, HTTP the /metrics registry. Closed last, so the runs of the jobs that
 * finish during shutdown still go out.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Observer } from '../core/observe/index.js';
import type { Clock } from '../core/ports.js';
import { createFeedbackRecords } from '../db/stores/feedback.js';
import { createLangSmithTracer, type ExporterOptions, type LangSmithTracing } from '../integrations/langsmith/index.js';
import type { JobObservers } from '../jobs/index.js';
import type { Lifecycle } from '../lifecycle.js';
import { createMetrics, type Metrics } from '../observability/metrics.js';
import { createObserver } from '../observability/observer.js';
import type { DatabasePart } from './database.js';

export interface ObservabilityPart {
  metrics: Metrics;
  tracing: LangSmithTracing;
  observer: Observer;
  jobObservers: JobObservers;
}

export function wireObservability(deps: { config: Config; logger: Logger; clock: Clock; lifecycle: Lifecycle; data: DatabasePart; exporter?: ExporterOptions }): ObservabilityPart {
  const metrics = createMetrics();
  const log = deps.logger.child({ component: 'tracing' });
  const tracing = createLangSmithTracer(deps.config.langsmith, {
    ...(deps.exporter ? { exporter: deps.exporter } : {}),
    hooks: {
      sent: (n) => metrics.traceSent.inc(n),
      dropped: (n, reason) => metrics.traceDropped.inc({ reason }, n),
      health: (s) => (s.ok ? log.info('LangSmith takes traces again') : log.warn({ err: s.error }, 'LangSmith does not take traces; dropping them until it does')),
    },
  });
  if (tracing.enabled) {
    log.info({ endpoint: deps.config.langsmith.endpoint ?? 'LangSmith cloud', project: deps.config.langsmith.project ?? 'default' }, 'tracing to LangSmith');
    deps.lifecycle.onShutdown('tracing', () => tracing.close());
  }
  const observer = createObserver({
    metrics,
    records: createFeedbackRecords(deps.data.database.db),
    traces: tracing.enabled ? tracing : null,
    clock: deps.clock,
    logger: deps.logger.child({ component: 'feedback' }),
  });
  const jobObservers: JobObservers = {
    ...(tracing.enabled ? { tracing } : {}),
    settled: (job, outcome, ms) => {
      metrics.jobs.inc({ queue: job.queue, job: job.name, outcome });
      metrics.jobDuration.observe({ queue: job.queue }, ms / 1000);
    },
  };
  return { metrics, tracing, observer, jobObservers };
}
