import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { conversations } from '../schema.js';
import { isConversationExpired } from '../../core/conversation/expiry.js';

export type Conversation = typeof conversations.$inferSelect;

export interface OpenResult {
  conversation: Conversation;
  /** The flow state of the conversation that expired to make way for this one, if any. */
  expiredState: unknown | null;
}

export function createConversationRepository(db: Db, opts: { idleMs?: number; maxAgeMs?: number } = {}) {
  async function findOpen(channel: string, chatId: string): Promise<Conversation | null> {
    const [row] = await db
      .select()
      .from(conversations)
      .where(and(eq(conversations.channel, channel), eq(conversations.chatId, chatId), isNull(conversations.closedAt)));
    return row ?? null;
  }

  return {
    findOpen,
    async get(id: string): Promise<Conversation | null> {
      const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
      return row ?? null;
    },
    /**
     * The current conversation of a chat. One idle for 30 minutes (or older than its
     * maximum age) is closed and a new one opened; its pending state is returned so the
     * caller can say it expired.
     */
    async open(input: { organizationId: string; channel: string; chatId: string; userId: string | null; now: Date }): Promise<OpenResult> {
      let expiredState: unknown | null = null;
      const current = await findOpen(input.channel, input.chatId);
      if (current) {
        if (!isConversationExpired(current, input.now, opts)) {
          const [row] = await db
            .update(conversations)
            .set({ lastActivityAt: input.now, userId: current.userId ?? input.userId })
            .where(eq(conversations.id, current.id))
            .returning();
          return { conversation: row!, expiredState: null };
        }
        expiredState = current.state ?? null;
        await db.update(conversations).set({ closedAt: input.now }).where(eq(conversations.id, current.id));
      }
      const [created] = await db
        .insert(conversations)
        .values({
          organizationId: input.organizationId,
          channel: input.channel,
          chatId: input.chatId,
          userId: input.userId,
          lastActivityAt: input.now,
          createdAt: input.now,
        })
        .onConflictDoNothing()
        .returning();
      if (created) return { conversation: created, expiredState };
      // A concurrent update opened it first.
      return { conversation: (await findOpen(input.channel, input.chatId))!, expiredState };
    },
    /**
     * Writes the flow state if nobody else changed it since `expectedVersion`.
     * Returns false on a conflict (e.g. a double tap handled concurrently).
     */
    async saveState(id: string, state: unknown, expectedVersion: number): Promise<boolean> {
      const rows = await db
        .update(conversations)
        .set({ state: state as never, stateVersion: sql`${conversations.stateVersion} + 1` })
        .where(and(eq(conversations.id, id), eq(conversations.stateVersion, expectedVersion)))
        .returning({ id: conversations.id });
      return rows.length === 1;
    },
    async setSlackThread(id: string, threadTs: string): Promise<void> {
      await db.update(conversations).set({ slackThreadTs: threadTs }).where(eq(conversations.id, id));
    },
  };
}
export type ConversationRepository = ReturnType<typeof createConversationRepository>;
