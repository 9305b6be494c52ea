import { createHash } from 'node:crypto';
import type { Db } from '../client.js';
import { messages } from '../schema.js';
import { prepared } from '../prepared.js';
import { messageInsert, messageParams, type NewMessage } from './messages.js';

/** A stable uuid for a delivery ("tg:u:123"), so a retried job writes its message once. */
export function messageIdFor(key: string): string {
  const h = createHash('sha256').update(`rivet-inbound:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function createInboundMessageRepository(db: Db) {
  const insertOnce = prepared(() => messageInsert(db).onConflictDoNothing({ target: messages.id }).returning({ id: messages.id }).prepare('rivet_messages_insert_once'));
  return {
    /** Records an inbound message once per delivery key; true the first time. */
    async recordOnce(key: string, message: NewMessage): Promise<boolean> {
      const rows = await insertOnce().execute(messageParams({ ...message, id: messageIdFor(key) }));
      return rows.length === 1;
    },
  };
}
export type InboundMessageRepository = ReturnType<typeof createInboundMessageRepository>;
