import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { batched, rowsOf } from '../batch.js';
import { prepared } from '../prepared.js';
import { messages } from '../schema.js';

export type StoredMessage = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;

/** Texts longer than this are stored cut, with a marker; nothing is refused for length. */
export const MAX_STORED_TEXT = 16_000;

const p = (name: string) => sql.placeholder(name);

/** One message row, every column a placeholder (see messageParams). */
export function messageInsert(db: Db) {
  return db.insert(messages).values({
    id: sql`coalesce(${p('id')}::uuid, gen_random_uuid())`,
    organizationId: p('organizationId'),
    conversationId: p('conversationId'),
    channel: p('channel'),
    direction: p('direction'),
    senderType: p('senderType'),
    senderUserId: p('senderUserId'),
    platformChatId: p('platformChatId'),
    platformMessageId: p('platformMessageId'),
    kind: p('kind'),
    text: p('text'),
    payload: sql`${p('payload')}::jsonb`,
  });
}

/** The values of messageInsert for a message (its text cut to MAX_STORED_TEXT). */
export function messageParams(m: NewMessage): Record<string, unknown> {
  const text = m.text.length > MAX_STORED_TEXT ? m.text.slice(0, MAX_STORED_TEXT) + ' […cut]' : m.text;
  return {
    id: m.id ?? null,
    organizationId: m.organizationId,
    conversationId: m.conversationId ?? null,
    channel: m.channel,
    direction: m.direction,
    senderType: m.senderType,
    senderUserId: m.senderUserId ?? null,
    platformChatId: m.platformChatId ?? null,
    platformMessageId: m.platformMessageId ?? null,
    kind: m.kind,
    text,
    payload: m.payload === undefined || m.payload === null ? null : JSON.stringify(m.payload),
  };
}

/**
 * Message rows written by jobs running at the same time, in one statement (db/batch.ts): each
 * comes with its id; answers whether it was written (false: that id was there already).
 */
export function messageBatchInsert(db: Db): (m: NewMessage & { id: string }) => Promise<boolean> {
  return batched(async (items: (NewMessage & { id: string })[]) => {
    const result = await db.execute(sql`
      insert into messages (id, organization_id, conversation_id, channel, direction, sender_type, sender_user_id, platform_chat_id, platform_message_id, kind, text, payload)
      select x.id, x.organization_id, x.conversation_id, x.channel, x.direction, x.sender_type, x.sender_user_id, x.platform_chat_id, x.platform_message_id, x.kind, x.text, x.payload
      from jsonb_to_recordset(${JSON.stringify(items.map(rowOf))}::jsonb) as x(id uuid, organization_id uuid, conversation_id uuid, channel text, direction text, sender_type text,
        sender_user_id uuid, platform_chat_id text, platform_message_id text, kind text, text text, payload jsonb)
      on conflict (id) do nothing
      returning id`);
    const written = new Set(rowsOf(result).map((r) => String(r.id)));
    // Two calls with one id in a batch: the first is the one written.
    return items.map((m) => written.delete(m.id));
  });
}

/** A message as the row jsonb_to_recordset reads (snake_case columns, payload as JSON). */
function rowOf(m: NewMessage & { id: string }): Record<string, unknown> {
  const p = messageParams(m);
  return {
    id: p.id, organization_id: p.organizationId, conversation_id: p.conversationId, channel: p.channel, direction: p.direction, sender_type: p.senderType,
    sender_user_id: p.senderUserId, platform_chat_id: p.platformChatId, platform_message_id: p.platformMessageId, kind: p.kind, text: p.text,
    payload: m.payload === undefined ? null : m.payload,
  };
}

export function createMessageRepository(db: Db) {
  const insertOne = prepared(() => messageInsert(db).returning().prepare('rivet_messages_insert'));
  const insertBatched = messageBatchInsert(db);
  return {
    /** Writes a message row (with those of other jobs finishing now, in one statement); no row back. */
    async add(message: NewMessage): Promise<void> {
      if (message.parentMessageId || message.createdAt) {
        await this.record(message);
        return;
      }
      await insertBatched({ ...message, id: message.id ?? randomUUID() });
    },
    async record(message: NewMessage): Promise<StoredMessage> {
      if (message.parentMessageId || message.createdAt) {
        const text = message.text.length > MAX_STORED_TEXT ? message.text.slice(0, MAX_STORED_TEXT) + ' […cut]' : message.text;
        const [row] = await db.insert(messages).values({ ...message, text }).returning();
        return row!;
      }
      const [row] = await insertOne().execute(messageParams(message));
      return row!;
    },
    async forConversation(conversationId: string): Promise<StoredMessage[]> {
      return db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.createdAt));
    },
  };
}
export type MessageRepository = ReturnType<typeof createMessageRepository>;
