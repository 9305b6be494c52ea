/** /help, /cancel, /mine and /status [number]. */
import { Composer } from 'grammy';
import { outcome, texts } from '../../../core/conversation/index.js';
import type { BotServices, RivetContext } from '../context.js';

export function parseWorkOrderNumber(s: string): number | null {
  const m = /^\s*(?:wo)?\s*#?0*(\d{1,9})\s*$/i.exec(s);
  return m ? Number(m[1]) : null;
}

export function commandsFeature({ flow }: BotServices): Composer<RivetContext> {
  const c = new Composer<RivetContext>();
  c.command('help', (ctx) => ctx.rivet.reply(texts.help));
  c.command('cancel', async (ctx) => {
    await ctx.rivet.step((f) => flow.cancel(f));
  });
  c.command('mine', async (ctx) => {
    await ctx.rivet.step((f) => flow.mine(f));
  });
  c.command('status', async (ctx) => {
    const arg = ctx.match.trim();
    const n = arg ? parseWorkOrderNumber(arg) : null;
    if (arg && n === null) {
      await ctx.rivet.step(() => outcome({ replies: [{ text: 'Send the work order number, e.g. /status 42.' }] }));
      return;
    }
    await ctx.rivet.step((f) => flow.status(f, n));
  });
  return c;
}
