/**
 * Per-update scope: a logger carrying the update id, the Rivet user behind the Telegram account
 * (a beta user the first time), the chat's conversation (an idle one expires with a notice), and
 * the inbound message written down and mirrored to supervisors.
 */
import type { Middleware } from 'grammy';
import { outcome, parseFlowState, texts } from '../../core/conversation/index.js';
import type { ChatAddress } from '../../core/ports.js';
import { isTier } from '../../core/tiers.js';
import type { BotServices, RivetContext, Scope } from './context.js';
import { displayName, runCommands, sendReplies, type Sender } from './outcome.js';

const MAX_ATTEMPTS = 3;

export function describeInbound(ctx: RivetContext): string {
  const m = ctx.message;
  if (ctx.callbackQuery) {
    // The label the person tapped, as Telegram shows it; the payload only when it is gone.
    const data = ctx.callbackQuery.data ?? '';
    const markup = ctx.callbackQuery.message && 'reply_markup' in ctx.callbackQuery.message ? ctx.callbackQuery.message.reply_markup : undefined;
    const label = markup?.inline_keyboard.flat().find((b) => 'callback_data' in b && b.callback_data === data)?.text;
    return `[tapped] ${label ?? data}`;
  }
  if (!m) return '[update]';
  if (m.text) return m.text;
  const kind = m.photo ? 'photo' : m.voice ? 'voice note' : m.document ? 'file' : m.sticker ? 'sticker' : 'message';
  return m.caption ? `[${kind}] ${m.caption}` : `[${kind}]`;
}

export function session({ deps, flow }: BotServices): Middleware<RivetContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    const chatId = ctx.chat?.id ?? ctx.callbackQuery?.message?.chat.id;
    const log = deps.logger.child({ updateId: ctx.update.update_id, chatId, telegramUserId: from?.id });
    if (!from || chatId === undefined || from.is_bot) {
      log.debug('update without a person or chat; ignored');
      // Every callback query is answered, even one Rivet cannot place.
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: texts.staleButton }).catch(() => undefined);
      return;
    }
    const now = deps.clock.now();
    const name = [from.first_name, from.last_name].filter(Boolean).join(' ').trim() || from.username || 'there';
    const { user } = await deps.repos.users.upsertTelegram({
      organizationId: deps.organizationId,
      telegramId: from.id,
      username: from.username ?? null,
      displayName: name,
      language: from.language_code ?? null,
    });
    const chat: ChatAddress = { channel: 'telegram', chatId: String(chatId) };
    // In a group every member has a conversation of their own; replies still go to the group.
    const conversationKey = chatId > 0 ? chat.chatId : `${chat.chatId}:${from.id}`;
    const opened = await deps.repos.conversations.open({ organizationId: deps.organizationId, channel: 'telegram', chatId: conversationKey, userId: user.id, now });
    const conversationId = opened.conversation.id;
    const eventKey = ctx.callbackQuery ? `tg:cb:${ctx.callbackQuery.id}` : `tg:u:${ctx.update.update_id}`;
    const sender: Sender = { organizationId: deps.organizationId, user, chat, conversationId, eventKey };

    const text = describeInbound(ctx);
    // Written once per delivery (a retried job does not store or mirror it again).
    const first = await deps.inboundMessages.recordOnce(eventKey, {
      organizationId: deps.organizationId,
      conversationId,
      channel: 'telegram',
      direction: 'in',
      senderType: 'technician',
      senderUserId: user.id,
      platformChatId: chat.chatId,
      platformMessageId: ctx.message ? String(ctx.message.message_id) : null,
      kind: 'request',
      text,
      payload: { updateId: ctx.update.update_id },
    });
    if (first) {
      await deps.oversight.mirror({ organizationId: deps.organizationId, conversationId, sender: 'technician', text }).catch((err: Error) => {
        log.warn({ err: err.message }, 'mirroring to oversight failed');
      });
    }

    const notice = flow.expired(opened.expiredState);
    if (notice) await sendReplies(deps.dispatcher, sender, [{ text: notice }], undefined, 'exp');

    const scope: Scope = {
      log,
      user,
      chat,
      eventKey,
      conversationId,
      async step(decide, opts = {}) {
        let conv = opened.conversation;
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
          if (attempt > 1) conv = (await deps.repos.conversations.get(conversationId)) ?? conv;
          const result = await decide({
            conversation: { id: conv.id, version: conv.stateVersion, state: parseFlowState(conv.state) },
            user: {
              id: user.id,
              name: displayName(user).split(' ')[0] ?? displayName(user),
              tier: isTier(user.tier) ? user.tier : 'beta',
              homeLocationId: user.homeLocationId,
              recentAssetIds: await recentAssets(user.id),
            },
            chat,
            eventKey,
            now,
          });
          await runCommands(deps.dispatcher, sender, result.commands, log);
          if (result.state !== undefined && !(await deps.repos.conversations.saveState(conv.id, result.state, conv.stateVersion))) {
            log.info({ attempt }, 'conversation changed concurrently; deciding again');
            continue;
          }
          await sendReplies(deps.dispatcher, sender, result.replies, opts.editMessageId);
          return result;
        }
        return outcome({ toast: texts.staleButton });
      },
      reply: (replyText, key = 'plain') => sendReplies(deps.dispatcher, sender, [{ text: replyText }], undefined, key),
    };
    ctx.rivet = scope;
    await next();
  };

  async function recentAssets(userId: string): Promise<number[]> {
    const links = await deps.repos.workOrderLinks.forRequester(userId, 10);
    return [...new Set(links.flatMap((l) => (l.assetId !== null ? [l.assetId] : [])))].slice(0, 5);
  }
}
