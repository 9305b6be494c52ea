/**
 * Supervisors in the oversight channel: a reply in a thread, a control on a Rivet message
 * (buttons and menus) and the "Send to technician" message shortcut are translated for the
 * supervisor desk (src/core/oversight), which decides what they mean. Elsewhere, and from bots
 * (Rivet included), nothing is acted on.
 */
import type { App } from '@slack/bolt';
import type { SupervisorInput } from '../../../core/oversight/index.js';
import { ACTION_PREFIX } from '../blocks.js';
import { jobLog, type SlackServices } from '../context.js';
import { blockAction, messageEvent, messageShortcut } from '../payloads.js';
import { fromSlack } from '../text.js';

export const SEND_TO_TECHNICIAN = 'rivet_send_to_technician';

export function oversightFeature(app: App, s: SlackServices): void {
  const supervisor = async (userId: string, log: SupervisorInput['log']) => {
    const person = await s.people.identify(userId);
    if (!person.ok) log?.info({ reason: person.reason, slackUserId: userId }, 'not a person Rivet acts for; ignored');
    return person.ok ? person.identity : null;
  };

  app.event('message', async ({ event, body, context }) => {
    const parsed = messageEvent.safeParse(event);
    if (!parsed.success || parsed.data.channel !== s.deps.channelId) return;
    const m = parsed.data;
    const eventId = (body as { event_id?: string }).event_id ?? `${m.channel}/${m.ts}`;
    const log = jobLog(context, s.deps.logger).child({ eventId, channel: m.channel, slackUserId: m.user });
    // Only people's replies inside a thread; the channel's own chatter and edits are not Rivet's.
    if (!m.thread_ts || m.thread_ts === m.ts || m.bot_id || !m.user || !(m.subtype === undefined || m.subtype === 'file_share' || m.subtype === 'thread_broadcast')) {
      return log.debug({ subtype: m.subtype }, 'not a supervisor’s reply in a thread; ignored');
    }
    const who = await supervisor(m.user, log);
    if (!who) return;
    await s.deps.desk.reply({ who, where: { chatId: m.channel, threadId: m.thread_ts }, text: fromSlack(m.text, s.self().botUserId), eventKey: `slack:ev:${eventId}`, log });
  });

  app.action(new RegExp(`^${ACTION_PREFIX}`), async ({ body, ack, context }) => {
    await ack();
    const parsed = blockAction.safeParse(body);
    if (!parsed.success) return;
    const a = parsed.data;
    const channel = a.channel?.id ?? a.container?.channel_id;
    if (channel !== s.deps.channelId) return;
    const action = a.actions[0]!;
    const data = action.value ?? action.selected_option?.value;
    const eventKey = `slack:ia:${a.trigger_id ?? `${channel}/${action.action_ts}`}`;
    const log = jobLog(context, s.deps.logger).child({ eventKey, channel, slackUserId: a.user.id });
    if (!data) return log.info({ actionId: action.action_id }, 'control without data; ignored');
    const who = await supervisor(a.user.id, log);
    if (!who) return;
    await s.deps.desk.act({
      who,
      where: { chatId: channel, threadId: a.container?.thread_ts ?? a.message?.thread_ts ?? null, messageId: a.container?.message_ts ?? a.message?.ts ?? null, ephemeral: a.container?.is_ephemeral ?? false },
      data,
      label: action.text?.text ?? action.selected_option?.text?.text ?? null,
      eventKey,
      log,
    });
  });

  app.shortcut(SEND_TO_TECHNICIAN, async ({ body, ack, context }) => {
    await ack();
    const log = jobLog(context, s.deps.logger);
    const parsed = messageShortcut.safeParse(body);
    if (!parsed.success) return log.warn({ issue: parsed.error.issues[0]?.message }, 'malformed message shortcut; ignored');
    const sc = parsed.data;
    const who = await supervisor(sc.user.id, log);
    if (!who) return;
    await s.deps.desk.relay({
      who,
      where: { chatId: sc.channel.id, threadId: sc.message.thread_ts ?? sc.message.ts },
      text: fromSlack(sc.message.text, s.self().botUserId),
      fromBot: !!sc.message.bot_id || !sc.message.user,
      eventKey: `slack:ia:${sc.trigger_id}`,
      log: log.child({ eventKey: `slack:ia:${sc.trigger_id}`, channel: sc.channel.id }),
    });
  });
}
