/**
 * In a crew's group chat the bot speaks only when spoken to: commands, @mentions, replies to
 * its own messages, and taps on its buttons (and it hears being added, to greet or to leave a
 * group nobody allowed). Everything else is the crew talking to each other.
 */
import type { Middleware } from 'grammy';
import type { Message, MessageEntity, UserFromGetMe } from 'grammy/types';
import type { RivetContext } from './context.js';
import { addsTheBot } from './features/membership.js';

export function isAddressedToBot(m: Message, me: UserFromGetMe): boolean {
  if (m.reply_to_message?.from?.id === me.id) return true;
  const text = m.text ?? m.caption ?? '';
  const entities: MessageEntity[] = m.entities ?? m.caption_entities ?? [];
  const handle = `@${me.username}`.toLowerCase();
  for (const e of entities) {
    const part = text.slice(e.offset, e.offset + e.length).toLowerCase();
    if (e.type === 'bot_command' && e.offset === 0 && (!part.includes('@') || part.endsWith(handle))) return true;
    if (e.type === 'mention' && part === handle) return true;
    if (e.type === 'text_mention' && e.user.id === me.id) return true;
  }
  return false;
}

/** Removes "@rivet_bot" from a text addressed to the bot in a group. */
export function withoutMention(text: string, me: UserFromGetMe): string {
  return text.replace(new RegExp(`@${me.username}\\b`, 'ig'), ' ').replace(/\s+/g, ' ').trim();
}

export function groupRules(): Middleware<RivetContext> {
  return async (ctx, next) => {
    const type = ctx.chat?.type;
    if (!type || type === 'private' || ctx.callbackQuery) return next();
    if (type === 'channel') return;
    if (ctx.message && (isAddressedToBot(ctx.message, ctx.me) || addsTheBot(ctx.message, ctx.me))) return next();
    // Not for us: nothing is stored or answered.
  };
}
