import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { z } from 'zod';
import { createApp } from '../../src/api/app.js';
import type { AppEnv } from '../../src/api/context.js';
import { jsonBody } from '../../src/api/validation.js';
import { memoryLogger } from '../helpers/logger.js';

const KEY = 'k'.repeat(32);

function build(apiKey: string | null) {
  const log = memoryLogger();
  const routes = new Hono<AppEnv>()
    .get('/whoami', (c) => c.json({ ok: true }))
    .post('/echo', async (c) => c.json(await jsonBody(c, z.object({ title: z.string().min(1) }))))
    .get('/boom', () => {
      throw new Error('database password is hunter2');
    });
  return { app: createApp({ logger: log.logger, apiKey, health: { version: '0', startedAt: new Date(), checks: {} }, apiRoutes: [routes] }), log };
}

describe('/api authentication', () => {
  it('answers 503 saying so when no key is configured', async () => {
    const res = await build(null).app.request('/api/whoami', { headers: { authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/RIVET_API_KEY/);
  });
  it('refuses a missing or wrong key with 401 JSON', async () => {
    const { app } = build(KEY);
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong' }, { authorization: KEY }, { authorization: `Bearer ${KEY}x` }]) {
      const res = await app.request('/api/whoami', { headers });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string; requestId: string } };
      expect(body.error.code).toBe('unauthorized');
      expect(body.error.requestId).toBeTruthy();
    }
  });
  it('lets the right key through', async () => {
    const res = await build(KEY).app.request('/api/whoami', { headers: { authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('error handling', () => {
  const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
  it('answers malformed JSON and invalid fields with 400 naming the field', async () => {
    const { app } = build(KEY);
    const bad = await app.request('/api/echo', { method: 'POST', headers: auth, body: '{"title":' });
    expect(bad.status).toBe(400);
    const invalid = await app.request('/api/echo', { method: 'POST', headers: auth, body: '{"title":""}' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(/^title:/);
  });
  it('never shows a stack trace or internal message to the caller, but logs it with the request id', async () => {
    const { app, log } = build(KEY);
    const res = await app.request('/api/boom', { headers: { ...auth, 'x-request-id': 'req-123' } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/hunter2|at .*\.ts/);
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Internal error', requestId: 'req-123' } });
    expect(log.lines.some((l) => l.requestId === 'req-123' && l.msg === 'request failed')).toBe(true);
  });
  it('answers unknown routes with a JSON 404', async () => {
    const res = await build(KEY).app.request('/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
