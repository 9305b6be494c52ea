/**
 * End-to-end set-up with Slack: the real Rivet (`startRivet`) with Slack configured against the
 * fake Slack Web API, besides the fake Telegram and fake Atlas of harness.ts, on real PostgreSQL
 * and Redis. Slack requests (events, interactivity, slash commands) are signed and POSTed to
 * /slack/events as Slack would; what Rivet says in Slack is read back from the fake.
 */
import { DEFAULT_BOT_USER } from '../fakes/atlas/index.js';
import { controlsOf, shownText, startFakeSlack, type FakeSlack, type FakeSlackEphemeral, type FakeSlackMessage, type FakeSlackUser } from '../fakes/slack/index.js';
import * as req from '../fakes/slack/requests.js';
import { startE2E, until, type E2E } from './harness.js';

export const OVERSIGHT = 'C0OVERSIGHT1';
export const ESCALATION_GROUP = 'S0MAINTLEADS';
export const MARIA: FakeSlackUser = { id: 'U0MARIA001', name: 'maria', real_name: 'Maria Lopez' };
export const OMAR: FakeSlackUser = { id: 'U0OMAR0001', name: 'omar', real_name: 'Omar Diaz' };
/** A technician who uses Slack instead of Telegram. */
export const SAM: FakeSlackUser = { id: 'U0SAM00001', name: 'sam', real_name: 'Sam Ortiz' };
export const SAM_DM = 'D0SAMDM001';
/** An Atlas user work orders can be assigned to. */
export const BOB = { email: 'bob@rivet.test', password: 'bob-password-123456', role: 'TECHNICIAN', firstName: 'Bob', lastName: 'Builder' };

export interface SlackE2E extends E2E {
  slack: FakeSlack;
  /** POSTs a signed request to /slack/events. */
  send(r: req.SignedRequest, o?: Parameters<typeof req.slackHeaders>[2]): Promise<Response>;
  /** A message from `user` (in the oversight channel unless `channel` says otherwise). */
  say(user: FakeSlackUser, text: string, o?: { threadTs?: string; channel?: string; im?: boolean; eventId?: string; retryNum?: number; files?: unknown[] }): Promise<Response>;
  /** Clicks the control labelled like `label` on `message` (a posted message or an ephemeral note). */
  click(user: FakeSlackUser, message: FakeSlackMessage | FakeSlackEphemeral, label: RegExp): Promise<Response>;
  command(user: FakeSlackUser, text: string, channel?: string): Promise<Response>;
  /** Waits for a first message in the oversight channel whose text matches. */
  root(re: RegExp, timeoutMs?: number): Promise<FakeSlackMessage>;
  /** Waits for a reply in a thread whose text matches. */
  reply(root: FakeSlackMessage, re: RegExp, timeoutMs?: number): Promise<FakeSlackMessage>;
  replies(root: FakeSlackMessage): string[];
  /** Waits for a note only `user` sees, matching. */
  note(user: FakeSlackUser, re: RegExp, timeoutMs?: number): Promise<FakeSlackEphemeral>;
  /** Waits for a message in a direct-message channel whose text matches. */
  dm(channel: string, re: RegExp, timeoutMs?: number): Promise<FakeSlackMessage>;
  /** The root message as it stands now (updates applied). */
  current(root: FakeSlackMessage): FakeSlackMessage;
}

export async function startSlackE2E(opts: { env?: Record<string, string>; escalationCheckMs?: number } = {}): Promise<SlackE2E> {
  const slack = await startFakeSlack({ users: [MARIA, OMAR, SAM] });
  const e = await startE2E({
    atlas: { users: [DEFAULT_BOT_USER, BOB] },
    env: {
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_OVERSIGHT_CHANNEL: OVERSIGHT,
      SLACK_API_URL: slack.apiUrl,
      SLACK_ESCALATION_USERGROUP: ESCALATION_GROUP,
      ...opts.env,
    },
    rivet: { slack: { escalationCheckMs: opts.escalationCheckMs ?? 200 } },
  });
  await slack.waitFor('auth.test');
  const team = slack.teamId;
  const rootsText = () => slack.roots(OVERSIGHT).map(shownText);

  const s: SlackE2E = Object.assign(e, {
    slack,
    send(r: req.SignedRequest, o: Parameters<typeof req.slackHeaders>[2] = {}) {
      return fetch(`${s.rivet.url}/slack/events`, { method: 'POST', headers: req.slackHeaders(slack.signingSecret, r, { at: s.clock.now(), ...o }), body: r.body });
    },
    say(user: FakeSlackUser, text: string, o: { threadTs?: string; channel?: string; im?: boolean; eventId?: string; retryNum?: number; files?: unknown[] } = {}) {
      const event = req.messageEvent({ channel: o.channel ?? OVERSIGHT, user: user.id, text, channel_type: o.im ? 'im' : 'channel', ...(o.threadTs ? { thread_ts: o.threadTs } : {}), ...(o.files ? { files: o.files, subtype: 'file_share' } : {}) });
      return s.send(req.eventEnvelope(event, { teamId: team, ...(o.eventId ? { eventId: o.eventId } : {}) }), o.retryNum !== undefined ? { retryNum: o.retryNum } : {});
    },
    click(user: FakeSlackUser, message: FakeSlackMessage | FakeSlackEphemeral, label: RegExp) {
      const c = controlsOf(message).find((x) => label.test(x.text));
      if (!c) throw new Error(`no control ${label} on ${JSON.stringify(controlsOf(message).map((x) => x.text))}`);
      const ephemeral = 'user' in message;
      const ts = ephemeral ? message.message_ts : message.ts;
      return s.send(req.blockAction({ teamId: team, user: user.id, channel: message.channel, messageTs: ts, ...(message.thread_ts ? { threadTs: message.thread_ts } : {}), ephemeral, actionId: c.actionId, value: c.value, text: c.text, menu: !!c.menu }));
    },
    command(user: FakeSlackUser, text: string, channel = OVERSIGHT) {
      return s.send(req.slashCommand({ teamId: team, user: user.id, channel, text }));
    },
    root(re: RegExp, timeoutMs = 10_000) {
      return until(() => slack.roots(OVERSIGHT).find((m) => re.test(shownText(m))), timeoutMs, () => `a root matching ${re}; saw ${JSON.stringify(rootsText())}`);
    },
    reply(root: FakeSlackMessage, re: RegExp, timeoutMs = 10_000) {
      return until(() => slack.messages(OVERSIGHT, { thread: root.ts }).find((m) => re.test(shownText(m))), timeoutMs, () => `a reply matching ${re} under ${root.ts}; saw ${JSON.stringify(s.replies(root))}`);
    },
    replies: (root: FakeSlackMessage) => slack.messages(OVERSIGHT, { thread: root.ts }).map(shownText),
    note(user: FakeSlackUser, re: RegExp, timeoutMs = 10_000) {
      return until(() => slack.ephemerals(undefined, user.id).find((m) => re.test(shownText(m))), timeoutMs, () => `a note to ${user.name} matching ${re}; saw ${JSON.stringify(slack.ephemerals(undefined, user.id).map(shownText))}`);
    },
    dm(channel: string, re: RegExp, timeoutMs = 10_000) {
      return until(() => slack.messages(channel).find((m) => re.test(shownText(m))), timeoutMs, () => `a message matching ${re} in ${channel}; saw ${JSON.stringify(slack.messages(channel).map(shownText))}`);
    },
    current: (root: FakeSlackMessage) => slack.messages(root.channel).find((m) => m.ts === root.ts)!,
  });
  const close = e.close.bind(e);
  s.close = async () => {
    await close();
    await slack.close();
  };
  return s;
}

export { shownText, controlsOf };
