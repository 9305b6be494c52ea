/** Questions parked jobs asked people; answered or expired exactly once (compare-and-set). */
import { and, desc, eq, gt, isNull, lte } from 'drizzle-orm';
import type { Db } from '../client.js';
import { pendingQuestions } from '../schema.js';

export type PendingQuestion = typeof pendingQuestions.$inferSelect;
export type NewPendingQuestion = typeof pendingQuestions.$inferInsert;

export function createPendingQuestionRepository(db: Db) {
  const open = and(isNull(pendingQuestions.answeredAt), isNull(pendingQuestions.expiredAt));
  return {
    async create(q: NewPendingQuestion): Promise<PendingQuestion> {
      const [row] = await db.insert(pendingQuestions).values(q).returning();
      return row!;
    },
    async get(id: string): Promise<PendingQuestion | null> {
      const [row] = await db.select().from(pendingQuestions).where(eq(pendingQuestions.id, id));
      return row ?? null;
    },
    /** Records the answer if the question is still open and not past its time; the row, or null. */
    async answer(id: string, answer: unknown, now: Date): Promise<PendingQuestion | null> {
      const [row] = await db
        .update(pendingQuestions)
        .set({ answer: answer as never, answeredAt: now })
        .where(and(eq(pendingQuestions.id, id), open, gt(pendingQuestions.expiresAt, now)))
        .returning();
      return row ?? null;
    },
    /** Ids of open questions past their time. */
    async due(now: Date, limit = 100): Promise<string[]> {
      const rows = await db
        .select({ id: pendingQuestions.id })
        .from(pendingQuestions)
        .where(and(open, lte(pendingQuestions.expiresAt, now)))
        .limit(limit);
      return rows.map((r) => r.id);
    },
    /** Marks one open question expired; the row, or null when it was answered or expired meanwhile. */
    async expire(id: string, now: Date): Promise<PendingQuestion | null> {
      const [row] = await db.update(pendingQuestions).set({ expiredAt: now }).where(and(eq(pendingQuestions.id, id), open)).returning();
      return row ?? null;
    },
    /** Open questions of one chat, newest first (the bot routes a free-text reply to the latest). */
    async openForChat(channel: string, chatId: string): Promise<PendingQuestion[]> {
      return db
        .select()
        .from(pendingQuestions)
        .where(and(eq(pendingQuestions.askedChannel, channel), eq(pendingQuestions.askedChatId, chatId), open))
        .orderBy(desc(pendingQuestions.createdAt));
    },
  };
}
export type PendingQuestionRepository = ReturnType<typeof createPendingQuestionRepository>;
