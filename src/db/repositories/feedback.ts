/**
 * The feedback table: people's judgements on what Rivet understood, one row per cause. Written
 * once (a repeated cause changes nothing), marked when sent to LangSmith, and read back for the
 * report and for `rivet export-misses`.
 */
import { and, asc, eq, gte, isNotNull } from 'drizzle-orm';
import type { Db } from '../client.js';
import { feedback } from '../schema.js';

export type FeedbackRow = typeof feedback.$inferSelect;
export type NewFeedbackRow = typeof feedback.$inferInsert;

export function createFeedbackRepository(db: Db) {
  return {
    /** The row, unless its key was recorded before; null then. */
    async recordOnce(row: NewFeedbackRow): Promise<FeedbackRow | null> {
      const [created] = await db.insert(feedback).values(row).onConflictDoNothing({ target: feedback.key }).returning();
      return created ?? null;
    },
    async markSent(id: string, at: Date): Promise<void> {
      await db.update(feedback).set({ sentAt: at }).where(eq(feedback.id, id));
    },
    /** The confirmation that filed a work order (by its command's key). */
    async confirmationOf(filingKey: string): Promise<FeedbackRow | null> {
      const [row] = await db.select().from(feedback).where(and(eq(feedback.filingKey, filingKey), eq(feedback.kind, 'report_confirmed'))).limit(1);
      return row ?? null;
    },
    /** Everything recorded since `since`, oldest first. */
    async since(organizationId: string, since: Date): Promise<FeedbackRow[]> {
      return db.select().from(feedback).where(and(eq(feedback.organizationId, organizationId), gte(feedback.createdAt, since))).orderBy(asc(feedback.createdAt));
    },
    /** Rows about one message, oldest first. */
    async aboutEvent(eventKey: string): Promise<FeedbackRow[]> {
      return db.select().from(feedback).where(and(eq(feedback.eventKey, eventKey), isNotNull(feedback.eventKey))).orderBy(asc(feedback.createdAt));
    },
  };
}
export type FeedbackRepository = ReturnType<typeof createFeedbackRepository>;
