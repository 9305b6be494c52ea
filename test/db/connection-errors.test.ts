/**
 * A PostgreSQL server Rivet cannot use is named in one line that says what is wrong (host
 * unreachable / database does not exist / authentication failed), by `rivet migrate` and
 * `rivet start` alike, instead of a `Failed query: CREATE SCHEMA …` stack.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { DatabaseUnavailableError } from '../../src/db/errors.js';
import { ADMIN_URL, databaseUrl } from '../helpers/db.js';

async function migrateError(url: string): Promise<unknown> {
  const db = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  try {
    await db.migrate();
    return null;
  } catch (err) {
    return err;
  } finally {
    await db.close();
  }
}

const withUser = (user: string) => {
  const u = new URL(ADMIN_URL);
  u.username = user;
  u.password = 'not-the-password-xyz';
  return u.toString();
};

describe('a database Rivet cannot use', () => {
  it('a refused connection: host unreachable', async () => {
    const err = await migrateError('postgres://postgres@127.0.0.1:1/rivet');
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as DatabaseUnavailableError).reason).toBe('unreachable');
    expect((err as Error).message).toMatch(/^PostgreSQL host unreachable at 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
    expect((err as Error).message).not.toMatch(/\n|CREATE SCHEMA/);
  });

  it('a missing database: database does not exist', async () => {
    const err = await migrateError(databaseUrl('rivet_no_such_database'));
    expect((err as DatabaseUnavailableError).reason).toBe('no_database');
    expect((err as Error).message).toMatch(/^database "rivet_no_such_database" does not exist/);
  });

  it('a wrong user: authentication failed, the password never shown', async () => {
    const err = await migrateError(withUser('rivet_nobody'));
    expect((err as DatabaseUnavailableError).reason).toBe('authentication');
    expect((err as Error).message).toMatch(/^authentication failed for user "rivet_nobody"/);
    expect((err as Error).message).not.toContain('not-the-password-xyz');
  });

  it('`rivet migrate` prints that one line and no stack', async () => {
    const run = promisify(execFile);
    const out = await run('npx', ['tsx', 'src/cli.ts', 'migrate'], {
      env: { ...process.env, DATABASE_URL: databaseUrl('rivet_no_such_database'), LOG_LEVEL: 'silent' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(out.code).toBe(1);
    expect(out.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^rivet: database "rivet_no_such_database" does not exist/)]);
  }, 30_000);
});
