/**
 * Long polling with the real inbound acceptor on real PostgreSQL, reached through a TCP proxy
 * the test stops: while PostgreSQL is unreachable (dozens of failed writes: the old runner gave
 * up after 10, ~31 s, and had already moved the offset), no further updates are asked for; when
 * it is back, every update is written, once, and only then does the offset move past them.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Api } from 'grammy';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPolling, type Poller } from '../../../src/bots/telegram/polling.js';
import { openDatabase, type Database } from '../../../src/db/client.js';
import { createRepositories } from '../../../src/db/repositories/index.js';
import { processedEvents } from '../../../src/db/schema.js';
import type { Enqueuer } from '../../../src/jobs/enqueue.js';
import { createInboundAcceptor } from '../../../src/jobs/inbound.js';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/index.js';
import { textUpdate } from '../../fakes/telegram/updates.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { memoryLogger } from '../../helpers/logger.js';

/** A TCP proxy to PostgreSQL that can be switched off (refusing and cutting connections) and on. */
function pgProxy(target: { host: string; port: number }) {
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  let port = 0;
  const on = () =>
    new Promise<number>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve((port = (server!.address() as { port: number }).port)));
    });
  const off = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server ? server.close(() => resolve()) : resolve();
      server = null;
    });
  return { on, off };
}

let tdb: TestDatabase;
let viaProxy: Database;
let tg: FakeTelegram;
let poller: Poller;
const proxy = pgProxy({ host: '127.0.0.1', port: 5432 });

beforeAll(async () => {
  tdb = await createTestDatabase('rivet_poll_pg');
  const port = await proxy.on();
  const url = new URL(tdb.url);
  url.host = `127.0.0.1:${port}`;
  viaProxy = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  tg = await startFakeTelegram();
});
afterAll(async () => {
  await poller?.stop();
  await proxy.off();
  await viaProxy?.close().catch(() => undefined);
  await tg?.close();
  await tdb?.drop();
});

describe('long polling while PostgreSQL is away', () => {
  it('holds the offset, then stores every update once', async () => {
    const org = await createRepositories(viaProxy.db).organizations.ensure({ slug: 'default', name: 'Acme' });
    const enqueuer = { push: async () => {}, enqueue: async () => {}, write: async () => {} } as unknown as Enqueuer;
    const inbound = createInboundAcceptor({ db: viaProxy.db, enqueuer, organizationId: org.id });
    const { logger } = memoryLogger('info');
    poller = startPolling({ api: new Api(tg.token, { apiRoot: tg.apiRoot }), inbound, logger, options: { timeoutS: 1, backoff: { baseMs: 10, maxMs: 100 } } });
    await tg.waitFor('getUpdates');

    await proxy.off();
    const ana = { id: 6161, first_name: 'Ana', last_name: 'Tech', username: 'ana6161', language_code: 'en' };
    for (const id of [301, 302, 303]) tg.queueUpdate(textUpdate(ana, `boiler ${id} is cold`, { update_id: id }));
    const polls = tg.callsOf('getUpdates').length;
    await new Promise((r) => setTimeout(r, 3_000)); // dozens of failed writes
    expect(poller.state().unwritten).toBe(3);
    expect(tg.callsOf('getUpdates').length).toBe(polls + 1); // the one that fetched them; none since

    await proxy.on();
    const stored = async () => (await tdb.database.db.select().from(processedEvents).where(inArray(processedEvents.externalId, ['301', '302', '303']))).length;
    const deadline = Date.now() + 20_000;
    while ((await stored()) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await stored()).toBe(3);
    await tg.waitFor('getUpdates', tg.callsOf('getUpdates').length + 1);
    expect(Number(tg.callsOf('getUpdates').at(-1)!.params.offset)).toBe(304);
  }, 60_000);
});
