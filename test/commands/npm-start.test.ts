/**
 * `npm start` as an operator (or a container's init, or systemd) runs it: SIGTERM to the npm
 * process reaches Rivet, which shuts down and leaves nothing behind — no orphan still serving.
 * Embedded mode (no DATABASE_URL, no REDIS_URL), so nothing but Node is needed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/net.js';

const ROOT = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'rivet-npm-start-'));
const pids: number[] = [];
afterAll(() => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});


const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(probe: () => boolean | Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const healthy = (port: number) => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);

describe('npm start', () => {
  it('SIGTERM to npm stops Rivet: the server process exits and the port closes', async () => {
    const port = await freePort();
    const npm = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), RIVET_DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    pids.push(npm.pid!);
    let output = '';
    npm.stdout!.on('data', (d) => (output += d));
    npm.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((r) => npm.once('exit', (code) => r(code)));

    await until(() => healthy(port), 110_000, `/health on ${port}; output: ${output}`);
    // The process actually serving: npm's child (the script execs node, so no shell in between).
    const children = spawnSync('pgrep', ['-P', String(npm.pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
    expect(children).toHaveLength(1);
    const server = children[0]!;
    pids.push(server);

    npm.kill('SIGTERM');
    await exited;
    await until(() => !alive(server), 15_000, `process ${server} to exit`);
    expect(await healthy(port)).toBe(false);
  }, 150_000);
});
