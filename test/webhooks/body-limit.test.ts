/**
 * Every body is cut off at its route's limit while it streams in, before any signature check or
 * parse: a chunked 400 MB upload gets a 413 after a few hundred KB, and the process does not grow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS, startEdge, streamPost, type Edge, type Route } from './edge-harness.js';
import { describeWith } from '../helpers/services.js';

let e: Edge;
beforeAll(async () => {
  e = await startEdge();
}, 60_000);
afterAll(async () => {
  await e?.close();
});

const MB = 1024 * 1024;

describeWith(['postgres', 'redis'], 'body limits', () => {
  it('a chunked, unsigned 400 MB body on /webhooks/atlas is refused early (413) and memory stays flat', async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    const r = await streamPost(`${e.rivet.url}/webhooks/atlas`, { 'content-type': 'application/json' }, 400 * MB);
    const grown = process.memoryUsage().rss - before;
    expect(r.status).toBe(413);
    expect(r.sent).toBeLessThan(32 * MB);
    expect(grown).toBeLessThan(100 * MB);
  });

  it('a chunked oversize update with the right Telegram secret is answered 200 "ignored" (Telegram redelivers refusals), without it 413', async () => {
    const signed = await streamPost(`${e.rivet.url}/telegram/webhook`, e.headersFor('telegram', ''), 200 * MB);
    expect(signed).toMatchObject({ status: 200 });
    expect(signed.sent).toBeLessThan(32 * MB);
    const unsigned = await streamPost(`${e.rivet.url}/telegram/webhook`, { 'content-type': 'application/json' }, 200 * MB);
    expect(unsigned).toMatchObject({ status: 413 });
  });

  it.each<Route>(['slack', 'stripe', 'api'])('a chunked oversize body on %s is refused with 413, signed or not', async (route) => {
    const signed = await streamPost(`${e.rivet.url}${PATHS[route]}`, e.headersFor(route, ''), 200 * MB);
    expect(signed).toMatchObject({ status: 413 });
    expect(signed.sent).toBeLessThan(32 * MB);
    const unsigned = await streamPost(`${e.rivet.url}${PATHS[route]}`, { 'content-type': 'application/json' }, 200 * MB);
    expect(unsigned).toMatchObject({ status: 413 });
  });

  it('a declared Content-Length over the limit is refused without reading it; the limits fit each platform', async () => {
    const big = (n: number) => JSON.stringify({ pad: 'x'.repeat(n) });
    // Telegram updates up to 1 MiB, Atlas deliveries 64 KiB, /api 64 KiB.
    expect((await e.send('telegram', big(1.1 * MB), { headers: { 'x-telegram-bot-api-secret-token': 'wrong-secret-0000000000' } })).status).toBe(413);
    expect(await (await e.send('telegram', big(1.1 * MB))).json()).toEqual({ ok: true, ignored: 'too large' });
    expect((await e.send('atlas', big(70 * 1024))).status).toBe(413);
    const api = await e.send('api', big(70 * 1024));
    expect(api.status).toBe(413);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('too_large');
    // Under the limit, the route itself answers.
    expect((await e.send('telegram', big(500 * 1024))).status).toBe(200);
    expect((await e.send('api', JSON.stringify({ title: 'x'.repeat(301) }))).status).toBe(400);
  });

  it('the service still answers afterwards', async () => {
    expect((await fetch(`${e.rivet.url}/health`)).status).toBe(200);
  });
});
