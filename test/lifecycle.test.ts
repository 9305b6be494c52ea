import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';
import { describeWith } from './helpers/services.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

function runCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/rivet.mjs', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

describeWith('postgres', 'rivet start', () => {
  it('serves /health, and on SIGTERM shuts down cleanly with no open handles left', async () => {
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const run = runCli(['start'], { DATABASE_URL: t.url, PORT: String(port), LOG_LEVEL: 'debug' });
    let health: Response | null = null;
    for (let i = 0; i < 100 && !health; i++) {
      await new Promise((r) => setTimeout(r, 200));
      health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
    }
    expect(health?.status, run.output().slice(-3000)).toBe(200);
    const started = Date.now();
    run.child.kill('SIGTERM');
    const code = await run.exited;
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.output()).toContain('shutdown complete');
    expect(run.output()).not.toContain('open handles remain');
  });

  it('stops at start-up with a message naming a bad variable', async () => {
    const run = runCli(['start'], { PORT: 'abc', SLACK_BOT_TOKEN: 'xoxb-1' });
    const code = await run.exited;
    expect(code).toBe(78);
    expect(run.output()).toMatch(/PORT/);
    expect(run.output()).toMatch(/SLACK_SIGNING_SECRET/);
    expect(run.output()).not.toContain('xoxb-1');
  });

  it('a port already in use stops start-up with one sentence that suggests PORT, not a stack trace', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '0.0.0.0', r));
    const port = (taken.address() as AddressInfo).port;
    try {
      const run = runCli(['start'], { DATABASE_URL: t.url, PORT: String(port) });
      const code = await run.exited;
      expect(code).toBe(1);
      expect(run.output()).toContain(`rivet: port ${port} is already in use`);
      expect(run.output()).toContain('set PORT to a free port');
      expect(run.output()).not.toMatch(/^\s+at /m);
    } finally {
      taken.close();
    }
  });
});
