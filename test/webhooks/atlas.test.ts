import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { adminQueuesRoutes } from '../../src/api/routes/admin-queues.js';
import { processedEvents, outbox } from '../../src/db/schema.js';
import type { JobSystem } from '../../src/jobs/index.js';
import { atlasWebhookRoutes, signAtlasBody, verifyAtlasSignature } from '../../src/webhooks/atlas.js';
import { RecordingTransport, report, settled, startHarness, waitFor, type Harness } from '../jobs/helpers.js';
import { describeWith } from '../helpers/services.js';

const API_KEY = 'admin-key-0123456789abcdef';
let h: Harness;
let chat: RecordingTransport;
let jobs: JobSystem;
let server: ServerType;
let base: string;
let secret: string;

async function fileOne(chatId: string): Promise<{ id: number; customId: string }> {
  const cmd = report(h, { chat: { channel: 'telegram', chatId } });
  await jobs.dispatcher.createWorkOrder(cmd);
  await waitFor('filed', () => chat.texts(chatId)[0]);
  const link = await h.tdb.repos.workOrderLinks.byIdempotencyKey(cmd.idempotencyKey);
  return { id: link!.atlasWorkOrderId, customId: link!.atlasCustomId! };
}

function post(body: string, headers: Record<string, string>) {
  return fetch(`${base}/webhooks/atlas`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

function signed(body: string, over: Record<string, string> = {}) {
  return {
    'x-webhook-signature': signAtlasBody(secret, body),
    'x-webhook-timestamp': String(Date.now()),
    'x-webhook-id': crypto.randomUUID(),
    'x-webhook-event': 'WORK_ORDER_STATUS_CHANGE',
    ...over,
  };
}

beforeAll(async () => {
  h = await startHarness();
  chat = new RecordingTransport();
  let app: ReturnType<typeof createApp> | null = null;
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: (req) => app!.fetch(req), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const endpoint = await h.atlas.registerWebhook({ url: `${base}/webhooks/atlas`, event: 'WORK_ORDER_STATUS_CHANGE' });
  secret = endpoint.secret!;
  jobs = h.system({ transports: { telegram: chat }, options: { atlasWebhookSecret: secret } });
  app = createApp({
    logger: h.logger,
    apiKey: API_KEY,
    health: { version: 'test', startedAt: new Date(), checks: {}, extras: async () => ({ jobs: await jobs.health() }) },
    routes: [
      { path: '/webhooks/atlas', app: atlasWebhookRoutes({ secret, inbound: jobs.inbound, clock: { now: () => new Date() } }) },
      { path: '/admin/queues', app: adminQueuesRoutes({ queues: Object.values(jobs.queues ?? {}), apiKey: API_KEY }) },
    ],
  });
  await jobs.startWorkers();
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await h?.close();
});

describeWith(['postgres', 'redis'], 'POST /webhooks/atlas', () => {
  it('a status changed in Atlas reaches the requester: "WO… is now IN_PROGRESS"', async () => {
    const wo = await fileOne('801');
    await h.atlasFake.setStatusExternally(wo.id, 'IN_PROGRESS');
    const text = await waitFor('status notice', () => chat.texts('801')[1]);
    expect(text).toBe(`${wo.customId} is now IN_PROGRESS`);
    const link = await h.tdb.repos.workOrderLinks.byAtlasId(h.organizationId, wo.id);
    expect(link?.lastKnownStatus).toBe('IN_PROGRESS');
  });

  it('the same delivery three times → one notice', async () => {
    const wo = await fileOne('802');
    await h.atlasFake.setStatusExternally(wo.id, 'ON_HOLD');
    await waitFor('first notice', () => chat.texts('802')[1]);
    const delivery = h.atlasFake.state.deliveries.filter((d) => d.body.includes(`"workOrderId":${wo.id}`)).at(-1)!;
    for (let i = 0; i < 2; i++) {
      const res = await post(delivery.body, signed(delivery.body, { 'x-webhook-id': delivery.deliveryId }));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, duplicate: true });
    }
    await settled(h, jobs);
    expect(chat.texts('802')).toEqual([expect.stringMatching(/^Filed /), `${wo.customId} is now ON_HOLD`]);
  });

  it('a captured delivery replayed with a fresh timestamp and a fresh id → a duplicate, one notice', async () => {
    const wo = await fileOne('805');
    await h.atlasFake.setStatusExternally(wo.id, 'IN_PROGRESS');
    await waitFor('first notice', () => chat.texts('805')[1]);
    const delivery = h.atlasFake.state.deliveries.filter((d) => d.body.includes(`"workOrderId":${wo.id}`)).at(-1)!;
    // The HMAC covers the body only: an attacker who saw one delivery can sign nothing else, but can resend it.
    for (let i = 0; i < 3; i++) {
      const res = await post(delivery.body, signed(delivery.body));
      expect(await res.json()).toEqual({ ok: true, duplicate: true });
    }
    await settled(h, jobs);
    expect(chat.texts('805')).toEqual([expect.stringMatching(/^Filed /), `${wo.customId} is now IN_PROGRESS`]);
  });

  it('a signed body about an event more than a day old (a replay after its hash was forgotten) is ignored', async () => {
    const body = JSON.stringify({ workOrderId: 1, previousStatus: 'OPEN', newStatus: 'COMPLETE', occurredAt: new Date(Date.now() - 25 * 3600_000).toISOString(), companyId: 1 });
    const res = await post(body, signed(body));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, ignored: 'stale_event' });
  });

  it('a webhook and a poll of the same change → one notice', async () => {
    const wo = await fileOne('803');
    await h.atlasFake.setStatusExternally(wo.id, 'COMPLETE');
    await waitFor('notice', () => chat.texts('803')[1]);
    expect(await jobs.pollAtlas()).toBe(0);
    await settled(h, jobs);
    expect(chat.texts('803')).toHaveLength(2);
  });

  it('a tampered body → 401 and nothing done', async () => {
    const wo = await fileOne('804');
    const body = JSON.stringify({ workOrderId: wo.id, previousStatus: 'OPEN', newStatus: 'COMPLETE', occurredAt: new Date().toISOString(), companyId: 1 });
    const headers = signed(body);
    const res = await post(body.replace('COMPLETE', 'ON_HOLD'), headers);
    expect(res.status).toBe(401);
    const db = h.tdb.database.db;
    expect(await db.select().from(processedEvents).where(eq(processedEvents.externalId, headers['x-webhook-id']))).toHaveLength(0);
    expect(await db.select().from(outbox).where(eq(outbox.jobId, `inbound.atlas%2f${headers['x-webhook-id']}`))).toHaveLength(0);
    expect((await post(body, { ...headers, 'x-webhook-signature': 'ab'.repeat(32) })).status).toBe(401);
    expect((await post(body, { ...headers, 'x-webhook-signature': '' })).status).toBe(401);
    await settled(h, jobs);
    expect(chat.texts('804')).toHaveLength(1);
  });

  it('a correctly signed but old delivery (timestamp > 5 min) → 401', async () => {
    const body = JSON.stringify({ workOrderId: 1, newStatus: 'COMPLETE' });
    const res = await post(body, signed(body, { 'x-webhook-timestamp': String(Date.now() - 6 * 60_000) }));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('stale_timestamp');
  });
});

describeWith(['postgres', 'redis'], 'verifyAtlasSignature', () => {
  const s = 'whsec_' + 'a'.repeat(64);
  const body = '{"workOrderId":42}';
  const now = new Date('2026-05-01T08:00:00Z');
  const headers = (over: Record<string, string> = {}) => ({
    'X-Webhook-Signature': signAtlasBody(s, body),
    'X-Webhook-Timestamp': String(now.getTime() - 1_000),
    'X-Webhook-Id': 'd1',
    'X-Webhook-Event': 'WORK_ORDER_STATUS_CHANGE',
    ...over,
  });
  it('accepts a good one and names what is wrong otherwise', () => {
    expect(verifyAtlasSignature({ rawBody: body, headers: headers(), secret: s, now })).toMatchObject({ ok: true, webhookId: 'd1', event: 'WORK_ORDER_STATUS_CHANGE' });
    expect(verifyAtlasSignature({ rawBody: body + ' ', headers: headers(), secret: s, now })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyAtlasSignature({ rawBody: body, headers: headers(), secret: s + 'x', now })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyAtlasSignature({ rawBody: body, headers: headers({ 'X-Webhook-Timestamp': String(now.getTime() + 301_000) }), secret: s, now })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifyAtlasSignature({ rawBody: body, headers: headers({ 'X-Webhook-Timestamp': 'soon' }), secret: s, now })).toEqual({ ok: false, reason: 'missing_timestamp' });
    expect(verifyAtlasSignature({ rawBody: body, headers: headers({ 'X-Webhook-Id': '' }), secret: s, now })).toEqual({ ok: false, reason: 'missing_id' });
  });
});

describeWith(['postgres', 'redis'], '/admin/queues and /health', () => {
  it('needs the admin key (Bearer or Basic) and serves bull-board', async () => {
    expect((await fetch(`${base}/admin/queues`)).status).toBe(401);
    expect((await fetch(`${base}/admin/queues`, { headers: { authorization: 'Bearer wrong-key-000000000' } })).status).toBe(401);
    const ui = await fetch(`${base}/admin/queues`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(ui.status).toBe(200);
    const html = await ui.text();
    expect(html).toContain('<html');
    const asset = /src="(static\/js\/[^"]+)"/.exec(html)?.[1]; // relative to <base href="/admin/queues/">
    expect(asset).toBeDefined();
    expect((await fetch(`${base}/admin/queues/${asset}`, { headers: { authorization: `Bearer ${API_KEY}` } })).status).toBe(200);
    const basic = Buffer.from(`admin:${API_KEY}`).toString('base64');
    const api = await fetch(`${base}/admin/queues/api/queues`, { headers: { authorization: `Basic ${basic}` } });
    expect(api.status).toBe(200);
    const names = ((await api.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['atlas', 'inbound', 'outbound', 'provisioning']);
  });

  it('the job mode, queue depths, failed counts and live workers are in /health', async () => {
    const body = (await (await fetch(`${base}/health`, { headers: { authorization: `Bearer ${API_KEY}` } })).json()) as { jobs: { mode: string; queues: Record<string, unknown>; workers: { alive: number } } };
    expect(body.jobs.mode).toBe('queue');
    expect(body.jobs.queues.atlas).toEqual({ waiting: expect.any(Number), active: expect.any(Number), delayed: expect.any(Number), failed: expect.any(Number) });
    expect(body.jobs.workers.alive).toBeGreaterThanOrEqual(1);
  });
});
