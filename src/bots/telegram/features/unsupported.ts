/** Messages the bot cannot use (stickers, locations, videos…): the engine has a polite word for private chats. */
import { Composer } from 'grammy';
import type { RivetContext } from '../context.js';

export function unsupportedFeature(): Composer<RivetContext> {
  const c = new Composer<RivetContext>();
  c.on('message', async (ctx) => {
    await ctx.rivet.handle({ type: 'unsupported', kinds: Object.keys(ctx.message).filter((k) => !['message_id', 'from', 'chat', 'date'].includes(k)) });
  });
  return c;
}
