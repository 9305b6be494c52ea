/**
 * The bot's context: grammY's Context plus `ctx.rivet`, the per-update scope the arrival
 * middleware fills in (a logger carrying the update id, whether the chat is a group, and
 * `handle`, which gives one event of this update to the chat engine).
 */
import type { Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Logger } from 'pino';
import type { ChatEngine, ChatEvent, ChatOutcome } from '../../core/conversation/index.js';
import type { Clock } from '../../core/ports.js';
import type { TelegramFiles } from './files.js';

export interface Scope {
  log: Logger;
  /** A group or supergroup: members each have their own conversation, and the bot speaks when spoken to. */
  group: boolean;
  /** Hands this update's event to the chat engine (who, where and the event key are filled in). */
  handle(event: ChatEvent): Promise<ChatOutcome>;
  /** Whether the engine lets this person in here (asked before downloading a file). */
  admits(): Promise<boolean>;
  /** Bytes the person may still have kept (null: no limit). */
  fileAllowance(): Promise<number | null>;
}

export type RivetContext = Context & { rivet: Scope };

export interface TelegramBotDeps {
  token: string;
  apiRoot: string;
  /** Everything past translation: people, conversations, the flow, replies. */
  engine: ChatEngine;
  /** Where photos and voice notes are kept (RIVET_DATA_DIR). */
  dataDir: string;
  /** PUBLIC_URL, for links to the files Rivet keeps. */
  publicUrl: string | null;
  logger: Logger;
  clock: Clock;
  /** Known bot identity (skips getMe); otherwise `bot.init()` asks Telegram. */
  botInfo?: UserFromGetMe;
}

export interface BotServices {
  deps: TelegramBotDeps;
  files: TelegramFiles;
}
