/**
 * In-memory implementations of the chat engine's ports, faithful to what the PostgreSQL stores
 * promise (one open conversation per key, version-checked saves, close once, record once per
 * event key, the outbox's dedupe by key). Engine tests run on these; an adapter's tests can too.
 */
import { randomUUID } from 'node:crypto';
import {
  LinkRefusedError,
  type ChatEngineDeps, type ConversationStore, type FiledWorkOrders, type KeptFileLog, type LinkTokens, type MessageLog, type PeopleStore, type Person,
  type StoredConversation, type InboundRecord, type PlatformIdentity, type FlowInterpretation, type FlowResolution,
} from '../../../src/core/conversation/index.js';
import type { AccessRecords, AllowedChats, NoticeLog, RateLimiter } from '../../../src/core/access/index.js';
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
  const accountOf = (i: PlatformIdentity) => `${i.channel === 'telegram' ? 'Telegram' : i.channel} user ${i.externalId}${i.username ? ` @${i.username}` : ''}`;
  const newPerson = (fields: Partial<Person> & Pick<Person, 'name' | 'tier'>): Person => ({
    id: randomUUID(), organizationId: 'org-1', homeLocationId: null, language: null, replyLanguage: null, detectedLanguage: null, role: 'technician', crew: null, atlasUserId: null,
    disabled: false, selfSignedUp: false, attribution: fields.name, ...fields,
  });
  const store: PeopleStore = {
    async find(_organizationId, identity) {
      await tick();
      const known = identities.get(idOf(identity));
      return known ? people.get(known)! : null;
    },
    async identify(organizationId, identity) {
      await tick();
      const known = identities.get(idOf(identity));
      if (known) return people.get(known)!;
      const person = newPerson({ organizationId, name: identity.displayName, tier: 'beta', language: identity.language, selfSignedUp: true, attribution: accountOf(identity) });
      people.set(person.id, person);
      identities.set(idOf(identity), person.id);
      return person;
    },
    async setLanguage(personId, patch) {
      const p = people.get(personId);
      if (!p) return;
      if (patch.chosen !== undefined) p.replyLanguage = patch.chosen;
      if (patch.detected) p.detectedLanguage = patch.detected;
    },
    async link(personId, identity) {
      await tick();
      const previous = people.get(identities.get(idOf(identity)) ?? '');
      if (previous && previous.id !== personId && !previous.selfSignedUp) throw new LinkRefusedError('in use');
      identities.set(idOf(identity), personId);
      return people.get(personId)!;
    },
    async setHomeLocation(personId, locationId) {
      await tick();
      const p = people.get(personId);
      if (p) people.set(personId, { ...p, homeLocationId: locationId });
    },
  };
  return {
    store,
    people,
    /** A person an administrator or Stripe made (not self-signed-up), optionally already on a chat account. */
    provision(name: string, tier: Tier, extra: Partial<Person> & { identity?: PlatformIdentity } = {}): Person {
      const { identity, ...fields } = extra;
      const p = newPerson({ name, tier, attribution: `${name} <${name.split(' ')[0]!.toLowerCase()}@plant.test>`, ...fields });
      people.set(p.id, p);
      if (identity) identities.set(idOf(identity), p.id);
      return p;
    },
    personOf: (identity: PlatformIdentity) => people.get(identities.get(idOf(identity)) ?? ''),
  };
}

export function memoryLinkTokens(now: () => Date) {
  const tokens = new Map<string, { personId: string; organizationId: string; expiresAt: Date; usedBy: string | null }>();
  const check = (token: string, organizationId: string, at: Date) => {
    const t = tokens.get(token);
    if (!t || t.organizationId !== organizationId) return { ok: false as const, reason: 'unknown' as const };
    if (t.usedBy) return { ok: false as const, reason: 'used' as const };
    if (t.expiresAt <= at) return { ok: false as const, reason: 'expired' as const };
    return { ok: true as const, personId: t.personId };
  };
  const store: LinkTokens = {
    async peek(token, organizationId, at) {
      await tick();
      return check(token, organizationId, at);
    },
    async redeem(token, by, at, organizationId) {
      await tick();
      const r = check(token, organizationId, at);
      if (r.ok) tokens.get(token)!.usedBy = `${by.channel}:${by.externalId}`;
      return r;
    },
  };
  return {
    store,
    tokens,
    issue(token: string, personId: string, ttlMs = 7 * 86_400_000, organizationId = 'org-1') {
      tokens.set(token, { personId, organizationId, expiresAt: new Date(now().getTime() + ttlMs), usedBy: null });
    },
  };
}

/** GCRA in memory, like the PostgreSQL limiter. */
export function memoryRateLimiter(): RateLimiter {
  const tat = new Map<string, number>();
  return {
    async take(key, rule, now) {
      const interval = Math.max(1, Math.round(rule.perMs / rule.limit));
      const burst = interval * rule.limit;
      const t = now.getTime();
      const next = Math.max(tat.get(key) ?? t, t) + interval;
      if (next - t > burst) return { allowed: false, retryAfterMs: Math.max(1, (tat.get(key) ?? t) + interval - burst - t) };
      tat.set(key, next);
      return { allowed: true };
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
  const done = /^(\d+) done$/i.exec(text);
  if (done) return { ...base, intent: 'update_status', workOrderNumber: Number(done[1]), status: 'COMPLETE' };
  const add = /^add to (\d+): (.+)$/i.exec(text);
  if (add) return { ...base, intent: 'add_comment', workOrderNumber: Number(add[1]), description: add[2]! };
  const m = /(pump 301|compressor 2)/i.exec(text);
  return { ...base, title: text.slice(0, 40), asset: m ? { mention: m[0], resolution: resolve(m[0]) } : null };
}

export const noPeople = { createdBy: null, primaryUserId: null, assignedToIds: [], teamUserIds: [] };

/** A work order as the reader returns it; `people` are Atlas user ids. */
export function workOrder(id: number, over: Partial<WorkOrderSummary> = {}): WorkOrderSummary {
  return {
    id, customId: `WO${String(id).padStart(6, '0')}`, title: `Job ${id}`, description: null, status: 'IN_PROGRESS', priority: 'HIGH', asset: null, location: null,
    assignees: [], people: noPeople, createdAt: new Date(0), updatedAt: new Date(0), dueDate: null, completedOn: null, ...over,
  };
}

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
  /** work_order_links in miniature: what Rivet filed, for whom, when. */
  const links: { workOrderId: number; requesterId: string; assetId: number | null; at: Date }[] = [];
  const filed: FiledWorkOrders = {
    filedBy: async (personId, limit) => links.filter((l) => l.requesterId === personId).reverse().slice(0, limit),
    countSince: async (personId, since) => links.filter((l) => l.requesterId === personId && l.at >= since).length,
  };
  const mirrored: string[] = [];
  const oversight: Oversight = { mirror: async (e) => void mirrored.push(e.text), askSupervisor: async () => ({ delivered: false }) };
  const answered: { data: string; answeredBy: string }[] = [];
  let deskAnswer: QuestionAnswerResult = 'resumed';
  const asked = new Map<string, { audience: 'technician' | 'supervisor'; askedPersonId: string | null }>();
  const questions: QuestionDesk = {
    answer: async () => deskAnswer,
    answerButton: async (input) => {
      answered.push(input);
      return deskAnswer;
    },
    whoMayAnswer: async (data) => asked.get(data.split(':')[1] ?? '') ?? null,
  };
  const workOrders = new Map<number, WorkOrderSummary>([[42, workOrder(42, { title: 'Seal leak' })]]);
  const reader: WorkOrderReader = {
    getByNumber: async (n) => workOrders.get(n) ?? null,
    openForAsset: async (assetId) => [...workOrders.values()].filter((w) => w.asset?.id === assetId && w.status !== 'COMPLETE').reverse(),
    byIds: async (ids) => ids.flatMap((id) => (workOrders.get(id) ? [workOrders.get(id)!] : [])),
  };
  const records: AccessRecords = {
    async factsOf(_org, wos) {
      const out = new Map<number, { requesterId: string | null; crews: string[] }>();
      for (const w of wos) {
        const requesterId = links.find((l) => l.workOrderId === w.id)?.requesterId ?? null;
        const crews = [...people.people.values()]
          .filter((p) => p.crew && (p.id === requesterId || (p.atlasUserId !== null && w.atlasUserIds.includes(p.atlasUserId))))
          .map((p) => p.crew!);
        if (requesterId || crews.length) out.set(w.id, { requesterId, crews });
      }
      return out;
    },
  };
  const groups = new Map<string, string | null>();
  const allowedChats: AllowedChats = { get: async (_channel, chatId) => (groups.has(chatId) ? { crew: groups.get(chatId) ?? null } : null) };
  const noticed = new Set<string>();
  const notices: NoticeLog = { first: async (key) => !noticed.has(key) && !!noticed.add(key) };
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
    signup: { mode: 'open', allowlist: { usernames: [], emails: [] } },
    allowedChats,
    access: { records, limiter: memoryRateLimiter(), notices },
    ...over,
  };
  return {
    deps, clock, conversations, people, linkTokens, dispatcher, inbound, kept, mirrored, answered, workOrders, links, groups, asked,
    setDeskAnswer: (a: QuestionAnswerResult) => void (deskAnswer = a),
    /** Rivet filed work order `id` for the person behind `who` (identifying them first). */
    async fileFor(who: PlatformIdentity, id: number, at = clock.now()) {
      const p = await people.store.identify('org-1', who);
      links.push({ workOrderId: id, requesterId: p.id, assetId: workOrders.get(id)?.asset?.id ?? null, at });
      return p;
    },
  };
}
