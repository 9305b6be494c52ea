import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
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

export function createMessageRepository(db: Db) {
  const insertOne = prepared(() => messageInsert(db).returning().prepare('rivet_messages_insert'));
  return {
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
