/**
 * The bot being added to a group (a `new_chat_members` service message naming it, or a group
 * created with it): the engine greets a group an administrator allowed, and refuses and leaves
 * any other.
 */
import { Composer } from 'grammy';
import type { Message, UserFromGetMe } from 'grammy/types';
import type { RivetContext } from '../context.js';

export function addsTheBot(m: Message, me: UserFromGetMe): boolean {
  return !!m.group_chat_created || !!m.supergroup_chat_created || !!m.new_chat_members?.some((u) => u.id === me.id);
}

export function membershipFeature(): Composer<RivetContext> {
  const c = new Composer<RivetContext>();
  c.on('message', async (ctx, next) => {
    if (!ctx.rivet.group || !addsTheBot(ctx.message, ctx.me)) return next();
    await ctx.rivet.handle({ type: 'joined' });
  });
  return c;
}
