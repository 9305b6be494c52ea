/**
 * Free text: in a group without the "@rivet_bot" that addressed it. What it means (a report, a
 * question, a status change, small talk) is the engine's business. A "/word" no other composer
 * took is an unknown command, and the engine says so.
 */
import { Composer } from 'grammy';
import type { RivetContext } from '../context.js';
import { withoutMention } from '../groups.js';

export function reportFeature(): Composer<RivetContext> {
  const c = new Composer<RivetContext>();
  c.on('message:text', async (ctx) => {
    const r = ctx.rivet;
    const raw = ctx.message.text;
    if (raw.startsWith('/')) {
      const [name = '', ...rest] = raw.slice(1).split(/\s+/);
      await r.handle({ type: 'command', name, arg: rest.join(' ') });
      return;
    }
    await r.handle({ type: 'text', text: r.group ? withoutMention(raw, ctx.me) : raw });
  });
  return c;
}
