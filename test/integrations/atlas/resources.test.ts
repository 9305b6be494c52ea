import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AtlasLicenseError } from '../../../src/integrations/atlas/index.js';
import type { FakeAtlas } from '../../fakes/atlas/index.js';
import { clientFor, fakeWithCorpus } from './helpers.js';

let fake: FakeAtlas | null = null;
let receiver: Server | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
  if (receiver) await new Promise<void>((r) => receiver!.close(() => r()));
  receiver = null;
});

async function startReceiver() {
  const got: { headers: IncomingHttpHeaders; body: string }[] = [];
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/atlas`, got };
}

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

describe('comments, files, people, webhooks (contract §6, §7, §9)', () => {
  it('§7.1 adds a comment, content stripped of HTML and shown unescaped', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    const wo = await client.createWorkOrder({ title: 'x' }, { idempotencyKey: 'k' });
    const c = await client.addComment(wo.id, 'Ana (chat): <i>gasket</i> replaced & tested');
    expect(c.content).toBe('Ana (chat): gasket replaced & tested');
    expect(c.user?.id).toBe(1);
    await expect(client.addComment(wo.id, '   ')).rejects.toMatchObject({ status: 400, atlasMessage: 'must not be blank' });
  });

  it('§0/§7.2 file upload on an unlicensed instance is AtlasLicenseError(files)', async () => {
    fake = await fakeWithCorpus();
    const err = await clientFor(fake).uploadFiles([{ name: 'leak.png', data: png, mimeType: 'image/png', type: 'IMAGE' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasLicenseError);
    expect((err as AtlasLicenseError).kind).toBe('files');
  });

  it('§7.2 licensed: uploads multipart (one request per type), attaches to a work order and to a comment', async () => {
    fake = await fakeWithCorpus({ licensed: true });
    const client = clientFor(fake);
    const wo = await client.createWorkOrder({ title: 'x' }, { idempotencyKey: 'k' });
    const files = await client.uploadFiles([
      { name: 'notes.txt', data: new TextEncoder().encode('hello'), type: 'OTHER' },
      { name: 'leak.png', data: png, mimeType: 'image/png', type: 'IMAGE' },
    ], { folder: 'company 1' });
    expect(files.map((f) => [f.name, f.type])).toEqual([['notes.txt', 'OTHER'], ['leak.png', 'IMAGE']]); // input order
    expect(fake.state.files.map((f) => f.folder)).toEqual(['company_1', 'company_1']);
    expect(fake.state.requests.filter((r) => r.path === '/files/upload')).toHaveLength(2);
    const attached = await client.attachFilesToWorkOrder(wo.id, files.map((f) => f.id));
    expect(attached.map((f) => f.id)).toEqual(files.map((f) => f.id));
    expect((await client.getWorkOrder(wo.id)).files).toHaveLength(2);
    const c = await client.addComment(wo.id, 'see photo', [files[1]!.id]);
    expect(c.files.map((f) => f.name)).toEqual(['leak.png']);
  });

  it('§3.7/§6.1 lists categories and roles (entities with +00:00 dates)', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    expect((await client.listCategories()).map((c) => c.name)).toContain('Repair');
    const roles = await client.listRoles();
    expect(roles.find((r) => r.code === 'TECHNICIAN')).toMatchObject({ paid: true, name: 'Technician' });
  });

  it('§6.2 creates a user for a person by invite + signup, then finds them by email', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    expect(await client.findUserByEmail('ana.lopez@norvik.test')).toBeNull();
    const u = await client.createUserForPerson({ email: 'Ana.Lopez@norvik.test', firstName: 'Ana', lastName: 'Lopez', password: 'Chiller-Roof-2025!' });
    expect(u).toMatchObject({ email: 'ana.lopez@norvik.test', firstName: 'Ana', enabled: true });
    expect(u.role?.code).toBe('TECHNICIAN');
    expect((await client.findUserByEmail('ANA.LOPEZ@norvik.test'))?.id).toBe(u.id);
    expect(fake.state.signIns).toBe(1); // the signup tokens are never adopted by the bot
  });

  it('§0/§6.2 the 5-paid-user cap (a 500 from Atlas) is AtlasLicenseError(users); free roles still work', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    for (let i = 1; i <= 4; i++) await client.createUserForPerson({ email: `t${i}@norvik.test`, firstName: 'T', lastName: String(i), password: 'long-enough-pass-1' });
    const err = await client.createUserForPerson({ email: 't5@norvik.test', firstName: 'T', lastName: '5', password: 'long-enough-pass-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasLicenseError);
    expect((err as AtlasLicenseError).kind).toBe('users');
    expect((err as AtlasLicenseError).status).toBe(500);
    const requester = await client.createUserForPerson({ email: 'r1@norvik.test', firstName: 'R', lastName: '1', password: 'long-enough-pass-1', roleCode: 'REQUESTER' });
    expect(requester.role?.code).toBe('REQUESTER');
  });

  it('§0/§9.1 registering a webhook on an unlicensed instance is AtlasLicenseError(webhooks)', async () => {
    fake = await fakeWithCorpus();
    const err = await clientFor(fake).registerWebhook({ url: 'https://bot.example.com/hooks', event: 'WORK_ORDER_STATUS_CHANGE' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasLicenseError);
    expect((err as AtlasLicenseError).kind).toBe('webhooks');
  });

  it('§9.3 signed deliveries: HMAC-SHA256 hex keyed by the full whsec_ secret over the raw body, with the four headers', async () => {
    fake = await fakeWithCorpus({ licensed: true });
    const client = clientFor(fake);
    const { url, got } = await startReceiver();
    const hook = await client.registerWebhook({ url, event: 'WORK_ORDER_STATUS_CHANGE', workOrderStatuses: ['COMPLETE'] });
    expect(hook.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect((await client.listWebhooks()).map((w) => w.id)).toEqual([hook.id]);
    const wo = await client.createWorkOrder({ title: 'Leak on chiller 2' }, { idempotencyKey: 'wh:1' });
    await fake.setStatusExternally(wo.id, 'IN_PROGRESS'); // filtered out: not COMPLETE
    await fake.setStatusExternally(wo.id, 'COMPLETE');
    expect(got).toHaveLength(1);
    const d = got[0]!;
    const expected = createHmac('sha256', hook.secret!).update(d.body).digest('hex');
    expect(timingSafeEqual(Buffer.from(String(d.headers['x-webhook-signature'])), Buffer.from(expected))).toBe(true);
    expect(d.headers['x-webhook-event']).toBe('WORK_ORDER_STATUS_CHANGE');
    expect(String(d.headers['x-webhook-timestamp'])).toMatch(/^\d{13}$/);
    expect(String(d.headers['x-webhook-id'])).toMatch(/^[0-9a-f-]{36}$/);
    const payload = JSON.parse(d.body) as Record<string, unknown>;
    expect(payload).toMatchObject({ workOrderId: wo.id, previousStatus: 'IN_PROGRESS', newStatus: 'COMPLETE', companyId: 1 });
    expect(String(payload.occurredAt)).toMatch(/\+00:00$/);
    expect((payload.changedWorkOrder as { customId: string }).customId).toBe(wo.customId);
    await client.deleteWebhook(hook.id);
    expect(await client.listWebhooks()).toEqual([]);
    await expect(client.deleteWebhook(hook.id)).rejects.toMatchObject({ status: 404 });
  });

  it('§8.4 health reports reachable and authenticated with the bot user', async () => {
    fake = await fakeWithCorpus();
    const h = await clientFor(fake).health();
    expect(h).toMatchObject({ reachable: true, authenticated: true });
    expect(h.user?.email).toBe('bot@rivet.test');
    expect(h.latencyMs).toBeGreaterThanOrEqual(0);
    expect(h.authMode).toBe('password');
    expect(h.licenceLimits).toEqual({});
  });

  it('§0 health lists the licence limits Atlas has answered with (unlicensed: files refused)', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    await expect(client.uploadFiles([{ name: 'leak.png', data: png, mimeType: 'image/png', type: 'IMAGE' }])).rejects.toMatchObject({ kind: 'files' });
    const h = await client.health();
    expect(Object.keys(h.licenceLimits)).toEqual(['files']);
    expect(h.licenceLimits.files?.hint).toMatch(/licen/i);
  });
});
