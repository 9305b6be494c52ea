/**
 * What a chat adapter hands the engine (one inbound event, already translated from its
 * platform) and what it gets back. Nothing here names a platform: Telegram, Slack and the
 * browser demo all speak this.
 */
import type { AttachmentRef, ChatAddress, Logger } from '../ports.js';
import type { KeptFile, PlatformIdentity } from './stores.js';

/** Where the event happened. */
export interface ChatPlace {
  /** Where replies go. */
  chat: ChatAddress;
  /** Whose conversation it is: build it with conversationKey(). */
  conversationKey: string;
  /** A chat several people share: each member has a conversation of their own there. */
  group: boolean;
}

/**
 * The key of a person's conversation in a chat: the chat id in a one-to-one chat, and
 * "<chat id>:<member id>" in a group, so one person's pending report never swallows another's.
 */
export function conversationKey(chatId: string, group: boolean, memberId: string): string {
  return group ? `${chatId}:${memberId}` : chatId;
}

/** Commands every platform offers (Telegram's /help, a Slack DM's "help", a demo button). */
export const CHAT_COMMANDS = ['start', 'help', 'cancel', 'mine', 'status', 'site'] as const;
export type ChatCommand = (typeof CHAT_COMMANDS)[number];

export type ChatEvent =
  /** Free text, with the platform's own decoration (a leading @mention) already removed. */
  | { type: 'text'; text: string }
  /** A button tapped: its raw data as Rivet made it; `messageId` is the message that carried it. */
  | { type: 'tap'; data: string; messageId: string | null }
  /** A photo, voice note or file the adapter has already stored; `kept` when it lives in Rivet's data dir. */
  | { type: 'media'; attachment: AttachmentRef; caption: string | null; kept?: KeptFile }
  /** A file the adapter could not take: over the platform's download limit, or fetching it failed. */
  | { type: 'media_refused'; reason: 'too_big'; limitMb: number }
  | { type: 'media_refused'; reason: 'unavailable' }
  /** The person's kept files already fill their quota (RIVET_FILE_QUOTA_MB). */
  | { type: 'media_refused'; reason: 'quota' }
  /**
   * A command: one of CHAT_COMMANDS (`arg` is the rest of the line: "/status 42" → "42",
   * "/start <payload>"), or any other name, which gets the unknown-command reply.
   */
  | { type: 'command'; name: ChatCommand | (string & {}); arg: string }
  /** Something Rivet cannot read (a sticker, a location); `kinds` names it for the log. */
  | { type: 'unsupported'; kinds: string[] }
  /** The bot was added to this group chat (`who` added it). */
  | { type: 'joined' }
  /**
   * A supervisor chose the machine of the report this person handed over ("None of these"); the
   * report (as handed over) continues to its confirmation. `assetId` null: file it without one.
   */
  | { type: 'asset_picked'; draft: unknown; assetId: number | null; by: string };

export interface ChatInput {
  who: PlatformIdentity;
  where: ChatPlace;
  /**
   * Unique per delivery and stable across its redeliveries, prefixed by platform
   * ("tg:u:<update id>", "tg:cb:<callback id>"): history, replies and commands are keyed by it.
   */
  eventKey: string;
  /** The inbound as history should show it: the text, "[photo] caption", "[tapped] Create". */
  description: string;
  platformMessageId?: string | null;
  /** Platform facts stored with the message (e.g. { updateId }). */
  meta?: Record<string, unknown>;
  /** A logger already carrying the platform's ids; the engine's own otherwise. */
  log?: Logger;
  /** Who caused it: the person (default), or a supervisor acting on their conversation (mirrored as such). */
  origin?: 'person' | 'supervisor';
  event: ChatEvent;
}

/** What the adapter must still do on its platform, and whom the engine found. */
export interface ChatOutcome {
  /**
   * For a tap: the short answer to show (a toast); '' means "just stop the spinner".
   * Null for every other event.
   */
  toast: string | null;
  /** Null when the person or the group was refused before a conversation was opened. */
  personId: string | null;
  conversationId: string | null;
}
