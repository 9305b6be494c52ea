/** /help, /cancel, /mine, /status [number] and /site [name] (also as /help@<bot> in groups), for the engine. */
import { Composer } from 'grammy';
import type { ChatCommand } from '../../../core/conversation/index.js';
import type { RivetContext } from '../context.js';

const COMMANDS: ChatCommand[] = ['help', 'cancel', 'mine', 'status', 'site'];

export function commandsFeature(): Composer<RivetContext> {
  const c = new Composer<RivetContext>();
  for (const name of COMMANDS) {
    c.command(name, async (ctx) => {
      await ctx.rivet.handle({ type: 'command', name, arg: ctx.match });
    });
  }
  return c;
}
