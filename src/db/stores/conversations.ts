/** The ConversationStore port over the conversations table (see repositories/conversations.ts). */
import type { ConversationStore, StoredConversation } from '../../core/conversation/index.js';
import type { Db } from '../client.js';
import { createConversationRepository, type Conversation } from '../repositories/conversations.js';

const stored = (c: Conversation): StoredConversation => ({
  id: c.id,
  key: c.chatId,
  userId: c.userId,
  state: c.state ?? null,
  version: c.stateVersion,
  lastActivityAt: c.lastActivityAt,
  createdAt: c.createdAt,
});

export function createConversationStore(db: Db): ConversationStore {
  const repo = createConversationRepository(db);
  return {
    async open(input) {
      const { conversation, created } = await repo.open({ ...input, chatId: input.key });
      return { conversation: stored(conversation), created };
    },
    async openTouched(input) {
      const { conversation, created, touched } = await repo.openTouched({ ...input, chatId: input.key });
      return { conversation: stored(conversation), created, touched };
    },
    async touch(id, input) {
      const row = await repo.touch(id, input);
      if (!row) throw new Error(`conversation ${id} vanished`);
      return stored(row);
    },
    close: (id, now) => repo.close(id, now),
    async get(id) {
      const row = await repo.get(id);
      return row ? stored(row) : null;
    },
    saveState: (id, state, expectedVersion) => repo.saveState(id, state, expectedVersion),
    stateOfButton: (channel, chatId, convTag) => repo.stateOfButton(channel, chatId, convTag),
  };
}
