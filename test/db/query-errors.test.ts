/**
 * Failed queries on real PostgreSQL and PGlite: the error names the statement and keeps the
 * SQLSTATE (jobs classify by it), but never carries the parameters (what people wrote, their
 * names), neither in its message nor in any property a logger would serialize. Every statement
 * has a time limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { openDatabase } from '../../src/db/client.js';
import { users } from '../../src/db/schema.js';
import { classify, sqlStateOf } from '../../src/jobs/errors.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const PERSONAL = 'Ana Secret-Surname leaking pump';

async function errorOf(p: PromiseLike<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the query to fail');
}

/** What pino writes for `{ err }`, as an operator would see it. */
function logged(err: Error): string {
  let out = '';
  const log = pino({ level: 'info' }, new Writable({ write: (chunk, _e, cb) => ((out += String(chunk)), cb()) }));
  log.error({ err }, 'query failed');
  return out;
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

describe('failed queries', () => {
  it('PostgreSQL: the statement is named, the values are not', async () => {
    const err = await errorOf(
      t.database.db.insert(users).values({ organizationId: '00000000-0000-4000-8000-000000000000', telegramId: 1, displayName: PERSONAL }),
    );
    expect(err.message).toMatch(/^Failed query: insert into "rivet_users"/);
    expect(err.message).toMatch(/foreign key/);
    expect(sqlStateOf(err)).toBe('23503');
    expect(classify(err).kind).toBe('permanent');
    expect(err.message).not.toContain('Secret-Surname');
    expect(JSON.stringify(classify(err))).not.toContain('Secret-Surname');
    expect(logged(err)).not.toContain('Secret-Surname');
    expect(logged(err)).toContain('insert into');
  });

  it('a value PostgreSQL quotes in its message (a forged id) is left out too', async () => {
    const err = await errorOf(t.database.db.execute(sql`select ${'forged-' + PERSONAL}::uuid`));
    expect(sqlStateOf(err)).toBe('22P02');
    expect(err.message).toMatch(/invalid input syntax for type uuid/);
    expect(logged(err)).not.toContain('Secret-Surname');
  });

  it('PGlite: the same', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      await db.migrate();
      const err = await errorOf(db.db.insert(users).values({ organizationId: '00000000-0000-4000-8000-000000000000', telegramId: 1, displayName: PERSONAL }));
      expect(err.message).toMatch(/^Failed query: insert into "rivet_users"/);
      expect(sqlStateOf(err)).toBe('23503');
      expect(logged(err)).not.toContain('Secret-Surname');
    } finally {
      await db.close();
    }
  }, 60_000);

  it('a statement running past the time limit is cancelled', async () => {
    const db = await openDatabase({ kind: 'postgres', url: t.url, poolSize: 1, statementTimeoutMs: 200 });
    try {
      const err = await errorOf(db.db.execute(sql`select pg_sleep(5)`));
      expect(sqlStateOf(err)).toBe('57014'); // query_canceled: statement timeout
      expect(classify(err).kind).toBe('transient');
    } finally {
      await db.close();
    }
  });
});
