/**
 * Button taps. The engine decides what a tap means and what to say; this answers every
 * callback query with that toast (or an empty answer that stops the spinner), even when
 * handling it failed.
 */
import { Composer } from 'grammy';
import { texts } from '../../../core/conversation/index.js';
import type { RivetContext } from '../context.js';

export function callbacksFeature(): Composer<RivetContext> {
  const c = new Composer<RivetContext>();
  c.on('callback_query', async (ctx) => {
    const messageId = ctx.callbackQuery.message?.message_id;
    let toast = '';
    try {
      const result = await ctx.rivet.handle({ type: 'tap', data: ctx.callbackQuery.data ?? '', messageId: messageId !== undefined ? String(messageId) : null });
      toast = result.toast ?? '';
    } catch (err) {
      toast = texts.tapFailed;
      throw err;
    } finally {
      await ctx.answerCallbackQuery(toast ? { text: toast } : {}).catch((err: Error) => ctx.rivet.log.warn({ err: err.message }, 'answerCallbackQuery failed'));
    }
  });
  return c;
}
