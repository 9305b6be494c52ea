/**
 * The embedded database (PGlite) is single-process: a second process opening the same data
 * directory is refused with a message naming the holder; a lock left by a process that is gone
 * is taken over; closing releases it.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { DataDirLockedError } from '../../src/db/errors.js';

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'rivet-lock-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the embedded data directory lock', () => {
  it('refuses a second opener while the first holds it, and frees it on close', async () => {
    const dir = fresh();
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    const lockFile = join(dir, 'pgdata.lock');
    expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
    const err = await openDatabase({ kind: 'pglite', dataDir: dir }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toMatch(/already in use by another Rivet process \(pid \d+/);
    await first.close();
    expect(existsSync(lockFile)).toBe(false);
    const again = await openDatabase({ kind: 'pglite', dataDir: dir });
    await again.close();
  }, 60_000);

  it('another live process holding it: `rivet migrate` says so in one line', async () => {
    const dir = fresh();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, 'pgdata.lock'), `${holder.pid}\n`);
      const out = await promisify(execFile)('npx', ['tsx', 'src/cli.ts', 'migrate'], {
        env: { ...process.env, DATABASE_URL: '', RIVET_DATA_DIR: dir, LOG_LEVEL: 'silent' },
      }).then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }));
      expect(out.code).toBe(1);
      expect(out.stderr.trim().split('\n')).toEqual([expect.stringContaining(`already in use by another Rivet process (pid ${holder.pid})`)]);
    } finally {
      holder.kill();
    }
  }, 30_000);

  it('takes over a stale lock left by a process that is gone', async () => {
    const dir = fresh();
    const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((r) => gone.once('exit', r));
    writeFileSync(join(dir, 'pgdata.lock'), `${gone.pid}\n`);
    const db = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect(readFileSync(join(dir, 'pgdata.lock'), 'utf8').trim()).toBe(String(process.pid));
    await db.close();
  }, 60_000);
});
