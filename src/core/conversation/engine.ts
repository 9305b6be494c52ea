/**
 * The chat engine: what every chat platform needs, in one place. An adapter (Telegram, Slack,
 * the browser demo) translates its platform's event into a ChatInput and calls `handle`; the
 * engine finds the person, opens their conversation (with expiry), writes the inbound down once
 * per event key, decides through the conversation flow, dispatches commands, saves the state
 * with its version check and queues the replies. Replies and commands leave through the
 * JobDispatcher (the outbox), so delivery guarantees are the job pipeline's. The adapter gets
 * back only what it must still do on its platform (the toast for a tap).
 */
import type { AssetCatalog, Clock, JobDispatcher, Logger, Oversight, QuestionDesk, WorkOrderReader } from '../ports.js';
import { runCommand } from './commands.js';
import { createConversationFlow, MAX_TEXT, type ConversationFlow } from './flow.js';
import type { ChatEvent, ChatInput, ChatOutcome } from './input.js';
import type { ConversationStore, FiledWorkOrders, KeptFileLog, LinkTokens, MessageLog, PeopleStore } from './stores.js';
import { parseDraft } from './state.js';
import { runTap } from './taps.js';
import { PLATFORM_NAME, t } from './texts.js';
import { openTurn, type Turn } from './turn.js';
import { createUnderstanding, type Understanding } from './understanding.js';

export interface ChatEngineDeps {
  /** The organization this deployment serves (new people join it). */
  organizationId: string;
  people: PeopleStore;
  conversations: ConversationStore;
  messages: MessageLog;
  linkTokens: LinkTokens;
  filed: FiledWorkOrders;
  files: KeptFileLog;
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
  /** Conversation expiry (defaults: 30 idle minutes, 12 hours in all). */
  expiry?: { idleMs?: number; maxAgeMs?: number };
}

export interface ChatEngine {
  /** Handles one inbound event. Throws only when something it depends on is down (retry the delivery). */
  handle(input: ChatInput): Promise<ChatOutcome>;
}

export function createChatEngine(deps: ChatEngineDeps): ChatEngine {
  const understanding = deps.understanding ?? createUnderstanding(deps.assets);
  const flow: ConversationFlow = createConversationFlow({
    understand: understanding.understand,
    resolveAsset: understanding.resolveAsset,
    asset: (id) => deps.assets.get(id),
    reader: deps.reader,
    ownWorkOrderIds: async (personId) => (await deps.filed.filedBy(personId, 50)).map((f) => f.workOrderId),
    askSupervisor: (q) => deps.oversight.askSupervisor({ organizationId: deps.organizationId, ...q }),
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
        await turn.reply(event.reason === 'too_big' ? t.fileTooBig(event.limitMb, platform) : t.fileUnavailable(platform));
        return null;
      }
      case 'command':
        await runCommand(deps, flow, turn, input, event.name, event.arg);
        return null;
      case 'unsupported':
        turn.log.info({ kinds: event.kinds }, 'unsupported message');
        // In a group the crew's stickers are none of Rivet's business.
        if (!input.where.group) await turn.reply(t.cannotRead);
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

  /** While a supervisor has taken the person's conversation over, the bot only listens (the line is mirrored to them). */
  async function quiet(turn: Turn, input: ChatInput): Promise<string | null> {
    if (input.origin === 'supervisor' || !deps.oversight.takenOver) return null;
    const over = await deps.oversight.takenOver({ organizationId: deps.organizationId, personId: turn.person.id });
    if (!over) return null;
    turn.log.info({ by: over.by }, 'taken over by a supervisor; the bot stays quiet');
    return over.by;
  }

  return {
    async handle(input) {
      const log = input.log ?? deps.logger.child({ eventKey: input.eventKey });
      const turn = await openTurn(deps, flow, input, log);
      const by = await quiet(turn, input);
      if (by !== null) return { toast: input.event.type === 'tap' ? t.takenOver(by) : null, personId: turn.person.id, conversationId: turn.conversationId };
      const toast = await run(turn, input, input.event);
      return { toast, personId: turn.person.id, conversationId: turn.conversationId };
    },
  };
}
