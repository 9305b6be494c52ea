/**
 * Rivet's Prometheus metrics (prom-client), on a registry of its own per running Rivet: what came
 * in and went out per chat platform, what Rivet understood (intents, confidence bands, how "which
 * machine?" went, hand-overs, people's corrections), Atlas latency and errors per endpoint, the
 * job queues (both modes) and their failures, refused webhooks, platform rate limits, and the
 * trace exporter. GET /metrics serves `registry.metrics()` (src/api/routes/metrics.ts).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Confidence bands of an intent: below 0.5 Rivet hands over, from 0.8 it acts without a second thought. */
export function confidenceBand(confidence: number): 'low' | 'medium' | 'high' {
  return confidence < 0.5 ? 'low' : confidence < 0.8 ? 'medium' : 'high';
}

export function createMetrics(opts: { defaults?: boolean } = {}) {
  const registry = new Registry();
  if (opts.defaults ?? true) collectDefaultMetrics({ register: registry, prefix: 'rivet_process_' });
  const registers = [registry];

  const metrics = {
    registry,
    messagesIn: new Counter({ name: 'rivet_messages_in_total', help: 'Inbound chat events handled by the chat engine', labelNames: ['channel', 'event', 'origin'], registers }),
    messagesOut: new Counter({ name: 'rivet_messages_out_total', help: 'Chat messages delivered to a platform', labelNames: ['channel', 'kind'], registers }),
    sendFailures: new Counter({ name: 'rivet_message_send_failures_total', help: 'Chat sends a platform refused or that failed', labelNames: ['channel', 'reason'], registers }),
    rateLimited: new Counter({ name: 'rivet_chat_rate_limited_total', help: 'Sends the platform answered with 429 (Telegram retry_after)', labelNames: ['channel'], registers }),
    intents: new Counter({ name: 'rivet_intents_total', help: 'Messages understood, by intent', labelNames: ['channel', 'intent'], registers }),
    confidence: new Counter({ name: 'rivet_intent_confidence_total', help: 'Messages understood, by confidence band (low < 0.5 <= medium < 0.8 <= high)', labelNames: ['intent', 'band'], registers }),
    disambiguation: new Counter({ name: 'rivet_disambiguation_total', help: 'How the machine of a report was settled', labelNames: ['outcome'], registers }),
    handovers: new Counter({ name: 'rivet_handovers_total', help: 'Messages handed over to a person (supervisor)', labelNames: ['topic', 'delivered'], registers }),
    feedback: new Counter({ name: 'rivet_feedback_total', help: "People's judgements on what Rivet understood (score 0: corrected)", labelNames: ['kind', 'source', 'score'], registers }),
    atlasLatency: new Histogram({
      name: 'rivet_atlas_request_duration_seconds', help: 'Atlas HTTP requests (each attempt), by endpoint',
      labelNames: ['method', 'endpoint', 'status'], buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers,
    }),
    atlasErrors: new Counter({ name: 'rivet_atlas_request_errors_total', help: 'Atlas requests that failed (HTTP 4xx/5xx, timeout, network)', labelNames: ['method', 'endpoint', 'reason'], registers }),
    jobs: new Counter({ name: 'rivet_jobs_total', help: 'Job runs by outcome (failed: for good; retry: will run again)', labelNames: ['queue', 'job', 'outcome'], registers }),
    jobDuration: new Histogram({ name: 'rivet_job_duration_seconds', help: 'Job run time', labelNames: ['queue'], buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60], registers }),
    queueDepth: new Gauge({ name: 'rivet_job_queue_depth', help: 'Jobs per queue and state (read at scrape time)', labelNames: ['mode', 'queue', 'state'], registers }),
    webhooks: new Counter({ name: 'rivet_webhook_deliveries_total', help: 'Webhook deliveries by result', labelNames: ['source', 'result'], registers }),
    webhookRejections: new Counter({ name: 'rivet_webhook_rejections_total', help: 'Webhook deliveries refused or ignored, by reason', labelNames: ['source', 'reason'], registers }),
    traceSent: new Counter({ name: 'rivet_trace_items_sent_total', help: 'Trace runs and feedback sent to LangSmith', registers }),
    traceDropped: new Counter({ name: 'rivet_trace_items_dropped_total', help: 'Trace runs and feedback dropped (queue full, or LangSmith down)', labelNames: ['reason'], registers }),
  };
  // Known label values start at 0, so rates work from the first scrape.
  for (const reason of ['queue_full', 'send_failed']) metrics.traceDropped.inc({ reason }, 0);
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Reads queue depths when scraped (the job system counts both modes the same way). */
export function watchQueues(metrics: Metrics, jobs: { mode: string; health(): Promise<{ queues: Record<string, { waiting: number; active: number; delayed: number; failed: number }> | null }> }): void {
  const gauge = metrics.queueDepth;
  Object.assign(gauge, {
    async collect() {
      const health = await jobs.health().catch(() => null);
      gauge.reset();
      for (const [queue, c] of Object.entries(health?.queues ?? {})) {
        for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) gauge.set({ mode: jobs.mode, queue, state }, c[state]);
      }
    },
  });
}
