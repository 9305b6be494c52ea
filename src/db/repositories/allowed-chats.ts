/** Group chats an administrator allowed the bot to work in (allowed_chats), and the crew each stands for. */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { allowedChats } from '../schema.js';

export type AllowedChatRow = typeof allowedChats.$inferSelect;

export function createAllowedChatRepository(db: Db) {
  return {
    async get(channel: string, chatId: string): Promise<AllowedChatRow | null> {
      const [row] = await db.select().from(allowedChats).where(and(eq(allowedChats.channel, channel), eq(allowedChats.chatId, chatId)));
      return row ?? null;
    },
    async list(organizationId: string): Promise<AllowedChatRow[]> {
      return db.select().from(allowedChats).where(eq(allowedChats.organizationId, organizationId)).orderBy(asc(allowedChats.createdAt));
    },
    /** Allows a chat, or updates its title and crew; returns the row and whether it is new. */
    async allow(input: { organizationId: string; channel: string; chatId: string; title: string | null; crew: string | null; allowedBy: string | null }): Promise<{ chat: AllowedChatRow; created: boolean }> {
      const existing = await this.get(input.channel, input.chatId);
      const [row] = await db
        .insert(allowedChats)
        .values(input)
        .onConflictDoUpdate({ target: [allowedChats.channel, allowedChats.chatId], set: { title: input.title, crew: input.crew, allowedBy: input.allowedBy, organizationId: input.organizationId } })
        .returning();
      return { chat: row!, created: !existing };
    },
    /** True when the chat was allowed (and now is not). */
    async remove(organizationId: string, channel: string, chatId: string): Promise<boolean> {
      const rows = await db
        .delete(allowedChats)
        .where(and(eq(allowedChats.organizationId, organizationId), eq(allowedChats.channel, channel), eq(allowedChats.chatId, chatId)))
        .returning({ chatId: allowedChats.chatId });
      return rows.length > 0;
    },
  };
}
export type AllowedChatRepository = ReturnType<typeof createAllowedChatRepository>;
