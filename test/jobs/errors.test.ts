/**
 * Failures PostgreSQL raises for the data itself (SQLSTATE class 22 data exception, class 23
 * integrity violation) fail the job at once: retried for 24 h they would only hide a bad input.
 * Real errors from the real server, as drizzle hands them over (wrapped in DrizzleQueryError).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { users } from '../../src/db/schema.js';
import { classify, sqlStateOf } from '../../src/jobs/errors.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { describeWith } from '../helpers/services.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('rivet_errors');
});
afterAll(() => t?.drop());

async function errorOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the query to fail');
}

describeWith('postgres', 'classify: database errors', () => {
  it('a data exception (class 22) is permanent', async () => {
    const err = await errorOf(t.database.db.execute(sql`select 'not a number'::int`));
    expect(sqlStateOf(err)).toBe('22P02');
    expect(classify(err)).toMatchObject({ kind: 'permanent', cause: { kind: 'internal' } });
  });

  it('an integrity violation (class 23) is permanent', async () => {
    const err = await errorOf(
      t.database.db.insert(users).values({ organizationId: '00000000-0000-4000-8000-000000000000', telegramId: 1, displayName: 'nobody' }),
    );
    expect(sqlStateOf(err)).toBe('23503');
    expect(classify(err).kind).toBe('permanent');
  });

  it('connection trouble and lock conflicts stay transient', async () => {
    const { openDatabase } = await import('../../src/db/client.js');
    const down = await openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none', poolSize: 1 });
    const err = await errorOf(down.ping());
    await down.close();
    expect(classify(err).kind).toBe('transient');
    expect(classify(Object.assign(new Error('could not serialize access'), { code: '40001' })).kind).toBe('transient');
    expect(classify(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })).kind).toBe('transient');
  });
});
