/**
 * Requests as Slack sends them to an app's one URL: Events API envelopes (JSON), interactivity
 * payloads (form field `payload`), slash commands (form), each signed with the v0 scheme. Tests
 * build realistic bodies here and POST them to the real app.
 */
import { randomBytes } from 'node:crypto';
import { signSlackBody } from '../../../src/webhooks/verify/slack.js';

let seq = 0;
const id = (prefix: string) => `${prefix}${Date.now().toString(36).toUpperCase()}${(++seq).toString(36).toUpperCase()}${randomBytes(2).toString('hex').toUpperCase()}`;
export const newTs = () => `${Math.floor(Date.now() / 1000)}.${String(900_000 + (++seq % 99_999)).padStart(6, '0')}`;
export const triggerId = () => `${Date.now()}.${++seq}.${randomBytes(6).toString('hex')}`;

export interface SignedRequest {
  body: string;
  contentType: string;
}

export function eventEnvelope(event: Record<string, unknown>, o: { teamId: string; eventId?: string }): SignedRequest & { eventId: string } {
  const eventId = o.eventId ?? id('Ev');
  const body = JSON.stringify({ token: 'deprecated', team_id: o.teamId, api_app_id: 'A0RIVET', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000), event, authorizations: [{ team_id: o.teamId, user_id: 'U0RIVETBOT', is_bot: true }] });
  return { body, contentType: 'application/json', eventId };
}

export function messageEvent(o: { channel: string; user: string; text: string; ts?: string; thread_ts?: string; channel_type?: 'im' | 'channel'; subtype?: string; bot_id?: string; files?: unknown[] }) {
  const ts = o.ts ?? newTs();
  return {
    type: 'message', channel: o.channel, user: o.user, text: o.text, ts, event_ts: ts, channel_type: o.channel_type ?? 'channel',
    ...(o.thread_ts ? { thread_ts: o.thread_ts } : {}), ...(o.subtype ? { subtype: o.subtype } : {}), ...(o.bot_id ? { bot_id: o.bot_id } : {}), ...(o.files ? { files: o.files } : {}),
  };
}

export function interaction(payload: Record<string, unknown>): SignedRequest {
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** A click on a button (or a choice in a menu) of a message. */
export function blockAction(o: {
  teamId: string; user: string; channel: string; messageTs: string; threadTs?: string; ephemeral?: boolean;
  actionId: string; value: string; text: string; menu?: boolean; triggerId?: string;
}): SignedRequest {
  const action = o.menu
    ? { type: 'static_select', action_id: o.actionId, block_id: 'b', selected_option: { text: { type: 'plain_text', text: o.text }, value: o.value }, action_ts: newTs() }
    : { type: 'button', action_id: o.actionId, block_id: 'b', text: { type: 'plain_text', text: o.text }, value: o.value, action_ts: newTs() };
  return interaction({
    type: 'block_actions',
    team: { id: o.teamId, domain: 'rivet-test' },
    user: { id: o.user, username: o.user.toLowerCase(), team_id: o.teamId },
    api_app_id: 'A0RIVET',
    token: 'deprecated',
    trigger_id: o.triggerId ?? triggerId(),
    container: { type: 'message', message_ts: o.messageTs, channel_id: o.channel, is_ephemeral: !!o.ephemeral, ...(o.threadTs ? { thread_ts: o.threadTs } : {}) },
    channel: { id: o.channel, name: 'x' },
    ...(o.ephemeral ? {} : { message: { type: 'message', ts: o.messageTs, text: '', ...(o.threadTs ? { thread_ts: o.threadTs } : {}) } }),
    response_url: 'https://hooks.slack.invalid/actions/1',
    actions: [action],
  });
}

export function messageShortcut(o: { teamId: string; user: string; channel: string; message: { ts: string; thread_ts?: string; text: string; user?: string; bot_id?: string }; callbackId?: string }): SignedRequest {
  return interaction({
    type: 'message_action',
    callback_id: o.callbackId ?? 'rivet_send_to_technician',
    trigger_id: triggerId(),
    team: { id: o.teamId, domain: 'rivet-test' },
    user: { id: o.user, name: o.user.toLowerCase(), team_id: o.teamId },
    channel: { id: o.channel, name: 'oversight' },
    message_ts: o.message.ts,
    message: { type: 'message', ...o.message },
    response_url: 'https://hooks.slack.invalid/actions/2',
    token: 'deprecated',
  });
}

export function slashCommand(o: { teamId: string; user: string; channel: string; text: string }): SignedRequest {
  const form = new URLSearchParams({
    token: 'deprecated', team_id: o.teamId, team_domain: 'rivet-test', channel_id: o.channel, channel_name: 'oversight', user_id: o.user,
    user_name: o.user.toLowerCase(), command: '/rivet', text: o.text, api_app_id: 'A0RIVET', response_url: 'https://hooks.slack.invalid/commands/1', trigger_id: triggerId(),
  });
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** The headers Slack sends with a request, signed at `at` (default now). */
export function slackHeaders(secret: string, req: SignedRequest, o: { at?: Date; retryNum?: number; signature?: string | null } = {}): Record<string, string> {
  const ts = Math.floor((o.at ?? new Date()).getTime() / 1000);
  const headers: Record<string, string> = { 'content-type': req.contentType, 'x-slack-request-timestamp': String(ts) };
  const signature = o.signature === undefined ? signSlackBody(secret, ts, req.body) : o.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  if (o.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(o.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return headers;
}
