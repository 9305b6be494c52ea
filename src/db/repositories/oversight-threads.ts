/**
 * Supervisor threads (schema.ts `oversight_threads`): opened once per cause, found by their
 * first message, changed with compare-and-set where two supervisors could race (take-over,
 * escalation, the first message's id).
 */
import { and, desc, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { oversightThreads } from '../schema.js';

export type ThreadRow = typeof oversightThreads.$inferSelect;
export type NewThreadRow = typeof oversightThreads.$inferInsert;

const t = oversightThreads;
const merge = (patch: object) => sql`${t.card} || ${JSON.stringify(patch)}::jsonb`;

export function createOversightThreadRepository(db: Db) {
  const one = async (where: ReturnType<typeof and>): Promise<ThreadRow | null> => {
    const [row] = await db.select().from(t).where(where).limit(1);
    return row ?? null;
  };
  return {
    async open(row: NewThreadRow): Promise<{ row: ThreadRow; created: boolean }> {
      const [created] = await db.insert(t).values(row).onConflictDoNothing().returning();
      if (created) return { row: created, created: true };
      const existing = (await one(eq(t.openedBy, row.openedBy)))
        ?? (row.workOrderId != null ? await one(and(eq(t.organizationId, row.organizationId), eq(t.workOrderId, row.workOrderId))) : null);
      if (!existing) throw new Error(`oversight thread ${row.openedBy} neither created nor found`);
      return { row: existing, created: false };
    },
    get: (id: string) => one(eq(t.id, id)),
    byRoot: (channelId: string, rootMessageId: string) => one(and(eq(t.channelId, channelId), eq(t.rootMessageId, rootMessageId))),
    ofWorkOrder: (organizationId: string, workOrderId: number) => one(and(eq(t.organizationId, organizationId), eq(t.workOrderId, workOrderId))),
    async takenOverOf(personId: string): Promise<ThreadRow | null> {
      const [row] = await db.select().from(t).where(and(eq(t.personId, personId), isNotNull(t.takenOverBy))).orderBy(desc(t.updatedAt)).limit(1);
      return row ?? null;
    },
    openQuestionsOf: (personId: string) =>
      db.select().from(t).where(and(eq(t.personId, personId), eq(t.kind, 'question'), isNull(t.resolvedAt))).orderBy(desc(t.createdAt)).limit(20),
    ofConversation: (conversationId: string) =>
      db.select().from(t).where(eq(t.conversationId, conversationId)).orderBy(desc(t.createdAt)).limit(50),
    openMachineQuestions: (organizationId: string, limit: number) =>
      db.select().from(t).where(and(eq(t.organizationId, organizationId), eq(t.topic, 'which_asset'), isNull(t.resolvedAt))).orderBy(desc(t.createdAt)).limit(limit),
    async change(id: string, c: { card?: object; priority?: string | null; touchedAt?: Date; resolvedAt?: Date | null }): Promise<ThreadRow | null> {
      const [row] = await db
        .update(t)
        .set({
          ...(c.card ? { card: merge(c.card), revision: sql`${t.revision} + 1` } : {}),
          ...(c.priority !== undefined ? { priority: c.priority } : {}),
          ...(c.touchedAt ? { touchedAt: c.touchedAt } : {}),
          ...(c.resolvedAt !== undefined ? { resolvedAt: c.resolvedAt } : {}),
          updatedAt: new Date(),
        })
        .where(eq(t.id, id))
        .returning();
      return row ?? null;
    },
    async takeOver(id: string, by: { personId: string; name: string } | null, expected: string | null): Promise<ThreadRow | null> {
      const [row] = await db
        .update(t)
        .set({ takenOverBy: by?.personId ?? null, card: merge({ takenOverBy: by?.name ?? null }), revision: sql`${t.revision} + 1`, updatedAt: new Date() })
        .where(and(eq(t.id, id), expected === null ? isNull(t.takenOverBy) : eq(t.takenOverBy, expected)))
        .returning();
      return row ?? null;
    },
    untouched: (before: Date, limit: number) =>
      db
        .select()
        .from(t)
        .where(and(eq(t.priority, 'HIGH'), isNull(t.touchedAt), isNull(t.escalatedAt), isNull(t.resolvedAt), isNotNull(t.rootMessageId), lte(t.createdAt, before)))
        .orderBy(t.createdAt)
        .limit(limit),
    async markEscalated(id: string, at: Date): Promise<boolean> {
      const rows = await db.update(t).set({ escalatedAt: at, updatedAt: new Date() }).where(and(eq(t.id, id), isNull(t.escalatedAt))).returning({ id: t.id });
      return rows.length === 1;
    },
    async rootPosted(id: string, channelId: string, messageId: string): Promise<void> {
      await db
        .update(t)
        .set({ rootMessageId: messageId, channelId, updatedAt: new Date() })
        .where(and(eq(t.id, id), isNull(t.rootMessageId)));
    },
  };
}
export type OversightThreadRepository = ReturnType<typeof createOversightThreadRepository>;
