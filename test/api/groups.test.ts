import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { groupRoutes } from '../../src/api/routes/groups.js';
import type { Organization } from '../../src/db/repositories/organizations.js';
import { createAllowedChats } from '../../src/db/stores/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { memoryLogger } from '../helpers/logger.js';
import { describeWith } from '../helpers/services.js';

const KEY = 'admin-key-for-tests-0123456789';
const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

let t: TestDatabase;
let org: Organization;
let app: ReturnType<typeof createApp>;
const configured = new Map<string, string | null>([['-100500', 'Night shift']]);

beforeAll(async () => {
  t = await createTestDatabase();
  org = await t.repos.organizations.ensure({ slug: 'default', name: 'Norvik' });
  app = createApp({
    logger: memoryLogger('silent').logger,
    apiKey: KEY,
    health: { version: '0', startedAt: new Date(), checks: {} },
    apiRoutes: [groupRoutes({ chats: t.repos.allowedChats, organizationId: org.id, configured })],
  });
});
afterAll(() => t?.drop());

describeWith('postgres', '/api/groups', () => {
  it('allows a group with its crew, lists it with the configured ones, updates it, and forgets it', async () => {
    const allowed = createAllowedChats(t.database.db, { telegram: configured });
    expect(await allowed.get('telegram', '-100777')).toBeNull();

    const created = await app.request('/api/groups', { method: 'POST', headers: auth, body: JSON.stringify({ chatId: -100777, title: 'Boiler crew chat', crew: 'Boiler crew' }) });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ channel: 'telegram', chatId: '-100777', crew: 'Boiler crew', source: 'api' });
    expect(await allowed.get('telegram', '-100777')).toEqual({ crew: 'Boiler crew' });
    expect(await allowed.get('telegram', '-100500')).toEqual({ crew: 'Night shift' });

    const updated = await app.request('/api/groups', { method: 'POST', headers: auth, body: JSON.stringify({ chatId: '-100777', crew: 'Paint shop' }) });
    expect(updated.status).toBe(200);
    const list = (await (await app.request('/api/groups', { headers: auth })).json()) as { chatId: string; crew: string | null; source: string }[];
    expect(list.map((g) => [g.chatId, g.crew, g.source])).toEqual([['-100500', 'Night shift', 'config'], ['-100777', 'Paint shop', 'api']]);

    expect((await app.request('/api/groups/-100777', { method: 'DELETE', headers: auth })).status).toBe(204);
    expect(await allowed.get('telegram', '-100777')).toBeNull();
    expect((await app.request('/api/groups/-100777', { method: 'DELETE', headers: auth })).status).toBe(404);
    expect((await app.request('/api/groups/-100500', { method: 'DELETE', headers: auth })).status).toBe(409);
  });

  it('refuses what is not a group chat id, and anyone without the admin key', async () => {
    const res = await app.request('/api/groups', { method: 'POST', headers: auth, body: JSON.stringify({ chatId: 12345 }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/chatId: must be a group chat id/);
    expect((await app.request('/api/groups', { method: 'POST', headers: auth, body: '{' })).status).toBe(400);
    expect((await app.request('/api/groups', { headers: { authorization: 'Bearer nope-nope-nope-nope' } })).status).toBe(401);
  });
});
