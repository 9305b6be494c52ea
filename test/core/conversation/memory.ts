/**
 * In-memory implementations of the chat engine's ports, faithful to what the PostgreSQL stores
 * promise (one open conversation per key, version-checked saves, close once, record once per
 * event key, the outbox's dedupe by key). Engine tests run on these; an adapter's tests can too.
 */
import { randomUUID } from 'node:crypto';
import type {
  ChatEngineDeps, ConversationStore, FiledWorkOrders, KeptFileLog, LinkTokens, MessageLog, PeopleStore, Person, StoredConversation,
  InboundRecord, PlatformIdentity, FlowInterpretation, FlowResolution,
} from '../../../src/core/conversation/index.js';
import type {
  AddCommentCommand, AssetCatalog, ChangeStatusCommand, CreateWorkOrderCommand, JobDispatcher, Logger, OutboundMessage, Oversight, QuestionDesk,
  QuestionAnswerResult, WorkOrderReader,
} from '../../../src/core/ports.js';
import type { AssetRecord, Tier, WorkOrderSummary } from '../../../src/core/model.js';

/** Lets other work run between the steps of an operation, as a database round trip would. */
const tick = () => new Promise<void>((r) => setImmediate(r));
const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

export function memoryConversations() {
  const rows: (StoredConversation & { channel: string; closedAt: Date | null })[] = [];
  const view = (r: (typeof rows)[number]): StoredConversation => ({ id: r.id, key: r.key, userId: r.userId, state: copy(r.state), version: r.version, lastActivityAt: r.lastActivityAt, createdAt: r.createdAt });
  const findOpen = (channel: string, key: string) => rows.find((r) => r.channel === channel && r.key === key && !r.closedAt);
  /** Runs once before the next saveState, as a concurrent writer would. */
  let beforeSave: ((id: string) => void) | null = null;
  const store: ConversationStore = {
    async open(input) {
      await tick();
      const current = findOpen(input.channel, input.key);
      if (current) return { conversation: view(current), created: false };
      const row = { id: randomUUID(), key: input.key, channel: input.channel, userId: input.userId, state: null, version: 0, lastActivityAt: input.now, createdAt: input.now, closedAt: null };
      rows.push(row);
      return { conversation: view(row), created: true };
    },
    async touch(id, input) {
      await tick();
      const row = rows.find((r) => r.id === id)!;
      row.lastActivityAt = input.now;
      row.userId ??= input.userId;
      return view(row);
    },
    async close(id, now) {
      await tick();
      const row = rows.find((r) => r.id === id && !r.closedAt);
      if (!row) return false;
      row.closedAt = now;
      return true;
    },
    async get(id) {
      await tick();
      const row = rows.find((r) => r.id === id);
      return row ? view(row) : null;
    },
    async saveState(id, state, expectedVersion) {
      await tick();
      const hook = beforeSave;
      beforeSave = null;
      hook?.(id);
      const row = rows.find((r) => r.id === id)!;
      if (row.version !== expectedVersion) return false;
      row.state = copy(state);
      row.version += 1;
      return true;
    },
    async stateOfButton(channel, chatId, convTag) {
      await tick();
      const row = rows.find((r) => r.channel === channel && r.key.startsWith(`${chatId}:`) && !r.closedAt && r.id.replace(/-/g, '').startsWith(convTag));
      return row ? copy(row.state) : null;
    },
  };
  return {
    store,
    rows,
    open: (channel: string, key: string) => findOpen(channel, key),
    /** Someone else writes this state first, bumping the version (a concurrent event). */
    concurrentWriteBeforeNextSave(state: unknown) {
      beforeSave = (id) => {
        const row = rows.find((r) => r.id === id)!;
        row.state = copy(state);
        row.version += 1;
      };
    },
  };
}

export function memoryPeople() {
  const people = new Map<string, Person>();
  const identities = new Map<string, string>();
  const idOf = (i: PlatformIdentity) => `${i.channel}:${i.externalId}`;
  const store: PeopleStore = {
    async identify(organizationId, identity) {
      await tick();
      const known = identities.get(idOf(identity));
      if (known) return people.get(known)!;
      const person: Person = { id: randomUUID(), organizationId, name: identity.displayName, tier: 'beta', homeLocationId: null, language: identity.language };
      people.set(person.id, person);
      identities.set(idOf(identity), person.id);
      return person;
    },
    async link(personId, identity) {
      await tick();
      identities.set(idOf(identity), personId);
      const p = people.get(personId)!;
      if (!p.name) p.name = identity.displayName;
      return p;
    },
  };
  return {
    store,
    people,
    provision(name: string, tier: Tier): Person {
      const p: Person = { id: randomUUID(), organizationId: 'org-1', name, tier, homeLocationId: null, language: null };
      people.set(p.id, p);
      return p;
    },
    personOf: (identity: PlatformIdentity) => people.get(identities.get(idOf(identity)) ?? ''),
  };
}

export function memoryLinkTokens(now: () => Date) {
  const tokens = new Map<string, { personId: string; expiresAt: Date; usedBy: string | null }>();
  const store: LinkTokens = {
    async redeem(token, by, at) {
      await tick();
      const t = tokens.get(token);
      if (!t) return { ok: false, reason: 'unknown' };
      if (t.usedBy) return { ok: false, reason: 'used' };
      if (t.expiresAt <= at) return { ok: false, reason: 'expired' };
      t.usedBy = `${by.channel}:${by.externalId}`;
      return { ok: true, personId: t.personId };
    },
  };
  return {
    store,
    issue(token: string, personId: string, ttlMs = 7 * 86_400_000) {
      tokens.set(token, { personId, expiresAt: new Date(now().getTime() + ttlMs), usedBy: null });
    },
  };
}

/** The outbox in miniature: every call is kept; a key seen before does nothing more. */
export class RecordingDispatcher implements JobDispatcher {
  readonly calls: { kind: 'send' | 'create' | 'status' | 'comment'; key: string; body: OutboundMessage | CreateWorkOrderCommand | ChangeStatusCommand | AddCommentCommand }[] = [];
  readonly keys = new Set<string>();
  private record(kind: RecordingDispatcher['calls'][number]['kind'], body: RecordingDispatcher['calls'][number]['body']) {
    this.calls.push({ kind, key: body.idempotencyKey, body });
    this.keys.add(`${kind}:${body.idempotencyKey}`);
    return tick();
  }
  send = (m: OutboundMessage) => this.record('send', m);
  createWorkOrder = (c: CreateWorkOrderCommand) => this.record('create', c);
  changeStatus = (c: ChangeStatusCommand) => this.record('status', c);
  addComment = (c: AddCommentCommand) => this.record('comment', c);
  /** What the chat `chatId` would show: one message per distinct key, in order. */
  texts(chatId: string): string[] {
    const seen = new Set<string>();
    return this.calls.flatMap((c) => {
      const m = c.body as OutboundMessage;
      if (c.kind !== 'send' || m.to.chatId !== chatId || seen.has(c.key)) return [];
      seen.add(c.key);
      return [m.text];
    });
  }
  lastWithButtons(chatId: string): OutboundMessage | undefined {
    return this.calls.map((c) => c.body as OutboundMessage).filter((m) => m.to?.chatId === chatId && m.buttons?.length).at(-1);
  }
  creates() {
    return [...new Set(this.calls.filter((c) => c.kind === 'create').map((c) => c.key))];
  }
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silentLogger };

export const assets: AssetRecord[] = [
  { id: 1, customId: 'A1', name: 'Pump 301', location: { id: 10, name: 'Boiler room' } },
  { id: 2, customId: 'A2', name: 'Pump 301', location: { id: 20, name: 'Cooling tower' } },
  { id: 3, customId: 'A3', name: 'Compressor 2', location: { id: 10, name: 'Boiler room' } },
];

function resolve(mention: string): FlowResolution {
  const c = assets.filter((a) => mention.toLowerCase().includes(a.name.toLowerCase())).map((asset) => ({ asset, score: 1 }));
  return { decision: c.length === 0 ? 'not_found' : c.length === 1 ? 'resolved' : 'ambiguous', candidates: c };
}

/** A tiny stand-in for the understanding layer: enough to drive the engine. */
function understand(text: string): FlowInterpretation {
  const base: FlowInterpretation = { intent: 'create_work_order', confidence: 0.9, priority: null, workOrderNumber: null, status: null, asset: null, title: null, description: text };
  if (/^(hi|hello)\b/i.test(text)) return { ...base, intent: 'smalltalk' };
  const status = /^status (\d+)$/i.exec(text);
  if (status) return { ...base, intent: 'check_status', workOrderNumber: Number(status[1]) };
  const m = /(pump 301|compressor 2)/i.exec(text);
  return { ...base, title: text.slice(0, 40), asset: m ? { mention: m[0], resolution: resolve(m[0]) } : null };
}

const wo42: WorkOrderSummary = {
  id: 42, customId: 'WO000042', title: 'Seal leak', description: null, status: 'IN_PROGRESS', priority: 'HIGH', asset: null, location: null,
  assignees: [], createdAt: new Date(0), updatedAt: new Date(0), dueDate: null, completedOn: null,
};

export function memoryDeps(over: Partial<ChatEngineDeps> = {}) {
  let now = new Date('2026-03-02T08:00:00Z');
  const clock = { now: () => now, advance: (ms: number) => void (now = new Date(now.getTime() + ms)) };
  const conversations = memoryConversations();
  const people = memoryPeople();
  const linkTokens = memoryLinkTokens(clock.now);
  const dispatcher = new RecordingDispatcher();
  const inbound: { key: string; record: InboundRecord }[] = [];
  const messages: MessageLog = {
    async recordInbound(key, record) {
      await tick();
      if (inbound.some((m) => m.key === key)) return false;
      inbound.push({ key, record });
      return true;
    },
  };
  const kept: Parameters<KeptFileLog['record']>[0][] = [];
  const files: KeptFileLog = { record: async (f) => void kept.push(f) };
  const filed: FiledWorkOrders = { filedBy: async () => [] };
  const mirrored: string[] = [];
  const oversight: Oversight = { mirror: async (e) => void mirrored.push(e.text), askSupervisor: async () => ({ delivered: false }) };
  const answered: { data: string; answeredBy: string }[] = [];
  let deskAnswer: QuestionAnswerResult = 'resumed';
  const questions: QuestionDesk = {
    answer: async () => deskAnswer,
    answerButton: async (input) => {
      answered.push(input);
      return deskAnswer;
    },
  };
  const reader: WorkOrderReader = { getByNumber: async (n) => (n === 42 ? wo42 : null), openForAsset: async () => [], byIds: async () => [] };
  const catalog: AssetCatalog = { all: () => assets, get: (id) => assets.find((a) => a.id === id), version: () => 1, requestRefresh: () => {} };
  const deps: ChatEngineDeps = {
    organizationId: 'org-1',
    people: people.store,
    conversations: conversations.store,
    messages,
    linkTokens: linkTokens.store,
    filed,
    files,
    dispatcher,
    oversight,
    questions,
    reader,
    assets: catalog,
    understanding: { understand, resolveAsset: resolve },
    clock,
    logger: silentLogger,
    ...over,
  };
  return {
    deps, clock, conversations, people, linkTokens, dispatcher, inbound, kept, mirrored, answered,
    setDeskAnswer: (a: QuestionAnswerResult) => void (deskAnswer = a),
  };
}
