/**
 * The `rivet` command as a user runs it (bin/rivet.mjs in a child process): --help on a command
 * prints its help and does nothing else — no database opened or created, no port bound.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'rivet-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function rivet(args: string[], env: Record<string, string> = {}) {
  // cwd is a scratch directory: no .env of the developer's is read.
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'rivet.mjs'), ...args], {
    cwd: work, encoding: 'utf8', timeout: 20_000,
    env: { PATH: process.env.PATH ?? '', HOME: work, DATABASE_URL: '', REDIS_URL: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)));
  });
}

describe('rivet --help and --version', () => {
  it('--help lists every command and how to get help on one', () => {
    const { code, stdout } = rivet(['--help']);
    expect(code).toBe(0);
    for (const c of ['start', 'worker', 'migrate', 'doctor', 'invite', 'report']) expect(stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    expect(stdout).toContain('rivet <command> --help');
  });

  it('--version prints the version of package.json', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(rivet(['--version'])).toMatchObject({ code: 0, stdout: `rivet ${version}\n` });
  });

  it('an unknown command is a usage error (64) that shows the commands', () => {
    const { code, stderr } = rivet(['strat']);
    expect(code).toBe(64);
    expect(stderr).toContain('unknown command "strat"');
    expect(stderr).toContain('Commands:');
  });
});

describe('rivet <command> --help never runs the command', () => {
  it('start --help: prints its help, opens no database and binds no port', async () => {
    const dataDir = join(work, 'start-data');
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const { code, stdout } = rivet(['start', '--help'], { RIVET_DATA_DIR: dataDir, PORT: String(port) });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: rivet start \[--no-workers\]/);
    expect(stdout).toContain('--no-workers');
    expect(existsSync(dataDir)).toBe(false);
    expect(await portIsFree(port)).toBe(true);
  });

  it('migrate --help and migrate -h: no database is created or migrated', () => {
    const dataDir = join(work, 'migrate-data');
    for (const flag of ['--help', '-h']) {
      const { code, stdout } = rivet(['migrate', flag], { RIVET_DATA_DIR: dataDir });
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: rivet migrate/);
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  it('help is printed even when the settings are invalid (they are not read)', () => {
    const { code, stdout } = rivet(['doctor', '--help'], { PORT: '70000' });
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: rivet doctor');
    expect(rivet(['help', 'invite']).stdout).toContain('Usage: rivet invite --email');
  });

  it('without --help, a bad setting stops the command naming the variable and its range', () => {
    const { code, stderr } = rivet(['migrate'], { PORT: '70000', RIVET_DATA_DIR: join(work, 'bad') });
    expect(code).toBe(78);
    expect(stderr).toContain('PORT: must be between 1 and 65535');
    expect(existsSync(join(work, 'bad'))).toBe(false);
  });
});
