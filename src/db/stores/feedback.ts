/**
 * Feedback as core hands it over (core/observe HumanFeedback), completed from Rivet's records and
 * written once: a judgement about a message finds the message (and the trace it was handled in)
 * by its event key; one about a work order finds the confirmation that filed it, and through it
 * the message and what Rivet had made of it.
 */
import { eq } from 'drizzle-orm';
import type { HumanFeedback } from '../../core/observe/index.js';
import type { Db } from '../client.js';
import { createFeedbackRepository, type FeedbackRow } from '../repositories/feedback.js';
import { messageIdFor } from '../repositories/inbound-messages.js';
import { createWorkOrderLinkRepository } from '../repositories/work-order-links.js';
import { messages } from '../schema.js';

export interface RecordedFeedback {
  row: FeedbackRow;
  /** When the message it is about came in (the trace's start), if known. */
  messageAt: Date | null;
}

export interface FeedbackRecords {
  /** Null when this cause was recorded before. */
  record(f: HumanFeedback): Promise<RecordedFeedback | null>;
  markSent(id: string, at: Date): Promise<void>;
}

export function createFeedbackRecords(db: Db): FeedbackRecords {
  const repo = createFeedbackRepository(db);
  const links = createWorkOrderLinkRepository(db);

  async function message(eventKey: string) {
    const [m] = await db.select({ text: messages.text, payload: messages.payload, createdAt: messages.createdAt }).from(messages).where(eq(messages.id, messageIdFor(eventKey)));
    if (!m) return null;
    const traceId = (m.payload as { traceId?: unknown } | null)?.traceId;
    return { text: m.text, createdAt: m.createdAt, traceId: typeof traceId === 'string' ? traceId : null };
  }

  return {
    async record(f) {
      let eventKey: string | null = null;
      let workOrderId: number | null = null;
      let said: unknown = f.said;
      if ('eventKey' in f.about) eventKey = f.about.eventKey;
      else {
        workOrderId = f.about.workOrderId;
        const link = await links.byAtlasId(f.organizationId, workOrderId);
        const confirmed = link?.idempotencyKey ? await repo.confirmationOf(link.idempotencyKey) : null;
        eventKey = confirmed?.eventKey ?? null;
        said ??= confirmed?.said ?? (link ? { text: link.title, priority: link.priority } : null);
      }
      const m = eventKey ? await message(eventKey) : null;
      // A supervisor's answer knows no more of what Rivet said than that it asked a person.
      if (!said && m && f.kind === 'supervisor_answer') said = { eventKey, text: m.text, intent: 'ask_human' };
      const row = await repo.recordOnce({
        organizationId: f.organizationId,
        key: f.key,
        kind: f.kind,
        source: f.source,
        personId: f.personId,
        eventKey,
        workOrderId,
        filingKey: f.filingKey ?? null,
        traceId: m?.traceId ?? null,
        score: f.score,
        said: (said ?? null) as never,
        corrected: f.corrected as never,
      });
      return row ? { row, messageAt: m?.createdAt ?? null } : null;
    },
    markSent: (id, at) => repo.markSent(id, at),
  };
}
