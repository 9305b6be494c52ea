/**
 * The admin API for people and invites, over HTTP against the real service (PostgreSQL, Redis,
 * fake Atlas and Telegram): the API key, validation errors that name the field, 404s, what each
 * endpoint stores, and that an invite's link really links a Telegram account. Also `rivet invite`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteCommand } from '../../src/commands/invite.js';
import { loadConfig } from '../../src/config/config.js';
import { textUpdate } from '../fakes/telegram/updates.js';
import { memoryLogger } from '../helpers/logger.js';
import { person, startE2E, until, type E2E } from '../e2e/harness.js';

const KEY = 'admin-key-for-tests-0123456789';
let e: E2E;
beforeAll(async () => {
  e = await startE2E({ env: { RIVET_API_KEY: KEY } });
});
afterAll(() => e?.close());

type Json = Record<string, any>;
async function api(method: string, path: string, body?: unknown, key: string | null = KEY): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${e.rivet.url}/api${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Json };
}
const fields = (j: Json) => (j.error?.details?.fields ?? []).map((f: { field: string }) => f.field);

describe('auth and error shape', () => {
  it('every people endpoint needs the API key, and says so in the usual error shape', async () => {
    for (const [method, path] of [['GET', '/users?email=a@b.co'], ['POST', '/users/provision'], ['POST', '/invites'], ['PATCH', '/users/00000000-0000-4000-8000-000000000000'], ['POST', '/users/from-telegram']] as const) {
      const r = await api(method, path, method === 'GET' ? undefined : {}, null);
      expect(r.status, `${method} ${path}`).toBe(401);
      expect(r.json.error).toMatchObject({ code: 'unauthorized', requestId: expect.any(String) });
    }
    expect((await api('GET', '/users?email=a@b.co', undefined, 'wrong-key-0123456789')).status).toBe(401);
  });

  it('validation errors name the field; unknown ids are 404', async () => {
    let r = await api('POST', '/users/provision', { email: 'not-an-email', tier: 'gold' });
    expect(r.status).toBe(400);
    expect(fields(r.json).sort()).toEqual(['email', 'tier']);
    expect(r.json.error.message).toMatch(/email: must be an email address/);
    r = await api('POST', '/users/provision', { email: 'x@plant.test', favourite: 'pizza' });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/favourite/);
    r = await api('POST', '/users/provision', '{"email":');
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe('Body must be valid JSON');
    r = await api('GET', '/users/not-a-uuid');
    expect(r.status).toBe(400);
    expect(fields(r.json)).toEqual(['id']);
    r = await api('GET', '/users/7d7c1c9e-0000-4000-8000-000000000000');
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('not_found');
    r = await api('PATCH', '/users/7d7c1c9e-0000-4000-8000-000000000000', { tier: 'pro' });
    expect(r.status).toBe(404);
    r = await api('GET', '/users');
    expect(r.status).toBe(400);
    expect(fields(r.json)).toEqual(['email']);
    r = await api('GET', '/users?telegramId=abc');
    expect(fields(r.json)).toEqual(['telegramId']);
    r = await api('POST', '/users/from-telegram', { telegramId: -5 });
    expect(fields(r.json)).toEqual(['telegramId']);
  });
});

describe('people', () => {
  it('from-telegram creates once, then finds; GET by telegramId lists it', async () => {
    const first = await api('POST', '/users/from-telegram', { telegramId: 99_000_001, username: 'kim_t', displayName: 'Kim Tan', language: 'en' });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ created: true, user: { telegramId: 99_000_001, telegramUsername: 'kim_t', displayName: 'Kim Tan', tier: 'beta', role: 'technician', disabled: false } });
    const again = await api('POST', '/users/from-telegram', { telegramId: 99_000_001 });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ created: false, user: { id: first.json.user.id } });
    const list = await api('GET', '/users?telegramId=99000001');
    expect(list.json).toEqual([first.json.user]);
    expect((await api('GET', '/users?telegramId=12345')).json).toEqual([]);
  });

  it('provision creates a person by email with a link, finds them the second time, and starts their Atlas account', async () => {
    const r = await api('POST', '/users/provision', { email: 'Lea.Ng@Plant.test', name: 'Lea Ng', tier: 'pro', stripeCustomerId: 'cus_Admin123' });
    expect(r.status).toBe(201);
    expect(r.json.user).toMatchObject({ email: 'lea.ng@plant.test', displayName: 'Lea Ng', tier: 'pro', stripeCustomerId: 'cus_Admin123' });
    expect(r.json.link.url).toMatch(/^https:\/\/t\.me\/rivet_test_bot\?start=l[A-Za-z0-9_-]+$/);
    expect(r.json.link.url).toContain(r.json.link.token);
    const again = await api('POST', '/users/provision', { email: 'lea.ng@plant.test' });
    expect(again.status).toBe(200);
    expect(again.json.user.id).toBe(r.json.user.id);
    expect(again.json.link.token).not.toBe(r.json.link.token);
    expect((await api('GET', '/users?email=LEA.NG@plant.test')).json.map((u: Json) => u.id)).toEqual([r.json.user.id]);
    const atlasUser = await until(() => e.atlas.store.users.find((u) => u.email === 'lea.ng@plant.test'), 8_000, 'her Atlas user');
    await until(async () => (await api('GET', `/users/${r.json.user.id}`)).json.atlasUserId === atlasUser.id, 8_000, 'atlasUserId');
  });

  it('PATCH changes tier, role, crew and switches a person off and on', async () => {
    const { json } = await api('POST', '/users/provision', { email: 'max@plant.test' });
    const id = json.user.id;
    let r = await api('PATCH', `/users/${id}`, { tier: 'enterprise', role: 'supervisor', crew: 'Boilers', disabled: true });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ tier: 'enterprise', role: 'supervisor', crew: 'Boilers', disabled: true, disabledAt: expect.any(String) });
    r = await api('PATCH', `/users/${id}`, { disabled: false, crew: null });
    expect(r.json).toMatchObject({ disabled: false, disabledAt: null, crew: null, tier: 'enterprise' });
    r = await api('PATCH', `/users/${id}`, { role: 'boss' });
    expect(r.status).toBe(400);
    expect(fields(r.json)).toEqual(['role']);
    r = await api('PATCH', `/users/${id}`, {});
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/nothing to change/);
    expect((await e.tdb.repos.users.get(id))?.role).toBe('supervisor');
  });

  it('PATCH sets and clears where a person works (an Atlas location), and refuses anything else', async () => {
    const { json } = await api('POST', '/users/provision', { email: 'nia@plant.test' });
    const id = json.user.id;
    expect(json.user.homeLocationId).toBeNull();
    let r = await api('PATCH', `/users/${id}`, { homeLocationId: 112 });
    expect(r.json).toMatchObject({ homeLocationId: 112 });
    expect((await e.tdb.repos.users.get(id))?.homeLocationId).toBe(112);
    r = await api('PATCH', `/users/${id}`, { homeLocationId: 'roof' });
    expect(r.status).toBe(400);
    expect(fields(r.json)).toEqual(['homeLocationId']);
    r = await api('PATCH', `/users/${id}`, { homeLocationId: null });
    expect(r.json).toMatchObject({ homeLocationId: null });
  });
});

describe('invites', () => {
  it('POST /api/invites returns a t.me link that links a new Telegram account at the invited tier', async () => {
    const r = await api('POST', '/invites', { email: 'ivy@plant.test', name: 'Ivy Park', tier: 'starter', crew: 'Paint shop' });
    expect(r.status).toBe(201);
    const ivy = person('Ivy');
    await e.post(textUpdate(ivy, `/start ${new URL(r.json.link.url).searchParams.get('start')}`));
    await e.waitForText(ivy.id, /connected to your Rivet account \(starter\)/);
    const linked = await e.tdb.repos.users.byTelegramId(ivy.id);
    expect(linked).toMatchObject({ id: r.json.user.id, email: 'ivy@plant.test', crew: 'Paint shop' });
    expect((await api('POST', '/invites', { tier: 'pro' })).json.error.details.fields).toEqual([{ field: 'email', message: 'give an email or a name (who the link is for)' }]);
  });

  it('rivet invite prints the link; its Atlas account waits in the outbox for the workers', async () => {
    const config = loadConfig({ DATABASE_URL: e.tdb.url, TELEGRAM_BOT_TOKEN: e.tg.token, TELEGRAM_API_ROOT: e.tg.apiRoot, LOG_LEVEL: 'silent' });
    let out = '';
    let err = '';
    const sink = (f: (s: string) => void) => ({ write: (s: string) => (f(s), true) }) as unknown as NodeJS.WritableStream;
    const code = await inviteCommand(['--email', 'Joe@Plant.test', '--tier', 'pro', '--name', 'Joe Ruiz'], { config, logger: memoryLogger('silent').logger, stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)) });
    expect(code).toBe(0);
    expect(out).toMatch(/^https:\/\/t\.me\/rivet_test_bot\?start=l[A-Za-z0-9_-]+\n$/);
    expect(err).toMatch(/^Added Joe Ruiz \(pro\)/);
    const joe = person('Joe');
    await e.post(textUpdate(joe, `/start ${new URL(out.trim()).searchParams.get('start')}`));
    await e.waitForText(joe.id, /connected to your Rivet account \(pro\)/);
    // The running service's sweeper picks up the Atlas job the command wrote.
    await e.rivet.jobs.sweepOutbox();
    await until(() => e.atlas.store.users.find((u) => u.email === 'joe@plant.test'), 10_000, 'Joe in Atlas');

    let usage = '';
    expect(await inviteCommand(['--tier', 'gold'], { config, logger: memoryLogger('silent').logger, stdout: sink(() => {}), stderr: sink((s) => (usage += s)) })).toBe(64);
    expect(usage).toMatch(/--tier: one of beta, starter, pro, enterprise, lapsed/);
  });
});
