/**
 * Core's Observer port (core/observe) made real: what the engine and oversight observe is counted
 * (metrics.ts), and people's judgements are written to the feedback table and, when tracing is on
 * and the message had a trace, sent to LangSmith as feedback on it (key = the kind, score 0/1,
 * the correction attached). Sending never waits for LangSmith: it is queued with the traces.
 */
import type { Logger } from 'pino';
import type { Observer } from '../core/observe/index.js';
import type { Clock } from '../core/ports.js';
import type { FeedbackRecords } from '../db/stores/feedback.js';
import type { TraceFeedback } from '../integrations/langsmith/index.js';
import { confidenceBand, type Metrics } from './metrics.js';

export function createObserver(deps: {
  metrics: Metrics | null;
  records: FeedbackRecords | null;
  /** LangSmith feedback (null when tracing is off). */
  traces: { feedback(f: TraceFeedback): void } | null;
  clock: Clock;
  logger: Logger;
}): Observer {
  const m = deps.metrics;
  return {
    note(o, where) {
      if (!m) return;
      switch (o.type) {
        case 'inbound':
          m.messagesIn.inc({ channel: where.channel, event: o.event, origin: o.origin });
          return;
        case 'understood':
          m.intents.inc({ channel: where.channel, intent: o.intent });
          m.confidence.inc({ intent: o.intent, band: confidenceBand(o.confidence) });
          return;
        case 'disambiguation':
          m.disambiguation.inc({ outcome: o.outcome });
          return;
        case 'handover':
          m.handovers.inc({ topic: o.topic, delivered: String(o.delivered) });
          return;
      }
    },

    async feedback(f) {
      const recorded = deps.records ? await deps.records.record(f) : null;
      // A repeated cause (a redelivered tap) is neither counted nor sent again.
      if (deps.records && !recorded) return;
      m?.feedback.inc({ kind: f.kind, source: f.source, score: f.score === null ? 'none' : String(f.score) });
      if (!recorded || !deps.records) return;
      const { row, messageAt } = recorded;
      deps.logger.info({ kind: f.kind, source: f.source, score: f.score, eventKey: row.eventKey, traced: !!row.traceId }, 'feedback recorded');
      if (!deps.traces || !row.traceId) return;
      deps.traces.feedback({
        traceId: row.traceId,
        key: f.kind,
        score: f.score,
        correction: f.corrected,
        startTime: messageAt,
        sourceInfo: { source: f.source, rivetFeedbackId: row.id },
      });
      await deps.records.markSent(row.id, deps.clock.now());
    },
  };
}
