/**
 * The demo adapter: the page's updates, translated for the chat engine (a technician's text,
 * command, tap or photo) and for the supervisor desk (a reply in a thread, a control), as the
 * Telegram and Slack adapters translate theirs. Updates reach it through the job pipeline
 * (page → api/routes/demo.ts → inbound outbox → `process`), never straight from HTTP; replies
 * leave through the outbound job and the demo transport. The engine's toast for a tap goes back
 * to the page, always (an empty one just stops the spinner), even when handling it failed.
 */
import type { Logger } from 'pino';
import { texts, type ChatEngine, type ChatEvent, type ChatInput, type PlatformIdentity } from '../../core/conversation/index.js';
import type { SupervisorDesk } from '../../core/oversight/index.js';
import type { ChatAddress, Clock } from '../../core/ports.js';
import { keepFile } from '../../files/kept-files.js';
import type { DemoHub } from './hub.js';
import { demoUpdate, type DemoUpdate } from './updates.js';

export interface DemoAdapterDeps {
  hub: DemoHub;
  engine: ChatEngine;
  /** Null when supervisors oversee elsewhere (Slack configured): supervisor updates are then dropped. */
  desk: SupervisorDesk | null;
  /** The supervisors' channel on the page. */
  channelId: string;
  /** Where photos are kept (RIVET_DATA_DIR), and PUBLIC_URL for links to them. */
  dataDir: string;
  publicUrl: string | null;
  clock: Clock;
  logger: Logger;
}

export interface DemoAdapter {
  /** The inbound job's processor: one stored update, handled. */
  process(payload: unknown, ctx: { jobId: string; logger: Logger }): Promise<void>;
}

const identity = (from: { id: string; name: string; language?: string | null }): PlatformIdentity => ({ channel: 'demo', externalId: from.id, username: null, displayName: from.name, language: from.language ?? null });

function describe(u: Extract<DemoUpdate, { kind: 'text' | 'tap' | 'photo' }>): string {
  // A sign-up link arrives as "/start <token>", but the person saw (and history shows) "/start", as on Telegram.
  if (u.kind === 'text') return /^\/start\s/i.test(u.text) ? '/start' : u.text;
  if (u.kind === 'tap') return `[tapped] ${u.label ?? u.data}`;
  return u.caption ? `[photo] ${u.caption}` : '[photo]';
}

export function createDemoAdapter(deps: DemoAdapterDeps): DemoAdapter {
  async function technician(u: Extract<DemoUpdate, { kind: 'text' | 'tap' | 'photo' }>, log: Logger): Promise<void> {
    const chat: ChatAddress = { channel: 'demo', chatId: u.from.id };
    const base: Omit<ChatInput, 'event'> = {
      who: identity(u.from),
      where: { chat, conversationKey: chat.chatId, group: false },
      eventKey: `demo:${u.id}`,
      description: describe(u),
      platformMessageId: u.kind === 'tap' ? null : u.messageId,
      meta: { demoUpdate: u.id },
      log,
    };
    const handle = (event: ChatEvent) => deps.engine.handle({ ...base, event });

    if (u.kind === 'text') {
      if (u.text.startsWith('/')) {
        const [name = '', ...rest] = u.text.slice(1).split(/\s+/);
        await handle({ type: 'command', name: name.toLowerCase(), arg: rest.join(' ') });
      } else await handle({ type: 'text', text: u.text });
      return;
    }
    if (u.kind === 'tap') {
      let toast = '';
      try {
        toast = (await handle({ type: 'tap', data: u.data, messageId: u.messageId })).toast ?? '';
      } catch (err) {
        toast = texts.tapFailed;
        throw err;
      } finally {
        deps.hub.toast(chat.chatId, u.messageId, toast);
      }
      return;
    }
    // A photo: fetched from the "platform" only for someone the engine lets in, then kept by Rivet.
    if (!(await deps.engine.admits(base))) {
      await handle({ type: 'media_refused', reason: 'unavailable' });
      return;
    }
    const file = deps.hub.file(u.fileId);
    if (!file) {
      log.warn({ fileId: u.fileId }, 'demo upload gone before it was fetched');
      await handle({ type: 'media_refused', reason: 'unavailable' });
      return;
    }
    const kept = await keepFile(deps, { data: file.data, fileName: file.fileName, mimeType: file.mimeType, kind: 'image', platformFileId: u.fileId });
    await handle({ type: 'media', attachment: kept.ref, kept: kept.kept, caption: u.caption || null });
  }

  async function supervisor(u: Extract<DemoUpdate, { kind: 'reply' | 'control' }>, log: Logger): Promise<void> {
    if (!deps.desk) return log.info({}, 'supervisors oversee elsewhere; demo supervisor update ignored');
    const who = identity(u.from);
    const eventKey = `demo:${u.id}`;
    if (u.kind === 'reply') {
      await deps.desk.reply({ who, where: { chatId: deps.channelId, threadId: u.threadId }, text: u.text, eventKey, log });
      return;
    }
    await deps.desk.act({ who, where: { chatId: deps.channelId, threadId: u.threadId, messageId: u.messageId, ephemeral: false }, data: u.data, label: u.label, eventKey, log });
  }

  return {
    async process(payload, ctx) {
      const parsed = demoUpdate.safeParse(payload);
      if (!parsed.success) {
        ctx.logger.warn({ issue: parsed.error.issues[0]?.message }, 'malformed demo update dropped');
        return;
      }
      const u = parsed.data;
      const log = ctx.logger.child({ demoUpdate: u.id, kind: u.kind, demoUser: u.from.id });
      try {
        if (u.kind === 'reply' || u.kind === 'control') await supervisor(u, log);
        else await technician(u, log);
      } catch (err) {
        // A bug handling this update will not go away by retrying it; anything else is retried.
        if (isBug(err)) return log.error({ err }, 'demo update handling failed (bug); not retried');
        throw err;
      }
    },
  };
}

function isBug(err: unknown): boolean {
  if (err instanceof TypeError) return !/fetch failed|network|socket|ECONN/i.test(err.message);
  return err instanceof RangeError || err instanceof ReferenceError || err instanceof SyntaxError;
}
