/**
 * Oversight's ports (src/core/oversight/ports.ts) over PostgreSQL: its threads and where their
 * first messages are, the people behind supervisors and technicians (a Slack user acting in the
 * oversight channel is recorded as a supervisor: rivet_users.role), and the conversation so far.
 */
import { languageOfPerson } from '../../core/texts/index.js';
import { and, desc, eq, gte } from 'drizzle-orm';
import type { ChatAddress } from '../../core/ports.js';
import type { Channel, Priority } from '../../core/model.js';
import type { PlatformIdentity, PeopleStore } from '../../core/conversation/index.js';
import type { ConversationLines, OversightPeople, OversightThread, OversightThreads, ThreadCard, ThreadRoots } from '../../core/oversight/index.js';
import type { Db } from '../client.js';
import { createConversationRepository } from '../repositories/conversations.js';
import { createIdentityRepository } from '../repositories/identities.js';
import { createOversightThreadRepository, type ThreadRow } from '../repositories/oversight-threads.js';
import { createUserRepository } from '../repositories/users.js';
import { messages } from '../schema.js';
import { createPeopleStore, toPerson } from './people.js';

const SUPERVISOR_ROLES = new Set(['supervisor', 'admin']);

function toThread(r: ThreadRow): OversightThread {
  const techChat: ChatAddress | null = r.techChannel && r.techChatId ? { channel: r.techChannel as Channel, chatId: r.techChatId } : null;
  return {
    id: r.id,
    organizationId: r.organizationId,
    kind: r.kind as OversightThread['kind'],
    topic: r.topic as OversightThread['topic'],
    personId: r.personId,
    conversationId: r.conversationId,
    techChat,
    workOrderId: r.workOrderId,
    questionId: r.questionId,
    channelId: r.channelId,
    rootMessageId: r.rootMessageId,
    card: r.card as ThreadCard,
    report: r.report ?? null,
    priority: (r.priority as Priority | null) ?? null,
    takenOverBy: r.takenOverBy,
    touchedAt: r.touchedAt,
    escalatedAt: r.escalatedAt,
    resolvedAt: r.resolvedAt,
    revision: r.revision,
    createdAt: r.createdAt,
    openedBy: r.openedBy,
  };
}
const maybe = (r: ThreadRow | null) => (r ? toThread(r) : null);

export function createOversightThreadStore(db: Db): OversightThreads & ThreadRoots {
  const repo = createOversightThreadRepository(db);
  return {
    async open(t) {
      const { row, created } = await repo.open({
        organizationId: t.organizationId,
        kind: t.kind,
        topic: t.topic,
        openedBy: t.openedBy,
        personId: t.personId,
        conversationId: t.conversationId,
        techChannel: t.techChat?.channel ?? null,
        techChatId: t.techChat?.chatId ?? null,
        workOrderId: t.workOrderId,
        questionId: t.questionId,
        channelId: t.channelId,
        card: t.card as never,
        report: (t.report ?? null) as never,
        priority: t.priority,
      });
      return { thread: toThread(row), created };
    },
    get: async (id) => maybe(await repo.get(id)),
    byRoot: async (channelId, rootMessageId) => maybe(await repo.byRoot(channelId, rootMessageId)),
    ofWorkOrder: async (organizationId, workOrderId) => maybe(await repo.ofWorkOrder(organizationId, workOrderId)),
    takenOverOf: async (personId) => maybe(await repo.takenOverOf(personId)),
    openQuestionsOf: async (personId) => (await repo.openQuestionsOf(personId)).map(toThread),
    ofConversation: async (conversationId) => (await repo.ofConversation(conversationId)).map(toThread),
    openMachineQuestions: async (organizationId, limit) => (await repo.openMachineQuestions(organizationId, limit)).map(toThread),
    change: async (id, c) => maybe(await repo.change(id, c)),
    takeOver: async (id, by, expected) => maybe(await repo.takeOver(id, by, expected)),
    untouched: async (before, limit) => (await repo.untouched(before, limit)).map(toThread),
    markEscalated: (id, at) => repo.markEscalated(id, at),
    async rootOf(threadId) {
      const row = await repo.get(threadId);
      return row?.rootMessageId ? { chatId: row.channelId, messageId: row.rootMessageId } : null;
    },
    rootPosted: (threadId, at) => repo.rootPosted(threadId, at.chatId, at.messageId),
  };
}

export function createOversightPeople(db: Db, people: PeopleStore = createPeopleStore(db)): OversightPeople {
  const users = createUserRepository(db);
  const identities = createIdentityRepository(db);
  const conversations = createConversationRepository(db);
  return {
    async enlist(organizationId, identity) {
      const person = await people.identify(organizationId, identity);
      const user = await users.get(person.id);
      // Acting in the oversight channel is what makes someone a supervisor (see README: Slack).
      if (user && !SUPERVISOR_ROLES.has(user.role)) await users.update(person.id, { role: 'supervisor' });
      return { personId: person.id, name: person.name, externalId: identity.externalId };
    },
    async isSupervisor(identity) {
      const user = identity.channel === 'telegram'
        ? await users.byTelegramId(Number(identity.externalId))
        : await identities.userOf(identity.channel, identity.externalId);
      return !!user && SUPERVISOR_ROLES.has(user.role) && !user.disabledAt;
    },
    async language(personId) {
      return languageOfPerson(await users.get(personId));
    },
    async name(personId) {
      const user = await users.get(personId);
      return user ? toPerson(user).name : null;
    },
    async ofConversation(conversationId) {
      const c = await conversations.get(conversationId);
      return c ? { personId: c.userId, key: c.chatId } : null;
    },
    async identityOf(personId, channel): Promise<PlatformIdentity | null> {
      const user = await users.get(personId);
      if (!user) return null;
      const name = toPerson(user).name;
      if (channel === 'telegram') {
        return user.telegramId === null ? null : { channel, externalId: String(user.telegramId), username: user.telegramUsername, displayName: name, language: user.language };
      }
      const identity = await identities.ofUser(personId, channel);
      return identity ? { channel, externalId: identity.externalId, username: identity.username, displayName: name, language: user.language } : null;
    },
  };
}

export function createConversationLines(db: Db): ConversationLines {
  return {
    async recent(conversationId, opts) {
      const rows = await db
        .select({ direction: messages.direction, senderType: messages.senderType, text: messages.text })
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), ...(opts.since ? [gte(messages.createdAt, opts.since)] : [])))
        .orderBy(desc(messages.createdAt))
        .limit(opts.limit);
      return rows.reverse().map((r) => ({
        sender: r.direction === 'in' ? 'technician' : ((['technician', 'bot', 'supervisor', 'system'].includes(r.senderType) ? r.senderType : 'bot') as 'technician' | 'bot' | 'supervisor' | 'system'),
        text: r.text,
      }));
    },
  };
}
