/**
 * Conversations: at most one open per chat key and channel (a partial unique index); closed
 * ones stay for history. This stores and returns: when a conversation expires is decided by
 * the chat engine (src/core/conversation/turn.ts), which closes it through `close`.
 */
import { and, eq, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { prepared } from '../prepared.js';
import { conversations } from '../schema.js';

export type Conversation = typeof conversations.$inferSelect;

export interface OpenResult {
  conversation: Conversation;
  /** True when this call created it (none was open). */
  created: boolean;
}

export function createConversationRepository(db: Db) {
  const openOf = prepared(() =>
    db
      .select()
      .from(conversations)
      .where(and(eq(conversations.channel, sql.placeholder('channel')), eq(conversations.chatId, sql.placeholder('chatId')), isNull(conversations.closedAt)))
      .prepare('rivet_conversations_open'),
  );
  const touchOne = prepared(() =>
    db
      .update(conversations)
      .set({ lastActivityAt: sql`${sql.placeholder('now')}::timestamptz`, userId: sql`coalesce(${conversations.userId}, ${sql.placeholder('userId')}::uuid)` })
      .where(eq(conversations.id, sql.placeholder('id')))
      .returning()
      .prepare('rivet_conversations_touch'),
  );
  async function findOpen(channel: string, chatId: string): Promise<Conversation | null> {
    const [row] = await openOf().execute({ channel, chatId });
    return row ?? null;
  }

  return {
    findOpen,
    async get(id: string): Promise<Conversation | null> {
      const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
      return row ?? null;
    },
    /** The open conversation of a chat key as it is, or a new one when none is open. */
    async open(input: { organizationId: string; channel: string; chatId: string; userId: string | null; now: Date }): Promise<OpenResult> {
      const current = await findOpen(input.channel, input.chatId);
      if (current) return { conversation: current, created: false };
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
      if (created) return { conversation: created, created: true };
      // A concurrent update opened it first.
      return { conversation: (await findOpen(input.channel, input.chatId))!, created: false };
    },
    /** Records activity (and the person, when the conversation had none yet). */
    async touch(id: string, input: { now: Date; userId: string | null }): Promise<Conversation | null> {
      const [row] = await touchOne().execute({ id, now: input.now.toISOString(), userId: input.userId });
      return row ?? null;
    },
    /** Closes an open conversation; true only for the call that closed it. */
    async close(id: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(conversations)
        .set({ closedAt: now })
        .where(and(eq(conversations.id, id), isNull(conversations.closedAt)))
        .returning({ id: conversations.id });
      return rows.length === 1;
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
    /**
     * In a group chat each member has a conversation of their own, keyed "<chat id>:<member id>".
     * This finds the state of the open one whose id starts with a button's conversation tag, to
     * tell a crew mate tapping it whose it is.
     */
    async stateOfButton(channel: string, chatId: string, convTag: string): Promise<unknown | null> {
      if (!/^[0-9a-f]{8}$/.test(convTag)) return null;
      const [row] = await db
        .select({ state: conversations.state })
        .from(conversations)
        .where(
          and(
            eq(conversations.channel, channel),
            like(conversations.chatId, `${chatId.replace(/[\\%_]/g, '\\$&')}:%`),
            isNull(conversations.closedAt),
            sql`replace(${conversations.id}::text, '-', '') like ${convTag + '%'}`,
          ),
        )
        .limit(1);
      return row?.state ?? null;
    },
    async setSlackThread(id: string, threadTs: string): Promise<void> {
      await db.update(conversations).set({ slackThreadTs: threadTs }).where(eq(conversations.id, id));
    },
  };
}
export type ConversationRepository = ReturnType<typeof createConversationRepository>;
