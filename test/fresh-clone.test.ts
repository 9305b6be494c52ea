/**
 * A new user's first minute: `git clone`, then the README's install-and-start command exactly as
 * written, with nothing but Node — no DATABASE_URL, no REDIS_URL, no .env. Then /health answers
 * and one report goes from a Telegram update to an Atlas work order and back to the technician
 * (the fake Telegram and fake Atlas stand in for the accounts, configured through the environment).
 * npm ci installs from the local npm cache (prefer-offline).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAtlas, loadCorpusAssets, type FakeAtlas } from './fakes/atlas/index.js';
import { startFakeTelegram, type FakeTelegram } from './fakes/telegram/index.js';
import { callbackUpdate, textUpdate } from './fakes/telegram/updates.js';
import { freePort } from './helpers/net.js';

const API_KEY = 'fresh-clone-admin-key-0123456789';
const ROOT = join(import.meta.dirname, '..');
const SECRET = 'fresh-clone-secret_0123456789';
const work = mkdtempSync(join(tmpdir(), 'rivet-fresh-clone-'));
const clone = join(work, 'rivet');

/** The README's first shell block under "Quick start": the install-and-start command. */
function readmeStartCommand(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const quickStart = readme.slice(readme.indexOf('## Quick start'));
  return /```bash\n([^`]+?)\n```/.exec(quickStart)![1]!.trim();
}


async function until<T>(probe: () => T | undefined | Promise<T | undefined>, ms: number, what: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

let atlas: FakeAtlas;
let tg: FakeTelegram;
let rivet: ChildProcess | null = null;
let output = '';
let port: number;

beforeAll(async () => {
  [atlas, tg] = await Promise.all([startFakeAtlas({ seedAssets: loadCorpusAssets(), licensed: true }), startFakeTelegram()]);
  port = await freePort();
});

afterAll(async () => {
  // The command runs in its own process group (sh, npm, node): stop all of it.
  if (rivet?.pid && rivet.exitCode === null) {
    try {
      process.kill(-rivet.pid, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 3_000));
      process.kill(-rivet.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  await Promise.all([atlas?.close(), tg?.close()]);
  rmSync(work, { recursive: true, force: true });
});

describe('a fresh clone', () => {
  it("runs the README's install-and-start command with only Node, and files a report", async () => {
    const command = readmeStartCommand();
    expect(command).toBe('npm ci && npm start');
    const cloned = spawnSync('git', ['clone', '--quiet', ROOT, clone], { encoding: 'utf8' });
    expect(cloned.status, cloned.stderr).toBe(0);

    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(DATABASE_URL|REDIS_URL|RIVET_|TEST_|VITEST|npm_)/.test(k)) env[k] = v;
    Object.assign(env, {
      npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false',
      PORT: String(port), LOG_LEVEL: 'warn', RIVET_SIGNUP: 'open', RIVET_API_KEY: API_KEY,
      TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, TELEGRAM_WEBHOOK_SECRET: SECRET,
      ATLAS_URL: atlas.url, ATLAS_EMAIL: atlas.credentials.email, ATLAS_PASSWORD: atlas.credentials.password,
    });
    rivet = spawn('sh', ['-c', command], { cwd: clone, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    rivet.stdout!.on('data', (d) => (output += d));
    rivet.stderr!.on('data', (d) => (output += d));

    const health = await until(
      async () => {
        if (rivet!.exitCode !== null) throw new Error(`exited ${rivet!.exitCode}: ${output.slice(-3000)}`);
        // The detailed view (mode, each check) is behind the API key; the public one is up/down only.
        const res = await fetch(`http://127.0.0.1:${port}/health`, { headers: { authorization: `Bearer ${API_KEY}` } }).catch(() => null);
        return res?.ok ? ((await res.json()) as { status: string; jobs: { mode: string }; checks: Record<string, { status: string }> }) : undefined;
      },
      200_000,
      () => `/health; output so far: ${output.slice(-3000)}`,
    );
    expect(health.jobs.mode).toBe('embedded');
    expect(health.checks.redis!.status).toBe('disabled');
    expect(health.checks.database!.status).toBe('up');

    const ana = { id: 8_100_001, first_name: 'Ana', last_name: 'Tech', username: 'ana_fresh', language_code: 'en' };
    const post = (update: unknown) => fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update),
    });
    expect((await post(textUpdate(ana, 'Pump P-501 leaking oil'))).status).toBe(200);
    const card = await until(() => tg.sentMessages(ana.id).find((m) => /New work order/.test(m.text ?? '')), 30_000, () => `the confirmation card; chat: ${JSON.stringify(tg.sentMessages(ana.id).map((m) => m.text))}`);
    const create = (card.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat().find((b) => /Create/.test(b.text))!;
    expect((await post(callbackUpdate(ana, create.callback_data, { message_id: card.message_id, chatId: ana.id }))).status).toBe(200);
    const filed = await until(() => tg.sentMessages(ana.id).find((m) => /^Filed WO\d{6}/.test(m.text ?? '')), 30_000, () => `the filed notice; chat: ${JSON.stringify(tg.sentMessages(ana.id).map((m) => m.text))}`);
    expect([...atlas.state.workOrders.values()].filter((w) => filed.text!.includes(w.customId))).toHaveLength(1);
  }, 300_000);
});
