/**
 * The bot's context: grammY's Context plus `ctx.rivet`, the per-update scope (who is talking,
 * which conversation, a logger carrying the update id) that the session middleware fills in.
 */
import type { Context } from 'grammy';
import type { Logger } from 'pino';
import type { AssetCatalog, ChatAddress, Clock, JobDispatcher, Oversight, QuestionDesk, WorkOrderReader } from '../../core/ports.js';
import type { ConversationFlow, FlowContext, FlowInterpretation, FlowResolution, FlowResolveContext, Outcome } from '../../core/conversation/index.js';
import type { Repositories } from '../../db/repositories/index.js';
import type { User } from '../../db/repositories/users.js';
import type { StoredFileRepository } from '../../db/repositories/stored-files.js';
import type { TelegramAccountRepository } from '../../db/repositories/telegram-accounts.js';
import type { GroupConversationRepository } from '../../db/repositories/group-conversations.js';
import type { InboundMessageRepository } from '../../db/repositories/inbound-messages.js';
import type { TelegramFiles } from './files.js';

export interface Scope {
  log: Logger;
  user: User;
  chat: ChatAddress;
  /** Unique per update, e.g. "tg:u:123"; keys replies and commands. */
  eventKey: string;
  conversationId: string;
  /**
   * Runs one flow step on the latest state: commands go to the job pipeline, the state is
   * saved with its version check (a concurrent change re-runs the step), replies are sent.
   */
  step(decide: (ctx: FlowContext) => Promise<Outcome> | Outcome, opts?: { editMessageId?: number }): Promise<Outcome>;
  /** A plain reply through the outbound queue. */
  reply(text: string, key?: string): Promise<void>;
}

export type RivetContext = Context & { rivet: Scope };

/** Technician questions a parked job asked in this chat (the job pipeline's desk). */
export interface TelegramQuestions extends QuestionDesk {
  answerButton(input: { data: string; answeredBy: string }): ReturnType<QuestionDesk['answer']>;
}

export interface TelegramBotDeps {
  token: string;
  apiRoot: string;
  organizationId: string;
  repos: Repositories;
  storedFiles: StoredFileRepository;
  telegramAccounts: TelegramAccountRepository;
  groupConversations: GroupConversationRepository;
  inboundMessages: InboundMessageRepository;
  dispatcher: JobDispatcher;
  questions: TelegramQuestions | null;
  oversight: Oversight;
  reader: WorkOrderReader;
  assets: AssetCatalog;
  understand(text: string, ctx: FlowResolveContext): FlowInterpretation;
  resolveAsset(mention: string, ctx: FlowResolveContext): FlowResolution;
  /** Where photos and voice notes are kept (RIVET_DATA_DIR). */
  dataDir: string;
  /** PUBLIC_URL, for links to the files Rivet keeps. */
  publicUrl: string | null;
  logger: Logger;
  clock: Clock;
  /** Known bot identity (skips getMe); otherwise `bot.init()` asks Telegram. */
  botInfo?: import('grammy/types').UserFromGetMe;
}

export interface BotServices {
  deps: TelegramBotDeps;
  flow: ConversationFlow;
  files: TelegramFiles;
}
