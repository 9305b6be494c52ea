import { createHash } from 'node:crypto';
import type { Db } from '../client.js';
import { messageBatchInsert, type NewMessage } from './messages.js';

/** A stable uuid for a delivery ("tg:u:123"), so a retried job writes its message once. */
export function messageIdFor(key: string): string {
  const h = createHash('sha256').update(`rivet-inbound:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function createInboundMessageRepository(db: Db) {
  // Jobs recording their messages at the same time share one statement (db/batch.ts).
  const insertOnce = messageBatchInsert(db);
  return {
    /** Records an inbound message once per delivery key; true the first time. */
    async recordOnce(key: string, message: NewMessage): Promise<boolean> {
      return insertOnce({ ...message, id: messageIdFor(key) });
    },
  };
}
export type InboundMessageRepository = ReturnType<typeof createInboundMessageRepository>;
