/**
 * Free text: a report, a question about work orders, a status change, a comment, a request for
 * a person, or small talk; the conversation flow decides which and what is pending.
 */
import { Composer } from 'grammy';
import { texts } from '../../../core/conversation/index.js';
import type { BotServices, RivetContext } from '../context.js';
import { withoutMention } from '../groups.js';

const UNKNOWN_COMMAND = 'I don’t know that command. /help lists what I can do.';

export function reportFeature({ flow }: BotServices): Composer<RivetContext> {
  const c = new Composer<RivetContext>();
  c.on('message:text', async (ctx) => {
    const r = ctx.rivet;
    const raw = ctx.message.text;
    if (raw.startsWith('/')) {
      await r.reply(UNKNOWN_COMMAND);
      return;
    }
    const text = ctx.chat.type === 'private' ? raw.trim() : withoutMention(raw, ctx.me);
    if (!text) {
      await r.reply(texts.help);
      return;
    }
    if (raw.length > 4096) r.log.warn({ length: raw.length }, 'oversized text; interpreting its beginning');
    await r.step((f) => flow.text(f, text));
  });
  return c;
}
