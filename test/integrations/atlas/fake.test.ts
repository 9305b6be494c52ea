/** The fake itself keeps the contract's wire rules, so other engineers' tests can trust it. */
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeAtlas } from '../../fakes/atlas/index.js';
import { fakeWithCorpus } from './helpers.js';

let fake: FakeAtlas | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function signIn(f: FakeAtlas): Promise<string> {
  const r = await fetch(`${f.url}/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(f.credentials) });
  return ((await r.json()) as { accessToken: string }).accessToken;
}

function call(f: FakeAtlas, token: string | null, method: string, path: string, body?: unknown, contentType = 'application/json') {
  return fetch(`${f.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': contentType } : {}) },
    body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('fake Atlas wire rules', () => {
  it('§2.4 answers a missing or bad credential with 403 and an empty body', async () => {
    fake = await fakeWithCorpus();
    for (const token of [null, 'not-a-token']) {
      const r = await call(fake, token, 'GET', '/work-orders/1');
      expect(r.status).toBe(403);
      expect(await r.text()).toBe('');
    }
  });

  it('§2.1 sign-in: 403 "Invalid credentials" for a wrong password; §1.5 20 a minute per address, then 429 {error,message}', async () => {
    fake = await fakeWithCorpus();
    const bad = await call(fake, null, 'POST', '/auth/signin', { email: 'bot@rivet.test', password: 'nope' });
    expect(bad.status).toBe(403);
    expect(await bad.json()).toEqual({ success: false, message: 'Invalid credentials' });
    for (let i = 0; i < 19; i++) await signIn(fake);
    const limited = await call(fake, null, 'POST', '/auth/signin', fake.credentials);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(await limited.json()).toEqual({ error: 'Rate limit exceeded', message: 'Too many requests. Please try again later.' });
  });

  it('§2.1 refresh rotates: the old refresh token is refused, and reuse revokes every session', async () => {
    fake = await fakeWithCorpus();
    const first = (await (await call(fake, null, 'POST', '/auth/signin', fake.credentials)).json()) as { refreshToken: string };
    const second = await call(fake, null, 'POST', '/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    const { accessToken, refreshToken } = (await second.json()) as { accessToken: string; refreshToken: string };
    const reuse = await call(fake, null, 'POST', '/auth/refresh', { refreshToken: first.refreshToken });
    expect(reuse.status).toBe(401);
    expect(((await reuse.json()) as { message: string }).message).toMatch(/reuse detected/);
    expect((await call(fake, accessToken, 'GET', '/auth/me')).status).toBe(403);
    expect((await call(fake, null, 'POST', '/auth/refresh', { refreshToken })).status).toBe(401);
  });

  it('§8.2 errors are {success:false,message}; bad JSON, wrong content type and unknown routes are 500; wrong method 405', async () => {
    fake = await fakeWithCorpus();
    const t = await signIn(fake);
    const notFound = await call(fake, t, 'GET', '/work-orders/5');
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ success: false, message: 'Work Order not found' });
    expect((await call(fake, t, 'POST', '/work-orders', '{"title":')).status).toBe(500);
    expect((await call(fake, t, 'POST', '/work-orders', '{"title":"x"}', 'text/plain')).status).toBe(500);
    const missingTitle = await call(fake, t, 'POST', '/work-orders', { description: 'x' });
    expect(missingTitle.status).toBe(400);
    expect(((await missingTitle.json()) as { message: string }).message).toBe('must not be null');
    const badEnum = await call(fake, t, 'POST', '/work-orders', { title: 'x', priority: 'high' });
    expect(badEnum.status).toBe(500);
    const unknown = await call(fake, t, 'GET', '/nothing-here');
    expect(unknown.status).toBe(500);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/No static resource/);
    expect((await call(fake, t, 'PUT', '/work-orders/5', {})).status).toBe(405);
  });

  it('§3.4/§1.3 emits Date fields as +00:00 and Instants with Z; every DTO key present; §8.3 Spring page keys', async () => {
    fake = await fakeWithCorpus();
    const t = await signIn(fake);
    const wo = (await (await call(fake, t, 'POST', '/work-orders', { title: 'x', dueDate: '2025-05-14T16:00:00Z' })).json()) as Record<string, unknown>;
    expect(wo.dueDate).toBe('2025-05-14T16:00:00.000+00:00');
    expect(String(wo.createdAt)).toMatch(/Z$/);
    for (const k of ['team', 'primaryUser', 'image', 'completedBy', 'completedOn', 'parentRequest', 'signature', 'feedback', 'audioDescription']) {
      expect(wo).toHaveProperty(k, null);
    }
    const page = (await (await call(fake, t, 'POST', '/assets/search', { filterFields: [], pageSize: 5 })).json()) as Record<string, unknown>;
    for (const k of ['content', 'pageable', 'last', 'totalElements', 'totalPages', 'size', 'number', 'sort', 'first', 'numberOfElements', 'empty']) {
      expect(page).toHaveProperty(k);
    }
    expect(page).toMatchObject({ totalElements: 602, totalPages: 121, size: 5, number: 0, first: true, last: false });
  });

  it('§8.1 JS_DATE needs the exact toISOString() format; unknown enum strings in `in` become OPEN', async () => {
    fake = await fakeWithCorpus();
    const t = await signIn(fake);
    await call(fake, t, 'POST', '/work-orders', { title: 'x' });
    const loose = await call(fake, t, 'POST', '/work-orders/search', { filterFields: [{ field: 'createdAt', operation: 'ge', value: '2025-05-01', enumName: 'JS_DATE' }] });
    expect(loose.status).toBe(500);
    const unknownStatus = (await (await call(fake, t, 'POST', '/work-orders/search', { filterFields: [{ field: 'status', operation: 'in', value: '', values: ['done'], enumName: 'STATUS' }] })).json()) as { totalElements: number };
    expect(unknownStatus.totalElements).toBe(1); // 'done' silently became OPEN
  });

  it('§1.2 strips tags and trims; §3.5 PATCH replaces the whole record', async () => {
    fake = await fakeWithCorpus();
    const t = await signIn(fake);
    const wo = (await (await call(fake, t, 'POST', '/work-orders', { title: ' <b>Pump</b> & co ', priority: 'HIGH', asset: { id: 1740 } })).json()) as { id: number; title: string };
    expect(wo.title).toBe('Pump &amp; co');
    const patched = (await (await call(fake, t, 'PATCH', `/work-orders/${wo.id}`, { title: 'Pump' })).json()) as Record<string, unknown>;
    expect(patched).toMatchObject({ priority: 'NONE', asset: null, title: 'Pump' });
  });
});
