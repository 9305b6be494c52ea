/**
 * Button taps. Every callback query is answered (a toast, or an empty answer that stops the
 * spinner), even when handling it failed. Flow buttons carry the state version, so a stale or
 * doubled tap gets a toast instead of acting twice; `q:` buttons answer a job's question.
 */
import { Composer } from 'grammy';
import { decodeButton, parseFlowState, texts } from '../../../core/conversation/index.js';
import type { BotServices, RivetContext } from '../context.js';

const QUESTION_TOASTS = {
  resumed: 'Thanks, got it.',
  already_answered: 'That was already answered.',
  expired: 'That question has expired.',
  unknown: texts.staleButton,
} as const;

export function callbacksFeature({ deps, flow }: BotServices): Composer<RivetContext> {
  const c = new Composer<RivetContext>();
  c.on('callback_query', async (ctx) => {
    const r = ctx.rivet;
    const data = ctx.callbackQuery.data;
    let toast = '';
    try {
      const payload = decodeButton(data);
      if (!payload) {
        toast = texts.staleButton;
      } else if (payload.kind === 'question') {
        const result = deps.questions ? await deps.questions.answerButton({ data: data!, answeredBy: r.user.id }) : 'unknown';
        toast = QUESTION_TOASTS[result];
      } else {
        const messageId = ctx.callbackQuery.message?.message_id;
        const o = await r.step((f) => flow.button(f, payload), messageId !== undefined ? { editMessageId: messageId } : {});
        toast = o.toast ?? '';
        if (toast === texts.staleButton && Number(r.chat.chatId) < 0) {
          // In a group it may be a crew mate's live button rather than an old one.
          const owner = parseFlowState(await deps.groupConversations.stateOfButton('telegram', r.chat.chatId, payload.conv));
          if (owner && owner.ownerId !== r.user.id) toast = texts.foreignButton(owner.ownerName);
        }
      }
      r.log.info({ data, toast }, 'button tapped');
    } catch (err) {
      toast = 'Something went wrong. Please tap again.';
      throw err;
    } finally {
      await ctx.answerCallbackQuery(toast ? { text: toast } : {}).catch((err: Error) => r.log.warn({ err: err.message }, 'answerCallbackQuery failed'));
    }
  });
  return c;
}
