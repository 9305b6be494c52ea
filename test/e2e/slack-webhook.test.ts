/**
 * POST /slack/events at the edge: signatures checked first (bad or stale → 401, nothing stored),
 * the URL check answered, retries of one event processed once, and bad input of every kind (garbage,
 * unknown people, threads Rivet does not know, other workspaces, bots, vanished work orders, forged
 * controls) acknowledged with a 200 and never turned into a message to anyone. 429 is waited out.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { textUpdate } from '../fakes/telegram/updates.js';
import { blockAction, eventEnvelope, interaction, messageEvent, type SignedRequest } from '../fakes/slack/requests.js';
import { person } from './harness.js';
import { MARIA, OVERSIGHT, controlsOf, shownText, startSlackE2E, type SlackE2E } from './slack-harness.js';
import { describeWith } from '../helpers/services.js';

let e: SlackE2E;
beforeAll(async () => {
  e = await startSlackE2E();
});
afterAll(() => e?.close());

async function count(sql: string): Promise<number> {
  const r = (await e.tdb.database.db.execute(sql as never)) as unknown as { rows: { n: number }[] };
  return r.rows[0]!.n;
}
const stored = () => count(`select count(*)::int as n from processed_events where source = 'slack'`);
const inboundJobs = () => count(`select count(*)::int as n from outbox where name = 'inbound' and job_id like 'inbound.slack%'`);

/** A question thread from a Telegram technician, for replies to land in. */
async function questionThread(name: string) {
  const p = person(name);
  await e.post(textUpdate(p, 'what PPE do I need for the battery room'));
  await e.waitForText(p.id, /passed your question to a supervisor/);
  const root = await e.root(new RegExp(`${name} Tech asks`));
  return { p, root };
}

describeWith(['postgres', 'redis'], 'signatures', () => {
  it('refuse a bad, missing or stale signature with 401 and store nothing', async () => {
    const before = { stored: await stored(), jobs: await inboundJobs(), calls: e.slack.calls.length };
    const r = eventEnvelope(messageEvent({ channel: OVERSIGHT, user: MARIA.id, text: 'hi' }), { teamId: e.slack.teamId });
    expect((await e.send(r, { signature: 'v0=' + '0'.repeat(64) })).status).toBe(401);
    expect((await e.send(r, { signature: null })).status).toBe(401);
    expect((await e.send({ ...r, body: r.body.replace('hi', 'ho') }, { signature: (await import('../../src/webhooks/verify/slack.js')).signSlackBody(e.slack.signingSecret, Math.floor(e.clock.now().getTime() / 1000), r.body) })).status).toBe(401);
    expect((await e.send(r, { at: new Date(e.clock.now().getTime() - 6 * 60_000) })).status).toBe(401);
    expect((await e.send(r, { at: new Date(e.clock.now().getTime() + 6 * 60_000) })).status).toBe(401);
    await new Promise((res) => setTimeout(res, 300));
    expect({ stored: await stored(), jobs: await inboundJobs(), calls: e.slack.calls.length }).toEqual(before);
  });

  it('answer Slack’s URL check with the challenge', async () => {
    const r: SignedRequest = { body: JSON.stringify({ token: 'x', challenge: 'c-123', type: 'url_verification' }), contentType: 'application/json' };
    const res = await e.send(r);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });
});

describeWith(['postgres', 'redis'], 'deliveries', () => {
  it('process a retried event (X-Slack-Retry-Num, same event_id) once', async () => {
    const { p, root } = await questionThread('Rita');
    const eventId = 'EvRETRY0001';
    expect((await e.say(MARIA, 'Wear the apron.', { threadTs: root.ts, eventId })).status).toBe(200);
    expect((await e.say(MARIA, 'Wear the apron.', { threadTs: root.ts, eventId, retryNum: 1 })).status).toBe(200);
    expect((await e.say(MARIA, 'Wear the apron.', { threadTs: root.ts, eventId, retryNum: 2 })).status).toBe(200);
    await e.waitForText(p.id, /Maria Lopez \(supervisor\): Wear the apron\./);
    await new Promise((res) => setTimeout(res, 600));
    expect(e.texts(p.id).filter((t) => /Wear the apron/.test(t))).toHaveLength(1);
    expect(await count(`select count(*)::int as n from processed_events where source = 'slack' and external_id = 'ev:${eventId}'`)).toBe(1);
  });

  it('wait out a 429 with Retry-After and deliver', async () => {
    e.slack.failNext429(1, 'chat.postMessage');
    const { root } = await questionThread('Tom');
    const calls = e.slack.callsOf('chat.postMessage');
    const limited = calls.find((c) => c.status === 429)!;
    const delivered = calls.find((c) => c.status === 200 && c.params.channel === limited.params.channel && c.params.text === limited.params.text && c.at > limited.at)!;
    expect(delivered).toBeTruthy();
    expect(delivered.at - limited.at).toBeGreaterThanOrEqual(950);
    expect(root).toBeTruthy();
  });
});

describeWith(['postgres', 'redis'], 'bad input', () => {
  it('is acknowledged with 200 and does nothing: garbage, unknown people, unknown threads, bots, other workspaces', async () => {
    const { p, root } = await questionThread('Ugo');
    const told = () => e.texts(p.id).length;
    const before = told();
    const garbage: SignedRequest[] = [
      { body: '{not json', contentType: 'application/json' },
      { body: JSON.stringify({ type: 'event_callback', event: { type: 'message' } }), contentType: 'application/json' },
      { body: 'payload=%7Bnot-json', contentType: 'application/x-www-form-urlencoded' },
      { body: 'hello=world', contentType: 'application/x-www-form-urlencoded' },
      interaction({ type: 'block_actions', trigger_id: 'tr-garbage', user: { id: MARIA.id }, actions: 'nope' }),
    ];
    for (const g of garbage) expect((await e.send(g)).status).toBe(200);

    // Someone Slack does not know, a bot, a thread Rivet does not know, another workspace.
    expect((await e.say({ id: 'U0NOBODY01', name: 'x', real_name: 'x' }, 'psst', { threadTs: root.ts })).status).toBe(200);
    expect((await e.send(eventEnvelope(messageEvent({ channel: OVERSIGHT, user: 'U0OTHERAPP', text: 'beep', thread_ts: root.ts, bot_id: 'B0OTHER' }), { teamId: e.slack.teamId }))).status).toBe(200);
    expect((await e.say(MARIA, 'a reply in a thread Rivet never posted', { threadTs: '1111111111.000001' })).status).toBe(200);
    expect((await e.send(eventEnvelope(messageEvent({ channel: OVERSIGHT, user: MARIA.id, text: 'from elsewhere', thread_ts: root.ts }), { teamId: 'T0ELSEWHERE' }))).status).toBe(200);
    // A marker control naming a thread that is not the message's own.
    const [data] = controlsOf(root).filter((c) => /Resolve/.test(c.text));
    expect((await e.send(blockAction({ teamId: e.slack.teamId, user: MARIA.id, channel: OVERSIGHT, messageTs: '1222222222.000001', actionId: data!.actionId, value: data!.value, text: data!.text }))).status).toBe(200);
    await e.note(MARIA, /no longer known to Rivet/);

    await new Promise((res) => setTimeout(res, 800));
    expect(told()).toBe(before);
    expect(shownText(e.current(root))).not.toMatch(/Resolved/);
    const logged = e.logLines.map((l) => String(l.msg));
    expect(logged).toEqual(expect.arrayContaining([
      'slack request ignored',
      'not a person Rivet acts for; ignored',
      'reply in a thread Rivet does not know; ignored',
      'request from another workspace; ignored',
    ]));
  });

  it('a change to a work order that no longer exists in Atlas is reported in its thread, not retried forever', async () => {
    const p = person('Vic');
    await e.post(textUpdate(p, 'Pump P-501 leaking oil'));
    await e.waitForText(p.id, /New work order/);
    await e.tap(p, p.id, /Create/);
    const filed = await e.waitForText(p.id, /^Filed WO\d{6}/);
    const customId = /WO\d{6}/.exec(filed.text!)![0];
    const root = await e.root(new RegExp(`${customId} ·`));
    const wo = [...e.atlas.state.workOrders.values()].find((w) => w.customId === customId)!;
    e.atlas.state.workOrders.delete(wo.id);
    await e.click(MARIA, e.current(root), /Low/);
    await e.reply(root, /Could not set the priority: Atlas has no such work order any more/, 10_000);
    await new Promise((res) => setTimeout(res, 400));
    expect(e.texts(p.id).some((t) => /priority/i.test(t))).toBe(false);
  });
});
