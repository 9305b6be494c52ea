/** /rivet: translated for the supervisor command (src/core/oversight/commands.ts), which answers with a note. */
import type { App } from '@slack/bolt';
import { jobLog, type SlackServices } from '../context.js';
import { slashCommand } from '../payloads.js';

export const COMMAND = '/rivet';

export function commandFeature(app: App, s: SlackServices): void {
  app.command(COMMAND, async ({ body, ack, context }) => {
    await ack();
    const log = jobLog(context, s.deps.logger);
    const parsed = slashCommand.safeParse(body);
    if (!parsed.success) return log.warn({ issue: parsed.error.issues[0]?.message }, 'malformed slash command; ignored');
    const c = parsed.data;
    const person = await s.people.identify(c.user_id);
    if (!person.ok) return log.info({ reason: person.reason }, '/rivet from someone Rivet does not act for; ignored');
    const eventKey = `slack:cmd:${c.trigger_id}`;
    await s.deps.command({ who: person.identity, where: { chatId: c.channel_id, threadId: null }, text: c.text, eventKey, log: log.child({ eventKey, channel: c.channel_id }) });
  });
}
