/**
 * What the chat engine writes down and reads back about the past: inbound messages (once per
 * event key), the work orders Rivet filed for a person, and the files it keeps for them.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FiledWorkOrders, KeptFileLog, MessageLog } from '../../core/conversation/index.js';
import { KEPT_FILE_PATH } from '../../files/kept-files.js';
import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { batched, rowsOf } from '../batch.js';
import { createInboundMessageRepository } from '../repositories/inbound-messages.js';
import { createStoredFileRepository } from '../repositories/stored-files.js';

export function createMessageLog(db: Db): MessageLog {
  const inbound = createInboundMessageRepository(db);
  return {
    recordInbound: (eventKey, m) =>
      inbound.recordOnce(eventKey, {
        organizationId: m.organizationId,
        conversationId: m.conversationId,
        channel: m.channel,
        direction: 'in',
        senderType: 'technician',
        senderUserId: m.senderId,
        platformChatId: m.chatId,
        platformMessageId: m.platformMessageId,
        kind: 'request',
        text: m.text,
        payload: m.meta,
      }),
  };
}

/**
 * Every turn reads what its person filed (recent machines, the plan's monthly count): the reads
 * of turns running at the same time go in one query each (db/batch.ts).
 */
export function createFiledWorkOrders(db: Db): FiledWorkOrders {
  const filed = batched(async (items: { personId: string; limit: number }[]) => {
    const result = await db.execute(sql`
      select x.i, l.atlas_work_order_id, l.asset_id
      from jsonb_to_recordset(${JSON.stringify(items.map((it, i) => ({ i, person: it.personId, lim: it.limit })))}::jsonb) as x(i int, person uuid, lim int)
      cross join lateral (
        select w.atlas_work_order_id, w.asset_id, w.created_at from work_order_links w where w.requester_id = x.person order by w.created_at desc limit x.lim
      ) l
      order by x.i, l.created_at desc`);
    const out = items.map(() => [] as { workOrderId: number; assetId: number | null }[]);
    for (const r of rowsOf(result)) out[Number(r.i)]!.push({ workOrderId: Number(r.atlas_work_order_id), assetId: r.asset_id == null ? null : Number(r.asset_id) });
    return out;
  });
  const counted = batched(async (items: { personId: string; since: Date }[]) => {
    // Only filings count (they carry the key that filed them), as in countForRequesterSince.
    const result = await db.execute(sql`
      select x.i, (select count(*) from work_order_links w where w.requester_id = x.person and w.created_at >= x.since and w.idempotency_key is not null)::int as n
      from jsonb_to_recordset(${JSON.stringify(items.map((it, i) => ({ i, person: it.personId, since: it.since })))}::jsonb) as x(i int, person uuid, since timestamptz)`);
    const out = items.map(() => 0);
    for (const r of rowsOf(result)) out[Number(r.i)] = Number(r.n);
    return out;
  });
  return {
    filedBy: (personId, limit) => filed({ personId, limit }),
    countSince: (personId, since) => counted({ personId, since }),
  };
}

export function createKeptFileLog(db: Db, dataDir?: string): KeptFileLog {
  const files = createStoredFileRepository(db);
  return {
    usedBytes: (ownerId) => files.usedBytes(ownerId),
    async discard(f) {
      if (dataDir && KEPT_FILE_PATH.test(f.path)) await rm(join(dataDir, f.path), { force: true });
    },
    async record(f) {
      await files.record({
        organizationId: f.organizationId,
        userId: f.ownerId,
        platformFileId: f.platformFileId,
        path: f.path,
        fileName: f.fileName,
        mimeType: f.mimeType,
        sizeBytes: f.sizeBytes,
      });
    },
  };
}
