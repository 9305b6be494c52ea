/**
 * What the chat engine writes down and reads back about the past: inbound messages (once per
 * event key), the work orders Rivet filed for a person, and the files it keeps for them.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FiledWorkOrders, KeptFileLog, MessageLog } from '../../core/conversation/index.js';
import { KEPT_FILE_PATH } from '../../files/kept-files.js';
import type { Db } from '../client.js';
import { createInboundMessageRepository } from '../repositories/inbound-messages.js';
import { createStoredFileRepository } from '../repositories/stored-files.js';
import { createWorkOrderLinkRepository } from '../repositories/work-order-links.js';

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

export function createFiledWorkOrders(db: Db): FiledWorkOrders {
  const links = createWorkOrderLinkRepository(db);
  return {
    async filedBy(personId, limit) {
      return (await links.forRequester(personId, limit)).map((l) => ({ workOrderId: l.atlasWorkOrderId, assetId: l.assetId }));
    },
    countSince: (personId, since) => links.countForRequesterSince(personId, since),
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
