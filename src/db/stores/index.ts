/**
 * The chat engine's storage ports (src/core/conversation/stores.ts) over PostgreSQL: what
 * wiring hands createChatEngine. Each store is a thin mapping onto repositories/.
 */
import type { ChatEngineDeps } from '../../core/conversation/index.js';
import type { Db } from '../client.js';
import { createConversationStore } from './conversations.js';
import { createLinkTokenStore, createPeopleStore } from './people.js';
import { createFiledWorkOrders, createKeptFileLog, createMessageLog } from './records.js';

export type ChatStores = Pick<ChatEngineDeps, 'people' | 'conversations' | 'messages' | 'linkTokens' | 'filed' | 'files'>;

export function createChatStores(db: Db, opts: { dataDir?: string } = {}): ChatStores {
  return {
    people: createPeopleStore(db),
    conversations: createConversationStore(db),
    messages: createMessageLog(db),
    linkTokens: createLinkTokenStore(db),
    filed: createFiledWorkOrders(db),
    files: createKeptFileLog(db, opts.dataDir),
  };
}

export { UnsupportedIdentityError } from './people.js';
export { createAccessRecords, createAllowedChats, createNoticeLog, createRateLimiter, type ConfiguredGroups } from './access.js';
