import { and, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { conversations } from '../schema.js';

/**
 * In a group chat each member has a conversation of their own, keyed "<chat id>:<user id>", so
 * one person's pending report never swallows another's. This finds whose conversation a button
 * belongs to, to tell a crew mate tapping it that it is not theirs.
 */
export function createGroupConversationRepository(db: Db) {
  return {
    async stateOfButton(channel: string, chatId: string, convTag: string): Promise<unknown | null> {
      if (!/^[0-9a-f]{8}$/.test(convTag)) return null;
      const [row] = await db
        .select({ state: conversations.state })
        .from(conversations)
        .where(
          and(
            sql`${conversations.channel} = ${channel}`,
            like(conversations.chatId, `${chatId}:%`),
            isNull(conversations.closedAt),
            sql`replace(${conversations.id}::text, '-', '') like ${convTag + '%'}`,
          ),
        )
        .limit(1);
      return row?.state ?? null;
    },
  };
}
export type GroupConversationRepository = ReturnType<typeof createGroupConversationRepository>;
