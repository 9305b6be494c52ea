/**
 * The ChatTransport port for the demo (the outbound job delivers through it, as it does through
 * Telegram's and Slack's): a message is posted to the page's chat, an earlier one edited
 * (`editMessageId`, or a supervisor thread's first message refreshed), or shown to one
 * supervisor only. A supervisor thread is resolved to its first message here, as Slack's
 * transport does; a line whose thread has no first message yet waits (the job retries).
 */
import type { ThreadRoots } from '../../core/oversight/index.js';
import type { ChatTransport, OutboundMessage } from '../../core/ports.js';
import type { DemoHub, DemoMessage } from './hub.js';

/** What the bot is called on the page. */
export const BOT_NAME = 'Rivet';
/** Longer texts are cut, as every chat platform does. */
export const MAX_TEXT = 4096;

/** The thread's first message is not posted yet: try again shortly (a transient failure). */
export class DemoThreadNotReadyError extends Error {
  override readonly name = 'DemoThreadNotReadyError';
  constructor(readonly threadId: string) {
    super(`supervisor thread ${threadId} has no first message yet`);
  }
}

const fit = (text: string) => (text.length > MAX_TEXT ? text.slice(0, MAX_TEXT - 1) + '…' : text);

function shown(m: OutboundMessage): Pick<DemoMessage, 'text' | 'buttons' | 'menus' | 'context'> {
  const x = m.extras ?? {};
  return {
    text: fit(m.text),
    buttons: m.buttons ?? [],
    menus: x.menus ?? [],
    ...(x.context?.length ? { context: x.context } : {}),
  };
}

export function createDemoTransport(deps: { hub: DemoHub; threads: ThreadRoots }): ChatTransport {
  const { hub } = deps;
  const post = (chatId: string, m: OutboundMessage, extra: Partial<DemoMessage> = {}) =>
    hub.post({ chatId, from: 'bot', author: BOT_NAME, ...shown(m), ...extra }).id;

  return {
    async send(m) {
      const x = m.extras ?? {};
      let chatId = m.to.chatId;
      let threadId = m.to.threadId ?? null;
      if (x.ephemeralTo) return { messageId: post(chatId, m, { threadId, onlyFor: x.ephemeralTo }) };
      if (x.thread) {
        const root = await deps.threads.rootOf(x.thread.id);
        if (x.thread.root) {
          if (root) {
            hub.edit(root.chatId, root.messageId, shown(m));
            return { messageId: root.messageId };
          }
          const id = post(chatId, m, { threadId: null });
          await deps.threads.rootPosted(x.thread.id, { chatId, messageId: id });
          return { messageId: id };
        }
        if (!root) throw new DemoThreadNotReadyError(x.thread.id);
        chatId = root.chatId;
        threadId = root.messageId;
      }
      if (m.editMessageId && hub.edit(chatId, m.editMessageId, shown(m))) return { messageId: m.editMessageId };
      return { messageId: post(chatId, m, threadId ? { threadId } : {}) };
    },
  };
}
