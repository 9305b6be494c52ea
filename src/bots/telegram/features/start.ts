/**
 * /start [payload]: Telegram's deep links (`t.me/<bot>?start=<payload>`) arrive here. The
 * engine greets a newcomer, spends a sign-up link token, or starts a report on the asset of a
 * QR sticker (`a_<asset id>`).
 */
import { Composer } from 'grammy';
import type { RivetContext } from '../context.js';

export function startFeature(): Composer<RivetContext> {
  const c = new Composer<RivetContext>();
  c.command('start', async (ctx) => {
    await ctx.rivet.handle({ type: 'command', name: 'start', arg: ctx.match });
  });
  return c;
}
