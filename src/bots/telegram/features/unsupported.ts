/** Messages the bot cannot use (stickers, locations, videos…): a polite word in a private chat. */
import { Composer } from 'grammy';
import type { RivetContext } from '../context.js';

const POLITE = 'I can read text, photos and voice notes. Tell me what’s broken and where.';

export function unsupportedFeature(): Composer<RivetContext> {
  const c = new Composer<RivetContext>();
  c.on('message', async (ctx) => {
    ctx.rivet.log.info({ kinds: Object.keys(ctx.message).filter((k) => !['message_id', 'from', 'chat', 'date'].includes(k)) }, 'unsupported message');
    if (ctx.chat.type === 'private') await ctx.rivet.reply(POLITE);
  });
  return c;
}
