import { createStoredFileRepository } from './stored-files.js';
import type { Db } from '../client.js';
import { createAllowedChatRepository } from './allowed-chats.js';
import { createConversationRepository } from './conversations.js';
import { createLinkTokenRepository } from './link-tokens.js';
import { createMessageRepository } from './messages.js';
import { createOrganizationRepository } from './organizations.js';
import { createProcessedEventRepository } from './processed-events.js';
import { createUserRepository } from './users.js';
import { createWorkOrderLinkRepository } from './work-order-links.js';

export function createRepositories(db: Db) {
  return {
    organizations: createOrganizationRepository(db),
    users: createUserRepository(db),
    conversations: createConversationRepository(db),
    messages: createMessageRepository(db),
    workOrderLinks: createWorkOrderLinkRepository(db),
    processedEvents: createProcessedEventRepository(db),
    linkTokens: createLinkTokenRepository(db),
    allowedChats: createAllowedChatRepository(db),
    storedFiles: createStoredFileRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
