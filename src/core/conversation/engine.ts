/**
 * The chat engine: what every chat platform needs, in one place. An adapter (Telegram, Slack,
 * the browser demo) translates its platform's event into a ChatInput and calls `handle`; the
 * engine finds the person, opens their conversation (with expiry), writes the inbound down once
 * per event key, decides through the conversation flow, dispatches commands, saves the state
 * with its version check and queues the replies. Replies and commands leave through the
 * JobDispatcher (the outbox), so delivery guarantees are the job pipeline's. The adapter gets
 * back only what it must still do on its platform (the toast for a tap).
 *
 * Before any of that, who may do what (core/access): a group chat must be one an administrator
 * allowed (else the bot says so and leaves), the person must be let in (RIVET_SIGNUP), and every
 * work order the flow shows or changes goes through can().
 */
import {
  createAccessGuard, type AccessRecords, type Allowlist, type AllowedChats, type NoticeLog, type RateLimiter, type RateRule, type SignupMode,
} from '../access/index.js';
import { noObserver, type Observer } from '../observe/index.js';
import { noTracing, type AssetCatalog, type Clock, type JobDispatcher, type Logger, type Oversight, type QuestionDesk, type TraceRun, type Tracing, type WorkOrderReader } from '../ports.js';
import { runCommand } from './commands.js';
import { runSiteCommand } from './site.js';
import { createConversationFlow, MAX_TEXT, type ConversationFlow } from './flow.js';
import type { ChatEvent, ChatInput, ChatOutcome } from './input.js';
import type { ConversationStore, FiledWorkOrders, KeptFileLog, LinkTokens, MessageLog, PeopleStore } from './stores.js';
import { admissionOf, linkTokenOf, redeemLink, refuse } from './signup.js';
import { parseDraft } from './state.js';
import { runTap } from './taps.js';
import { PLATFORM_NAME, refusal, t } from './texts.js';
import { tracedUnderstanding } from './observations.js';
import { openTurn, type Turn } from './turn.js';
import { placesOf, usualLocationIds, usualSites } from './whereabouts.js';
import { createUnderstanding, type Understanding } from './understanding.js';
import { turnLanguage } from './language.js';
import { asLang, inLanguage, type Lang } from '../texts/index.js';

export interface ChatEngineDeps {
  /** The organization this deployment serves (new people join it). */
  organizationId: string;
  people: PeopleStore;
  conversations: ConversationStore;
  messages: MessageLog;
  linkTokens: LinkTokens;
  filed: FiledWorkOrders;
  files: KeptFileLog;
  /** Bytes of kept files one person may have (RIVET_FILE_QUOTA_MB); null or absent: no limit. */
  fileQuotaBytes?: number | null;
  /** Replies and durable commands go out through the job pipeline. */
  dispatcher: JobDispatcher;
  oversight: Oversight;
  /** Answers to questions parked jobs asked (`q:` buttons); null when nothing asks. */
  questions: QuestionDesk | null;
  reader: WorkOrderReader;
  assets: AssetCatalog;
  /** What a text means and which asset it names; by default over `assets`. */
  understanding?: Understanding;
  clock: Clock;
  logger: Logger;
  /** How technicians reach a supervisor when none is connected (RIVET_SUPERVISOR_CONTACT); null: no contact known. */
  supervisorContact?: string | null;
  /** Conversation expiry (defaults: 30 idle minutes, 12 hours in all). */
  expiry?: { idleMs?: number; maxAgeMs?: number };
  /** Who may use the bot (RIVET_SIGNUP, RIVET_ALLOWLIST). */
  signup: { mode: SignupMode; allowlist: Allowlist };
  /** Group chats the bot may work in (allowed_chats, TELEGRAM_ALLOWED_GROUPS). */
  allowedChats: AllowedChats;
  /** What access decisions read (work order requesters, crews), the lookup allowance, notices said once. */
  access: { records: AccessRecords; limiter: RateLimiter; notices: NoticeLog; lookupRule?: RateRule };
  /** One trace per inbound event (LangSmith when configured); off by default. */
  tracing?: Tracing;
  /** Metrics and people's corrections as feedback (core/observe); none by default. */
  observer?: Observer;
}

export interface ChatEngine {
  /** Handles one inbound event. Throws only when something it depends on is down (retry the delivery). */
  handle(input: ChatInput): Promise<ChatOutcome>;
  /**
   * Whether this person may use the bot here (an allowed group, let in by RIVET_SIGNUP), without
   * saying or storing anything: an adapter asks before it downloads a file, so nothing of a refused
   * person's is kept. `handle` still decides (and says) it for the event itself.
   */
  admits(input: Omit<ChatInput, 'event'>): Promise<boolean>;
  /** Bytes the person may still have kept (null: no limit), asked before downloading a file. */
  fileAllowance(input: Omit<ChatInput, 'event'>): Promise<number | null>;
}

export function createChatEngine(deps: ChatEngineDeps): ChatEngine {
  const understanding = deps.understanding ?? createUnderstanding(deps.assets);
  const tracing = deps.tracing ?? noTracing;
  const observer = deps.observer ?? noObserver;
  const quota = deps.fileQuotaBytes ?? null;
  const access = createAccessGuard({
    organizationId: deps.organizationId,
    records: deps.access.records,
    limiter: deps.access.limiter,
    ...(deps.access.lookupRule ? { lookupRule: deps.access.lookupRule } : {}),
    countFiled: (personId, since) => deps.filed.countSince(personId, since),
  });
  const signupDeps = { ...deps, notices: deps.access.notices };
  /** Where a person works, as the locations of their usual sites (core/conversation/whereabouts.ts). */
  const usualLocations = (homeLocationId: number | null, reportedAssetIds: number[]) => {
    const places = placesOf(deps.assets.all());
    return usualLocationIds(places, usualSites(places, homeLocationId, reportedAssetIds.map((id) => deps.assets.get(id))));
  };
  const flow: ConversationFlow = createConversationFlow({
    understand: tracedUnderstanding(tracing, understanding.understand),
    resolveAsset: understanding.resolveAsset,
    asset: (id) => deps.assets.get(id),
    catalog: () => deps.assets.all(),
    reader: deps.reader,
    access,
    ownWorkOrderIds: async (personId) => (await deps.filed.filedBy(personId, 50)).map((f) => f.workOrderId),
    askSupervisor: (q) => deps.oversight.askSupervisor({ organizationId: deps.organizationId, ...q }),
    supervisorContact: deps.supervisorContact ?? null,
  });

  async function run(turn: Turn, input: ChatInput, event: ChatEvent): Promise<string | null> {
    switch (event.type) {
      case 'text': {
        const text = event.text.trim();
        if (!text) {
          await turn.reply(t.help);
          return null;
        }
        if (text.length > MAX_TEXT) turn.log.warn({ length: text.length, interpreted: MAX_TEXT }, 'oversized text; interpreting its beginning');
        await turn.step((f) => flow.text(f, text));
        return null;
      }
      case 'tap':
        return runTap(deps, flow, turn, input.where, event.data, event.messageId);
      case 'media':
        if (event.kept && quota !== null && deps.files.usedBytes) {
          const used = await deps.files.usedBytes(turn.person.id);
          if (used + event.kept.sizeBytes > quota) {
            await deps.files.discard?.(event.kept);
            turn.log.warn({ usedBytes: used, sizeBytes: event.kept.sizeBytes, quotaBytes: quota }, 'attachment over the quota; not kept');
            await turn.reply(t.fileQuotaFull(Math.round(quota / (1024 * 1024))));
            return null;
          }
        }
        if (event.kept) {
          await deps.files.record({
            ...event.kept,
            organizationId: deps.organizationId,
            ownerId: turn.person.id,
            fileName: event.attachment.fileName,
            mimeType: event.attachment.mimeType,
          });
        }
        await turn.step((f) => flow.media(f, event.attachment, event.caption || null));
        return null;
      case 'media_refused': {
        const platform = PLATFORM_NAME[input.where.chat.channel];
        turn.log.warn({ reason: event.reason }, 'attachment not kept');
        await turn.reply(event.reason === 'too_big' ? t.fileTooBig(event.limitMb, platform) : event.reason === 'quota' ? t.fileQuotaFull(Math.round((quota ?? 0) / (1024 * 1024))) : t.fileUnavailable(platform));
        return null;
      }
      case 'command':
        if (event.name === 'site') await runSiteCommand(deps, turn, event.arg);
        else await runCommand(flow, turn, input, event.name, event.arg);
        return null;
      case 'unsupported':
        turn.log.info({ kinds: event.kinds }, 'unsupported message');
        // In a group the crew's stickers are none of Rivet's business.
        if (!input.where.group) await turn.reply(t.cannotRead);
        return null;
      case 'joined':
        return null;
      case 'asset_picked': {
        const draft = parseDraft(event.draft);
        if (!draft) {
          turn.log.warn({}, 'a supervisor picked a machine for a report that cannot be read; ignored');
          return null;
        }
        await turn.step((f) => flow.assetPicked(f, draft, event.assetId, event.by));
        return null;
      }
    }
  }

  /**
   * A group no administrator allowed: say so and leave, once a day; a bot added again the same
   * day says it again. Messages that arrive before it has left are not answered.
   */
  async function refuseGroup(input: ChatInput, log: Logger): Promise<ChatOutcome> {
    const { chat } = input.where;
    const toast = input.event.type === 'tap' ? refusal.groupToast : null;
    const day = deps.clock.now().toISOString().slice(0, 10);
    const firstToday = await deps.access.notices.first(`group-refused/${chat.channel}/${chat.chatId}/${day}`, deps.clock.now());
    if (!firstToday && input.event.type !== 'joined') return { toast, personId: null, conversationId: null };
    log.warn({ chatId: chat.chatId, channel: chat.channel }, 'group chat not allowed; leaving');
    await deps.dispatcher.send({
      idempotencyKey: `group-refused/${chat.channel}/${chat.chatId}/${firstToday ? day : input.eventKey}`,
      to: chat,
      text: refusal.group(chat.chatId),
      leaveChat: true,
      conversationId: null,
      kind: 'response',
    });
    return { toast, personId: null, conversationId: null };
  }

  /** While a supervisor has taken the person's conversation over, the bot only listens (the line is mirrored to them). */
  async function quiet(turn: Turn, input: ChatInput): Promise<string | null> {
    if (input.origin === 'supervisor' || !deps.oversight.takenOver) return null;
    const over = await deps.oversight.takenOver({ organizationId: deps.organizationId, personId: turn.person.id });
    if (!over) return null;
    turn.log.info({ by: over.by }, 'taken over by a supervisor; the bot stays quiet');
    return over.by;
  }

  return {
    async fileAllowance(input) {
      if (quota === null || !deps.files.usedBytes) return null;
      const person = await deps.people.find(deps.organizationId, input.who);
      return person ? Math.max(0, quota - (await deps.files.usedBytes(person.id))) : quota;
    },
    async admits(input) {
      if (input.where.group && !(await deps.allowedChats.get(input.where.chat.channel, input.where.chat.chatId))) return false;
      return admissionOf(deps, await deps.people.find(deps.organizationId, input.who), input).admit;
    },
    handle(input) {
      const channel = input.where.chat.channel;
      observer.note({ type: 'inbound', event: input.event.type, origin: input.origin ?? 'person' }, { channel });
      if (!tracing.enabled) return handleEvent(input, null);
      return tracing.trace(
        `${channel} ${input.event.type}`,
        {
          inputs: { event: input.event.type, description: input.description, eventKey: input.eventKey },
          metadata: { channel, organization: deps.organizationId, eventKey: input.eventKey, group: input.where.group, origin: input.origin ?? 'person' },
          tags: [channel, input.event.type, ...(input.origin === 'supervisor' ? ['by-supervisor'] : [])],
          outputs: (o: ChatOutcome) => ({ toast: o.toast, identified: o.personId !== null }),
        },
        (trace) => handleEvent(input, trace),
      );
    },
  };

  /** Said before Rivet knows the person (a refusal, a group's hello) in what their chat app reports. */
  function handleEvent(input: ChatInput, trace: TraceRun | null): Promise<ChatOutcome> {
    return inLanguage(asLang(input.who.language) ?? 'en', () => handleEventIn(input, trace));
  }

  async function handleEventIn(input: ChatInput, trace: TraceRun | null): Promise<ChatOutcome> {
    const log = input.log ?? deps.logger.child({ eventKey: input.eventKey });
    // The stored message knows its trace, so a later correction finds it (feedback).
    if (trace?.traceId) input = { ...input, meta: { ...input.meta, traceId: trace.traceId } };
    let place = { crew: null as string | null };
    if (input.where.group) {
      const allowed = await deps.allowedChats.get(input.where.chat.channel, input.where.chat.chatId);
      if (!allowed) return refuseGroup(input, log);
      place = { crew: allowed.crew };
      if (input.event.type === 'joined') {
        await deps.dispatcher.send({ idempotencyKey: `${input.eventKey}:hello`, to: input.where.chat, text: refusal.groupHello, conversationId: null, kind: 'response' });
        return { toast: null, personId: null, conversationId: null };
      }
    }
    const open = () => openTurn({ ...deps, usualLocations }, flow, input, log, place);
    const token = linkTokenOf(input.event);
    if (token) return redeemLink(signupDeps, input, token, log, open);
    const known = await deps.people.find(deps.organizationId, input.who);
    const admission = admissionOf(deps, known, input);
    if (!admission.admit) return refuse(signupDeps, input, admission.reason, log);
    const { lang, detected } = turnLanguage(known, input.who, input.event);
    return inLanguage(lang, () => converse(input, trace, open, detected));
  }

  /** The turn of a person let in, in the language chosen for it. */
  async function converse(input: ChatInput, trace: TraceRun | null, open: () => Promise<Turn>, detected: Lang | null): Promise<ChatOutcome> {
    const turn = await open();
    if (detected && detected !== turn.person.detectedLanguage) {
      await deps.people.setLanguage(turn.person.id, { detected }).catch((err: Error) => turn.log.warn({ err: err.message }, 'remembering the language failed'));
    }
    trace?.person(turn.person.id);
    trace?.metadata({ plan: turn.person.tier, role: turn.person.role });
    const by = await quiet(turn, input);
    if (by !== null) return { toast: input.event.type === 'tap' ? t.takenOver(by) : null, personId: turn.person.id, conversationId: turn.conversationId };
    const toast = await run(turn, input, input.event);
    return { toast, personId: turn.person.id, conversationId: turn.conversationId };
  }
}
