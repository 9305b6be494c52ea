/**
 * A technician writing to the bot in a direct message gets the same conversation as on Telegram:
 * the message becomes a ChatInput (text, a command word such as "help" or "status 42", or a file
 * kept by Rivet) for the chat engine, whose replies come back as Block Kit through the outbound job.
 */
import type { App } from '@slack/bolt';
import { CHAT_COMMANDS, type ChatEvent } from '../../../core/conversation/index.js';
import type { ChatAddress } from '../../../core/ports.js';
import { jobLog, type SlackServices } from '../context.js';
import { messageEvent, type MessageEvent } from '../payloads.js';
import { fromSlack } from '../text.js';

/** Subtypes that are a person's own new message. */
const OWN_MESSAGE = new Set([undefined, 'file_share', 'thread_broadcast']);
const COMMAND = new RegExp(`^(${CHAT_COMMANDS.join('|')})(?:\\s+(.*))?$`, 'i');

async function eventOf(s: SlackServices, m: MessageEvent, text: string): Promise<ChatEvent> {
  const file = m.files?.[0];
  if (file) {
    const got = await s.files.fetchAndStore({ id: file.id, name: file.name ?? null, mimetype: file.mimetype ?? null, size: file.size ?? null, url: file.url_private_download ?? file.url_private ?? null });
    if (got.ok) return { type: 'media', attachment: got.ref, caption: text || null, kept: got.kept };
    return got.reason === 'too_big' ? { type: 'media_refused', reason: 'too_big', limitMb: 20 } : { type: 'media_refused', reason: 'unavailable' };
  }
  const command = COMMAND.exec(text);
  if (command) return { type: 'command', name: command[1]!.toLowerCase(), arg: command[2] ?? '' };
  return { type: 'text', text };
}

export function directMessagesFeature(app: App, s: SlackServices): void {
  app.event('message', async ({ event, body, context }) => {
    const parsed = messageEvent.safeParse(event);
    if (!parsed.success || parsed.data.channel_type !== 'im') return;
    const m = parsed.data;
    const log = jobLog(context, s.deps.logger).child({ eventId: (body as { event_id?: string }).event_id, channel: m.channel, slackUserId: m.user });
    if (!OWN_MESSAGE.has(m.subtype) || m.bot_id || !m.user) return log.debug({ subtype: m.subtype }, 'not a person’s new message; ignored');
    const person = await s.people.identify(m.user);
    if (!person.ok) return log.info({ reason: person.reason }, 'direct message from someone Rivet does not act for; ignored');
    const text = fromSlack(m.text, s.self().botUserId);
    const chat: ChatAddress = { channel: 'slack', chatId: m.channel };
    const eventId = (body as { event_id?: string }).event_id ?? `${m.channel}/${m.ts}`;
    const chatEvent = await eventOf(s, m, text);
    await s.deps.engine.handle({
      who: person.identity,
      where: { chat, conversationKey: m.channel, group: false },
      eventKey: `slack:ev:${eventId}`,
      description: chatEvent.type === 'media' || chatEvent.type === 'media_refused' ? `[file]${text ? ` ${text}` : ''}` : text,
      platformMessageId: m.ts,
      meta: { eventId, ts: m.ts },
      log,
      event: chatEvent,
    });
  });
}
