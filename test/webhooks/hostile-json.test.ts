/**
 * Hostile JSON inside otherwise valid, correctly signed payloads: NUL characters, lone surrogates
 * and thousands of nested levels. PostgreSQL refuses the first two and JSON.stringify overflows on
 * the third; every webhook still answers 2xx (a 5xx makes the platform redeliver forever), what
 * can be kept is kept cleaned, and /api never creates in Atlas what it cannot record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textUpdate } from '../fakes/telegram/updates.js';
import { eventEnvelope, messageEvent } from '../fakes/slack/requests.js';
import { person } from '../e2e/harness.js';
import { startEdge, type Edge } from './edge-harness.js';
import { describeWith } from '../helpers/services.js';

let e: Edge;
beforeAll(async () => {
  e = await startEdge();
}, 60_000);
afterAll(async () => {
  await e?.close();
});

const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
/** JSON text with `\u0000` and a lone `\ud800` escaped as JSON allows. */
const hostile = (s: string) => JSON.stringify(s).slice(1, -1) + '\\u0000 \\ud800 \\udfff';

describeWith(['postgres', 'redis'], 'hostile JSON at the webhooks', () => {
  it('Telegram: a NUL and lone surrogates in a text are cleaned and the report is still answered', async () => {
    const p = person();
    const update = textUpdate(p, 'MARKER');
    const body = JSON.stringify(update).replace('MARKER', hostile('Pump P-301 is leaking oil'));
    const res = await e.send('telegram', body);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, result: 'accepted' });
    await e.waitForText(p.id, /./);
    const again = await e.send('telegram', body);
    expect(await again.json()).toMatchObject({ ok: true, result: 'duplicate' });
  });

  it('Telegram: 5,000 nested levels inside an update → 200, and the message itself is handled', async () => {
    const p = person();
    const update = textUpdate(p, 'Door 3 is stuck');
    const body = JSON.stringify(update).replace(/}$/, `,"extra":${deep(5_000)}}`);
    const res = await e.send('telegram', body);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, result: 'accepted' });
    await e.waitForText(p.id, /./);
  });

  it('Slack: NUL, surrogates and deep nesting in an event → 200', async () => {
    const env = eventEnvelope(messageEvent({ channel: 'C0OVERSIGHT1', user: 'U0NOBODY01', text: 'MARKER' }), { teamId: e.slack.teamId });
    for (const body of [env.body.replace('MARKER', hostile('hello')), env.body.replace(/}$/, `,"extra":${deep(5_000)}}`)]) {
      const res = await e.send('slack', body.replace(env.eventId, `${env.eventId}x${Math.random()}`));
      expect(res.status).toBe(200);
    }
  });

  it('Atlas: NUL, surrogates and deep nesting in a signed delivery → 200', async () => {
    const base = { workOrderId: 999_999, workOrderTitle: 'MARKER', previousStatus: 'OPEN', newStatus: 'COMPLETE', occurredAt: new Date().toISOString(), companyId: 1 };
    const one = JSON.stringify(base).replace('MARKER', hostile('title'));
    const two = JSON.stringify({ ...base, workOrderTitle: 'x' }).replace(/}$/, `,"changedWorkOrder":${deep(5_000)}}`);
    for (const body of [one, two]) {
      const res = await e.send('atlas', body);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, duplicate: false });
    }
  });

  it('Atlas: a workOrderId that is not an id (string, fraction, past the integer range) is ignored before the database sees it', async () => {
    for (const workOrderId of ['NaN', '1; drop', 1.5, -3, 2 ** 63, 1e308]) {
      const body = JSON.stringify({ workOrderId, previousStatus: 'OPEN', newStatus: 'COMPLETE', occurredAt: new Date().toISOString(), companyId: 1 });
      const res = await e.send('atlas', body);
      expect(await res.json()).toEqual({ ok: true, ignored: 'malformed' });
    }
  });

  it('Stripe: NUL and surrogates in a signed event → 200', async () => {
    const event = e.stripe.event('customer.subscription.updated', { id: 'sub_MARKER', object: 'subscription', customer: 'cus_MARKER', status: 'active' });
    const body = JSON.stringify(event).replaceAll('MARKER', hostile('x')).replace(/}$/, `,"extra":${deep(5_000)}}`);
    const res = await e.send('stripe', body);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: true });
  });
});

describeWith(['postgres', 'redis'], 'hostile JSON at /api', () => {
  it('a NUL in a work order title: filed once, recorded, and the title is clean', async () => {
    const before = e.atlas.state.workOrders.size;
    const body = `{"title":"${hostile('Conveyor 4 belt torn')}","priority":"HIGH"}`;
    const res = await e.send('api', body, { headers: { 'idempotency-key': 'nul-title-1' } });
    expect(res.status).toBe(200);
    const wo = (await res.json()) as { id: number; title: string };
    expect(wo.title).not.toMatch(/[\u0000\ud800-\udfff]/);
    expect(wo.title).toMatch(/^Conveyor 4 belt torn/);
    expect(e.atlas.state.workOrders.size).toBe(before + 1);
    const link = await e.tdb.repos.workOrderLinks.byAtlasId((await e.tdb.repos.organizations.ensure({ slug: 'default', name: 'x' })).id, wo.id);
    expect(link?.title).toBe(wo.title);
  });

  it('deep nesting in an /api body is a 400 naming the field, not a 5xx', async () => {
    const res = await e.send('api', `{"title":${deep(5_000)}}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^title:/);
  });
});
