import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { messages } from '../schema.js';

export type StoredMessage = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;

/** Texts longer than this are stored cut, with a marker; nothing is refused for length. */
export const MAX_STORED_TEXT = 16_000;

export function createMessageRepository(db: Db) {
  return {
    async record(message: NewMessage): Promise<StoredMessage> {
      const text = message.text.length > MAX_STORED_TEXT ? message.text.slice(0, MAX_STORED_TEXT) + ' […cut]' : message.text;
      const [row] = await db.insert(messages).values({ ...message, text }).returning();
      return row!;
    },
    async forConversation(conversationId: string): Promise<StoredMessage[]> {
      return db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.createdAt));
    },
  };
}
export type MessageRepository = ReturnType<typeof createMessageRepository>;
