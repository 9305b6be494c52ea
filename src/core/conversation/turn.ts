/**
 * One inbound event's turn: find the person, open their conversation (one idle for 30 minutes,
 * or older than its maximum age, is closed with a notice and a new one opened), write the
 * inbound down once per event key and mirror it to supervisors, then let the engine run flow
 * steps on the latest state, saved with its version check.
 */
import type { Lang } from '../texts/index.js';
import type { InlineButton } from '../ports.js';
import type { Actor } from '../access/index.js';
import { noObserver, type Observer } from '../observe/index.js';
import { noTracing, type Clock, type JobDispatcher, type Logger, type Oversight, type Tracing } from '../ports.js';
import { currentAfter, isConversationExpired } from './expiry.js';
import type { ConversationFlow } from './flow.js';
import type { ChatInput } from './input.js';
import { outcome } from './kit.js';
import { runCommands, sendReplies, type Sender } from './dispatch.js';
import { passOn } from './observations.js';
import { parseFlowState } from './state.js';
import type { ConversationStore, FiledWorkOrders, MessageLog, PeopleStore, Person, StoredConversation } from './stores.js';
import { t } from './texts.js';
import type { FlowContext, Outcome } from './types.js';

/** Attempts of one step when the state keeps changing underneath it (a double tap). */
export const MAX_STEP_ATTEMPTS = 3;

export interface TurnDeps {
  organizationId: string;
  people: PeopleStore;
  conversations: ConversationStore;
  messages: MessageLog;
  filed: FiledWorkOrders;
  dispatcher: JobDispatcher;
  oversight: Oversight;
  clock: Clock;
  expiry?: { idleMs?: number; maxAgeMs?: number };
  /** Where observations of kept outcomes go (metrics, feedback), and the trace (core/observe). */
  observer?: Observer;
  tracing?: Tracing;
  /** The locations of the person's usual sites, from the site they set and the assets of their reports (newest first). */
  usualLocations?: (homeLocationId: number | null, reportedAssetIds: number[]) => number[];
}

export interface Turn {
  log: Logger;
  person: Person;
  /** The person as access decisions see them here (with the crew of the group chat, if any). */
  actor: Actor;
  conversationId: string;
  sender: Sender;
  now: Date;
  /**
   * Runs one flow step on the latest state: commands go to the job pipeline, the state is
   * saved with its version check (a concurrent change decides again, up to MAX_STEP_ATTEMPTS,
   * then a stale-button toast), replies are queued.
   */
  step(decide: (ctx: FlowContext) => Promise<Outcome> | Outcome, opts?: { editMessageId?: string | null }): Promise<Outcome>;
  /** A plain reply, keyed `<event key>:<key>r0`. */
  reply(text: string, key?: string): Promise<void>;
  /** A reply with buttons, keyed like `reply`. */
  replyWithButtons(text: string, buttons: InlineButton[][], key?: string): Promise<void>;
  /** Remembers the language the person chose for replies (null: follow what they write). */
  chooseLanguage(lang: Lang | null): Promise<void>;
}

export const firstName = (p: Person) => p.name.split(' ')[0] || p.name;

/** A person as access decisions see them; `placeCrew` is the crew of the group chat they write in. */
export function actorOf(person: Person, placeCrew: string | null): Actor {
  const crews = [...new Set([person.crew, placeCrew].filter((c): c is string => !!c && c.trim() !== ''))];
  return { id: person.id, role: person.role, tier: person.tier, crews, atlasUserId: person.atlasUserId, disabled: person.disabled };
}

export async function openTurn(deps: TurnDeps, flow: ConversationFlow, input: ChatInput, log: Logger, place: { crew: string | null } = { crew: null }): Promise<Turn> {
  const now = deps.clock.now();
  const { chat } = input.where;
  const person = await deps.people.identify(deps.organizationId, input.who);
  const actor = actorOf(person, place.crew);
  const { conversation, expiredState } = await openConversation(deps, input, person, now);
  const conversationId = conversation.id;
  const sender: Sender = { organizationId: deps.organizationId, personId: person.id, attribution: person.attribution, chat, conversationId, eventKey: input.eventKey };

  const first = await deps.messages.recordInbound(input.eventKey, {
    organizationId: deps.organizationId,
    conversationId,
    channel: chat.channel,
    senderId: person.id,
    chatId: chat.chatId,
    platformMessageId: input.platformMessageId ?? null,
    text: input.description,
    meta: input.meta ?? null,
  });
  if (first) {
    const sender = input.origin === 'supervisor' ? 'system' : 'technician';
    await deps.oversight.mirror({ organizationId: deps.organizationId, conversationId, sender, text: input.description, key: input.eventKey }).catch((err: Error) => {
      log.warn({ err: err.message }, 'mirroring to oversight failed');
    });
  }

  const notice = flow.expired(expiredState);
  if (notice) await sendReplies(deps.dispatcher, sender, [{ text: notice }], null, 'exp');

  const tracing = deps.tracing ?? noTracing;
  const watch = { organizationId: deps.organizationId, observer: deps.observer ?? noObserver, tracing };
  const decided = (decide: (ctx: FlowContext) => Promise<Outcome> | Outcome) =>
    tracing.enabled
      ? (ctx: FlowContext) => tracing.span('decide', { inputs: { pending: ctx.conversation.state?.kind ?? null }, outputs: outcomeOutputs }, () => decide(ctx))
      : decide;

  // What the person reported on (work_order_links): recent machines win ties, and their sites are where they work.
  let reported: Promise<number[]> | null = null;
  const reportedAssetIds = () => (reported ??= deps.filed.filedBy(person.id, 20).then((filed) => filed.flatMap((f) => (f.assetId !== null ? [f.assetId] : []))));
  const recentAssetIds = async () => [...new Set((await reportedAssetIds()).slice(0, 10))].slice(0, 5);
  const usualLocationIds = async () => (deps.usualLocations ? deps.usualLocations(person.homeLocationId, await reportedAssetIds()) : []);

  return {
    log,
    person,
    actor,
    conversationId,
    sender,
    now,
    async step(decide, opts = {}) {
      let conv = conversation;
      for (let attempt = 1; attempt <= MAX_STEP_ATTEMPTS; attempt++) {
        if (attempt > 1) conv = (await deps.conversations.get(conversationId)) ?? conv;
        const result = await decided(decide)({
          conversation: { id: conv.id, version: conv.version, state: parseFlowState(conv.state) },
          user: { id: person.id, name: firstName(person), tier: person.tier, homeLocationId: person.homeLocationId, recentAssetIds: await recentAssetIds(), usualLocationIds: await usualLocationIds() },
          actor,
          chat,
          eventKey: input.eventKey,
          now,
        });
        await runCommands(deps.dispatcher, sender, result.commands, log);
        if (result.state !== undefined && !(await deps.conversations.saveState(conv.id, result.state, conv.version))) {
          log.info({ attempt }, 'conversation changed concurrently; deciding again');
          continue;
        }
        await sendReplies(deps.dispatcher, sender, result.replies, opts.editMessageId ?? null);
        await passOn(watch, chat.channel, result.observations, log);
        return result;
      }
      return outcome({ toast: t.staleButton });
    },
    reply: (text, key = 'plain') => sendReplies(deps.dispatcher, sender, [{ text }], null, key),
    replyWithButtons: (text, buttons, key = 'plain') => sendReplies(deps.dispatcher, sender, [{ text, buttons }], null, key),
    chooseLanguage: (lang) => deps.people.setLanguage(person.id, { chosen: lang }),
  };
}

/**
 * The person's current conversation in this place. Expiry is decided here, in core: the store
 * only opens, touches and closes. Only the call that closes an expired conversation hands back
 * its pending state, so a burst of messages after a long pause gets one notice.
 */
async function openConversation(
  deps: TurnDeps,
  input: ChatInput,
  person: Person,
  now: Date,
): Promise<{ conversation: StoredConversation; expiredState: unknown | null }> {
  const where = { organizationId: deps.organizationId, channel: input.where.chat.channel, key: input.where.conversationKey, userId: person.id, now };
  // One round trip where the store can open and touch together.
  const opened = deps.conversations.openTouched
    ? await deps.conversations.openTouched({ ...where, ...currentAfter(now, deps.expiry) })
    : { ...(await deps.conversations.open(where)), touched: false };
  if (opened.created || opened.touched) return { conversation: opened.conversation, expiredState: null };
  const current = opened.conversation;
  if (!isConversationExpired(current, now, deps.expiry)) {
    return { conversation: await deps.conversations.touch(current.id, { now, userId: person.id }), expiredState: null };
  }
  const closedHere = await deps.conversations.close(current.id, now);
  const next = await deps.conversations.open(where);
  return { conversation: next.conversation, expiredState: closedHere ? current.state ?? null : null };
}

/** What the trace shows of a decision: the next pending step, the replies, the commands. */
function outcomeOutputs(o: Outcome): Record<string, unknown> {
  return {
    next: o.state === undefined ? 'unchanged' : (o.state?.kind ?? null),
    replies: o.replies.map((r) => r.text),
    commands: o.commands.map((c) => ({ type: c.type, key: c.idempotencyKey })),
    ...(o.toast !== undefined ? { toast: o.toast } : {}),
  };
}
