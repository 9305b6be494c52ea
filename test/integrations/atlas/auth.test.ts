import { afterEach, describe, expect, it } from 'vitest';
import { AtlasApiError, AtlasAuthError, AtlasLicenseError, createAtlasClient } from '../../../src/integrations/atlas/index.js';
import { startFakeAtlas, type FakeAtlas } from '../../fakes/atlas/index.js';
import { captureLogger, clientFor, countRequests, fakeWithCorpus, manualClock, silent } from './helpers.js';

let fake: FakeAtlas | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe('authentication (contract §2)', () => {
  it('an ATLAS_URL without /api: the 404 on sign-in says to add the /api suffix, in the error and the log', async () => {
    fake = await fakeWithCorpus();
    const { logger, lines } = captureLogger();
    const client = clientFor(fake, { baseUrl: fake.url.replace(/\/api$/, ''), logger });
    const err = await client.me().then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasAuthError);
    expect((err as AtlasAuthError).reason).toBe('wrong_url');
    expect((err as Error).message).toContain('usually ends in /api');
    expect(lines.join('')).toContain('usually ends in /api');
  });

  it('§2.1 signs in once for many calls, sequential and concurrent (§1.5 sign-in limit)', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    await Promise.all(Array.from({ length: 25 }, () => client.me()));
    for (let i = 0; i < 10; i++) await client.listLocations();
    expect(fake.state.signIns).toBe(1);
    expect(countRequests(fake, 'POST', '/auth/refresh')).toBe(0);
  });

  it('§2.1 rotates the token through /auth/refresh shortly before expiresAt, never signing in again', async () => {
    const clock = manualClock();
    fake = await fakeWithCorpus({ clock, jwtTtlMs: 30 * 60_000 });
    const client = clientFor(fake, { clock });
    await client.me();
    clock.advance(29 * 60_000 + 30_000); // inside the refresh margin
    await client.me();
    clock.advance(29 * 60_000 + 30_000);
    await client.me();
    expect(fake.state.signIns).toBe(1);
    expect(countRequests(fake, 'POST', '/auth/refresh')).toBe(2);
    // every response was a success: the old refresh token was never presented twice (rotation, §2.1)
    expect(fake.state.requests.filter((r) => r.path === '/auth/refresh').every((r) => r.status === 200)).toBe(true);
  });

  it('§2.4 refreshes once on an empty-body 403 and retries', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    await client.me();
    fake.expireAccessTokens();
    const user = await client.me();
    expect(user.email).toBe('bot@rivet.test');
    const tail = fake.state.requests.slice(-3).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(tail).toEqual(['GET /auth/me 403', 'POST /auth/refresh 200', 'GET /auth/me 200']);
    expect(fake.state.signIns).toBe(1);
  });

  it('§2.4 a 401 also triggers one refresh and a retry', async () => {
    fake = await fakeWithCorpus();
    let answered401 = false;
    const flaky: typeof fetch = async (input, init) => {
      if (!answered401 && String(input).endsWith('/auth/me')) {
        answered401 = true;
        return new Response('{"success":false,"message":"Authentication required"}', { status: 401, headers: { 'content-type': 'application/json' } });
      }
      return fetch(input, init);
    };
    const client = clientFor(fake, { fetch: flaky });
    expect((await client.me()).email).toBe('bot@rivet.test');
    expect(answered401).toBe(true);
    expect(countRequests(fake, 'POST', '/auth/refresh')).toBe(1);
    expect(fake.state.signIns).toBe(1);
  });

  it('§2.4 when the retried call is refused again, the client stops: AtlasAuthError, no loop', async () => {
    fake = await fakeWithCorpus();
    const always403: typeof fetch = async (input, init) =>
      String(input).endsWith('/auth/me') ? new Response('', { status: 403 }) : fetch(input, init);
    const client = clientFor(fake, { fetch: always403 });
    await expect(client.me()).rejects.toMatchObject({ name: 'AtlasAuthError', reason: 'unauthenticated', status: 403 });
    expect(countRequests(fake, 'POST', '/auth/refresh')).toBe(1);
  });

  it('§2.1 signs in again when the refresh is refused (revoked sessions)', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    await client.me();
    fake.revokeAllSessions();
    await client.me();
    expect(fake.state.signIns).toBe(2);
    expect(fake.state.requests.some((r) => r.path === '/auth/refresh' && r.status === 401)).toBe(true);
  });

  it('§2.4 a 403 with a JSON body is a permission problem: no refresh, AtlasApiError', async () => {
    fake = await fakeWithCorpus({ users: [{ email: 'tech@rivet.test', password: 'technician-pass-1', role: 'TECHNICIAN' }] });
    const client = clientFor(fake);
    const err = await client.listRoles().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasApiError);
    expect((err as AtlasApiError).status).toBe(403);
    expect((err as AtlasApiError).atlasMessage).toBe('Forbidden');
    expect(countRequests(fake, 'POST', '/auth/refresh')).toBe(0);
  });

  it('§2.1 wrong password gives AtlasAuthError and does not hammer /auth/signin', async () => {
    fake = await fakeWithCorpus();
    const client = createAtlasClient({ baseUrl: fake.url, auth: { kind: 'password', email: 'bot@rivet.test', password: 'wrong-password-123' }, logger: silent, retry: { baseDelayMs: 1, maxDelayMs: 2 } });
    for (let i = 0; i < 5; i++) {
      const err = await client.me().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AtlasAuthError);
      expect((err as AtlasAuthError).reason).toBe('invalid_credentials');
    }
    expect(fake.state.signIns).toBe(1);
  });

  it('§1.5 a failing sign-in is retried by the sign-in itself only, not again by every call', async () => {
    fake = await fakeWithCorpus();
    fake.faults.failNext(50, 503, { path: '/auth/signin' });
    await expect(clientFor(fake).listAssets()).rejects.toMatchObject({ status: 503 });
    expect(countRequests(fake, 'POST', '/auth/signin')).toBe(3); // retry.attempts
  });

  it('§2.2 + §0 an API key on an unlicensed instance is refused: AtlasLicenseError(api_key)', async () => {
    fake = await fakeWithCorpus({ apiKeys: ['q3Jx0b8m2VYk1oTq9WZ6n4lE5rR7cS0aP1dF3gH2jK4'] });
    const client = createAtlasClient({ baseUrl: fake.url, auth: { kind: 'apiKey', apiKey: 'q3Jx0b8m2VYk1oTq9WZ6n4lE5rR7cS0aP1dF3gH2jK4' }, logger: silent });
    expect(client.authMode).toBe('apiKey');
    const err = await client.me().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasLicenseError);
    expect((err as AtlasLicenseError).kind).toBe('api_key');
    const health = await client.health();
    expect(health).toMatchObject({ reachable: true, authenticated: false });
  });

  it('§2.2 a licensed API key is sent as x-api-key and works without any sign-in', async () => {
    fake = await fakeWithCorpus({ licensed: true, apiKeys: ['key-123'] });
    const client = createAtlasClient({ baseUrl: fake.url, auth: { kind: 'apiKey', apiKey: 'key-123' }, logger: silent });
    expect((await client.me()).email).toBe('bot@rivet.test');
    expect(fake.state.signIns).toBe(0);
  });

  it('§2.4 an unknown API key gets an empty 403 and becomes AtlasAuthError(api_key_rejected)', async () => {
    fake = await fakeWithCorpus({ licensed: true, apiKeys: ['key-123'] });
    const client = createAtlasClient({ baseUrl: fake.url, auth: { kind: 'apiKey', apiKey: 'nope' }, logger: silent });
    const err = await client.listAssets().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasAuthError);
    expect(err).toMatchObject({ reason: 'api_key_rejected', status: 403, method: 'GET', path: '/assets/mini' });
  });

  it('§2.2 a revoked API key (401 with JSON) becomes AtlasAuthError with Atlas\'s message', async () => {
    const { createServer } = await import('node:http');
    const srv = createServer((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"success":false,"message":"API key has been revoked"}'));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (srv.address() as import('node:net').AddressInfo).port;
      const client = createAtlasClient({ baseUrl: `http://127.0.0.1:${port}/api`, auth: { kind: 'apiKey', apiKey: 'k' }, logger: silent });
      await expect(client.me()).rejects.toMatchObject({ name: 'AtlasAuthError', reason: 'api_key_rejected', status: 401, atlasMessage: 'API key has been revoked' });
    } finally {
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });

  it('never writes a token or password into logs, error messages or toJSON()', async () => {
    fake = await startFakeAtlas();
    const { logger, lines } = captureLogger();
    const client = clientFor(fake, { logger });
    await client.me();
    fake.expireAccessTokens();
    await client.me();
    fake.faults.failNext(5, 503);
    const err = (await client.getWorkOrder(1).catch((e: unknown) => e)) as AtlasApiError;
    const everything = [...lines, err.message, JSON.stringify(err.toJSON())].join('\n');
    expect(everything).not.toContain(fake.credentials.password);
    expect(everything).not.toMatch(/eyJhbGciOiJIUzI1NiJ9\.[A-Za-z0-9_-]+/); // access tokens (JWT)
    expect(everything).not.toMatch(/[0-9a-f-]{36}\.[0-9a-f-]{36}/); // refresh tokens (UUID.UUID)
    expect(everything).not.toMatch(/bearer/i);
    expect(lines.length).toBeGreaterThan(0);
  });
});
