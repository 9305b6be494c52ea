/**
 * Conversations: at most one open per chat key and channel (a partial unique index); closed
 * ones stay for history. This stores and returns: when a conversation expires is decided by
 * the chat engine (src/core/conversation/turn.ts), which closes it through `close`.
 */
import { and, eq, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { batched, rowsOf } from '../batch.js';
import { prepared } from '../prepared.js';
import { conversations } from '../schema.js';

export type Conversation = typeof conversations.$inferSelect;

export interface OpenResult {
  conversation: Conversation;
  /** True when this call created it (none was open). */
  created: boolean;
}

/** What `openTouched` asks of one conversation. */
export interface OpenTouch {
  channel: string;
  chatId: string;
  userId: string | null;
  now: Date;
  /** Touch only a conversation active after this and created after `createdAfter` (else it is returned as it is). */
  activeAfter: Date;
  createdAfter: Date;
}

/** A conversations row read by raw SQL, as drizzle would map it. */
function conversationOf(r: Record<string, unknown>): Conversation {
  const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
  return {
    id: String(r.id),
    organizationId: String(r.organization_id),
    userId: (r.user_id as string | null) ?? null,
    channel: String(r.channel),
    chatId: String(r.chat_id),
    state: (typeof r.state === 'string' ? JSON.parse(r.state) : r.state) ?? null,
    stateVersion: Number(r.state_version),
    slackThreadTs: (r.slack_thread_ts as string | null) ?? null,
    lastActivityAt: date(r.last_activity_at),
    closedAt: r.closed_at == null ? null : date(r.closed_at),
    createdAt: date(r.created_at),
  } as Conversation;
}

export function createConversationRepository(db: Db) {
  /**
   * The open conversation of each chat key, touched (activity at `now`) when still current, in
   * one statement for all the updates handled at the same time (db/batch.ts).
   */
  const openTouch = batched(async (items: OpenTouch[]) => {
    const result = await db.execute(sql`
      with items as (
        select (row_number() over ())::int as i, x.* from jsonb_to_recordset(${JSON.stringify(items)}::jsonb)
          as x("channel" text, "chatId" text, "userId" uuid, "now" timestamptz, "activeAfter" timestamptz, "createdAfter" timestamptz)
      ), cur as (
        select items.i, c.id from items join conversations c on c.channel = items.channel and c.chat_id = items."chatId" and c.closed_at is null
      ), touched as (
        update conversations c set last_activity_at = items.now, user_id = coalesce(c.user_id, items."userId")
        from cur join items on items.i = cur.i
        where c.id = cur.id and c.last_activity_at > items."activeAfter" and c.created_at > items."createdAfter"
        returning cur.i, c.*
      )
      select true as touched, t.* from touched t
      union all
      select false, cur.i, c.* from cur join conversations c on c.id = cur.id where cur.i not in (select i from touched)`);
    const byItem = new Map<number, { conversation: Conversation; touched: boolean }>();
    for (const r of rowsOf(result)) if (!byItem.has(Number(r.i))) byItem.set(Number(r.i), { conversation: conversationOf(r), touched: r.touched === true });
    return items.map((_, k) => byItem.get(k + 1) ?? null);
  });

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

  /** State writes of updates handled at the same time, in one statement (db/batch.ts); each with its own version check. */
  const save = batched(async (items: { id: string; state: unknown; version: number }[]) => {
    const result = await db.execute(sql`
      update conversations c set state = x.state, state_version = c.state_version + 1
      from jsonb_to_recordset(${JSON.stringify(items.map((it, i) => ({ ...it, i })))}::jsonb) as x(i int, id uuid, state jsonb, version int)
      where c.id = x.id and c.state_version = x.version
      returning x.i`);
    // The same conversation twice in one batch: one write is kept (the one returned), the other decides again.
    const saved = new Set(rowsOf(result).map((r) => Number(r.i)));
    return items.map((_, i) => saved.has(i));
  });
  /** A new open conversation; the one a concurrent update opened first, if it was. */
  async function create(input: { organizationId: string; channel: string; chatId: string; userId: string | null; now: Date }): Promise<OpenResult> {
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
      return create(input);
    },
    /**
     * The open conversation of a chat key: touched (activity at `now`, the person when it had
     * none) if it was active after `activeAfter` and created after `createdAfter`, else as it is;
     * a new one when none is open. One round trip for a current conversation, two for a new one.
     */
    async openTouched(input: OpenTouch & { organizationId: string }): Promise<OpenResult & { touched: boolean }> {
      const found = await openTouch({ channel: input.channel, chatId: input.chatId, userId: input.userId, now: input.now, activeAfter: input.activeAfter, createdAfter: input.createdAfter });
      if (found) return { conversation: found.conversation, created: false, touched: found.touched };
      // None was open: create it (create() reads it when a concurrent update was first).
      return { ...(await create(input)), touched: false };
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
      return save({ id, state: state ?? null, version: expectedVersion });
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
