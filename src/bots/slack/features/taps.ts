/**
 * A technician tapping a button in their direct message with the bot: the button's value is
 * Rivet's own data (a flow step, or a job's question), handed to the chat engine as a tap. The
 * engine's short answer (Telegram shows it as a toast) is shown only to them, as a note sent
 * through the outbound queue.
 */
import type { App } from '@slack/bolt';
import type { ChatAddress } from '../../../core/ports.js';
import { ACTION_PREFIX } from '../blocks.js';
import { jobLog, type SlackServices } from '../context.js';
import { blockAction } from '../payloads.js';

export function tapsFeature(app: App, s: SlackServices): void {
  app.action(new RegExp(`^${ACTION_PREFIX}`), async ({ body, ack, context }) => {
    await ack();
    const parsed = blockAction.safeParse(body);
    const log = jobLog(context, s.deps.logger);
    if (!parsed.success) return log.warn({ issue: parsed.error.issues[0]?.message }, 'malformed block action; ignored');
    const a = parsed.data;
    const channel = a.channel?.id ?? a.container?.channel_id;
    // Supervisors' controls are the oversight feature's; here only the bot's direct messages.
    if (!channel || channel === s.deps.channelId || !channel.startsWith('D')) return;
    const action = a.actions[0]!;
    const data = action.value ?? action.selected_option?.value;
    if (!data) return log.info({ actionId: action.action_id }, 'action without data; ignored');
    const person = await s.people.identify(a.user.id);
    if (!person.ok) return log.info({ reason: person.reason }, 'tap from someone Rivet does not act for; ignored');
    const chat: ChatAddress = { channel: 'slack', chatId: channel };
    const eventKey = `slack:ia:${a.trigger_id ?? `${channel}/${action.action_ts ?? a.container?.message_ts}`}`;
    const outcome = await s.deps.engine.handle({
      who: person.identity,
      where: { chat, conversationKey: channel, group: false },
      eventKey,
      description: `[tapped] ${action.text?.text ?? action.selected_option?.text?.text ?? data}`,
      meta: { actionTs: action.action_ts ?? null },
      log: log.child({ eventKey, channel }),
      event: { type: 'tap', data, messageId: a.container?.message_ts ?? a.message?.ts ?? null },
    });
    if (outcome.toast) {
      await s.deps.dispatcher.send({ idempotencyKey: `${eventKey}:toast`, to: chat, text: outcome.toast, kind: 'response', extras: { ephemeralTo: a.user.id } });
    }
  });
}
