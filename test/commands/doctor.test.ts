/**
 * `rivet doctor` against the fakes: healthy ones say so, broken ones (wrong address, wrong
 * credentials, a role that cannot file work orders, a missing webhook, a proxy without Rivet
 * behind it) are each named with a fix. Nothing is started; doctor only asks.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorCommand, type CheckResult } from '../../src/commands/doctor/index.js';
import { classifyPostgresError } from '../../src/commands/doctor/database.js';
import { startFakeAtlas, type FakeAtlas } from '../fakes/atlas/index.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/index.js';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe/index.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/index.js';
import { ADMIN_URL, createTestDatabase, databaseUrl, type TestDatabase } from '../helpers/db.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';
import { describeWith } from '../helpers/services.js';

async function doctor(env: Record<string, string>): Promise<{ code: number; checks: CheckResult[]; text: string }> {
  let out = '';
  const stdout = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
  const code = await doctorCommand(['--json', '--timeout', '3'], { env: { RIVET_DATA_DIR: dataDir, ...env }, stdout });
  let text = '';
  const textOut = { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream;
  await doctorCommand(['--timeout', '3'], { env: { RIVET_DATA_DIR: dataDir, ...env }, stdout: textOut });
  return { code, checks: (JSON.parse(out) as { checks: CheckResult[] }).checks, text };
}
const part = (checks: CheckResult[], name: string) => checks.find((c) => c.part === name)!;

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

function serveStatus(status: number, body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => res.writeHead(status, { 'content-type': 'text/html' }).end(body));
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

const dataDir = `/tmp/rivet-doctor-${process.pid}`;
let atlas: FakeAtlas;
let tg: FakeTelegram;
let slack: FakeSlack;
let stripe: FakeStripe;
const servers: Server[] = [];

beforeAll(async () => {
  [atlas, tg, slack, stripe] = await Promise.all([
    startFakeAtlas({ licensed: true, users: [
      { email: 'bot@rivet.test', password: 'correct-horse-battery-9', role: 'ADMIN' },
      { email: 'tech@rivet.test', password: 'correct-horse-battery-9', role: 'TECHNICIAN' },
      { email: 'req@rivet.test', password: 'correct-horse-battery-9', role: 'REQUESTER' },
    ] }),
    startFakeTelegram(),
    startFakeSlack(),
    startFakeStripe({ prices: ['price_pro'] }),
  ]);
});
afterAll(async () => {
  await Promise.all([atlas?.close(), tg?.close(), slack?.close(), stripe?.close(), ...servers.map((s) => new Promise((r) => s.close(r)))]);
});

const atlasEnv = (over: Record<string, string> = {}) => ({ ATLAS_URL: atlas.url, ATLAS_EMAIL: 'bot@rivet.test', ATLAS_PASSWORD: 'correct-horse-battery-9', ...over });
const telegramEnv = () => ({ TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot });
const slackEnv = (token = slack.token) => ({ SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: slack.signingSecret, SLACK_OVERSIGHT_CHANNEL: 'C0OVERSIGHT', SLACK_API_URL: slack.apiUrl });
const stripeEnv = (over: Record<string, string> = {}) => ({ STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_WEBHOOK_SECRET: 'whsec_fake_0123456789abcdefghijklmnop', STRIPE_PRICE_TIERS: 'price_pro=pro', STRIPE_API_BASE: stripe.apiBase, ...over });

describeWith(['postgres', 'redis'], 'healthy parts', () => {
  let tdb: TestDatabase;
  let publicUrl: string;
  beforeAll(async () => {
    tdb = await createTestDatabase('rivet_doctor');
    // Behind PUBLIC_URL: something answering /health as Rivet does.
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', checks: {} })));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await fetch(`${tg.apiRoot}/bot${tg.token}/setWebhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `${publicUrl}/telegram/webhook` }) });
  });
  afterAll(() => tdb?.drop());

  it('are each reported as working, and doctor exits 0', async () => {
    const { code, checks, text } = await doctor({
      DATABASE_URL: tdb.url, REDIS_URL: TEST_REDIS_URL, PUBLIC_URL: publicUrl, TELEGRAM_WEBHOOK_SECRET: 'doctor-secret-0123456789',
      ...atlasEnv(), ...telegramEnv(), ...slackEnv(), ...stripeEnv(),
    });
    const status = Object.fromEntries(checks.map((c) => [c.part, c.status]));
    expect(status).toEqual({
      settings: 'ok', database: 'ok', redis: 'ok', atlas: 'ok', telegram: 'ok', 'telegram webhook': 'ok', slack: 'ok', stripe: 'ok',
      // Reachable, but Telegram and Slack want HTTPS: a warning, not a failure.
      'public url': 'warn',
    });
    expect(part(checks, 'database').detail).toMatch(/^PostgreSQL \d+.*migrations up to date/);
    expect(part(checks, 'atlas').detail).toContain('bot@rivet.test, role Administrator');
    expect(part(checks, 'telegram').detail).toBe('bot @rivet_test_bot');
    expect(part(checks, 'public url').fix).toMatch(/HTTPS/);
    expect(code).toBe(0);
    expect(text).toContain('✓ database');
    expect(text).toContain('0 problems, 1 warning.');
  });

  it('a database that exists but is not migrated yet is a warning that says how', async () => {
    const name = `rivet_doctor_fresh_${process.pid}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
      const { code, checks } = await doctor({ DATABASE_URL: databaseUrl(name) });
      expect(part(checks, 'database')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/(\d+) of \1 migrations not applied yet/), fix: expect.stringContaining('rivet migrate') });
      expect(code).toBe(0);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });

  it('a missing database names it and says how to create it', async () => {
    const { code, checks } = await doctor({ DATABASE_URL: databaseUrl('rivet_no_such_db') });
    expect(part(checks, 'database')).toMatchObject({ status: 'fail', detail: expect.stringContaining('no database "rivet_no_such_db"'), fix: expect.stringContaining('createdb') });
    expect(code).toBe(1);
  });
});

describe('broken parts', () => {
  it('unreachable PostgreSQL and Redis: which host, and what to do', async () => {
    const [pgPort, redisPort] = [await closedPort(), await closedPort()];
    const { code, checks } = await doctor({ DATABASE_URL: `postgres://rivet@127.0.0.1:${pgPort}/rivet`, REDIS_URL: `redis://127.0.0.1:${redisPort}` });
    expect(part(checks, 'database')).toMatchObject({ status: 'fail', detail: `cannot reach PostgreSQL at 127.0.0.1:${pgPort} (ECONNREFUSED)` });
    expect(part(checks, 'redis')).toMatchObject({ status: 'fail', detail: `cannot reach Redis at 127.0.0.1:${redisPort} (ECONNREFUSED)`, fix: expect.stringContaining('unset REDIS_URL') });
    expect(code).toBe(1);
  });

  it('PostgreSQL refusing the password is told apart from a missing database', () => {
    const auth = classifyPostgresError({ code: '28P01', message: 'password authentication failed for user "rivet"' }, 'postgres://rivet:x@db:5432/rivet');
    expect(auth).toMatchObject({ status: 'fail', detail: expect.stringContaining('refused user "rivet"'), fix: expect.stringContaining('password in DATABASE_URL') });
    const missing = classifyPostgresError({ code: '3D000', message: 'database "rivet" does not exist' }, 'postgres://rivet:x@db:5432/rivet');
    expect(missing.fix).toBe('create it: createdb -h db -U rivet rivet  (or fix its name in DATABASE_URL)');
  });

  it('an ATLAS_URL without /api: the 404 on sign-in suggests the suffix', async () => {
    const { checks } = await doctor(atlasEnv({ ATLAS_URL: atlas.url.replace(/\/api$/, '') }));
    expect(part(checks, 'atlas')).toMatchObject({ status: 'fail', fix: `set ATLAS_URL=${atlas.url} (Atlas's API usually lives under /api)` });
  });

  it('a wrong Atlas password, and roles that cannot do what Rivet needs', async () => {
    expect(part((await doctor(atlasEnv({ ATLAS_PASSWORD: 'wrong-password-123' }))).checks, 'atlas'))
      .toMatchObject({ status: 'fail', detail: expect.stringContaining('refused'), fix: expect.stringContaining('ATLAS_PASSWORD') });
    expect(part((await doctor(atlasEnv({ ATLAS_EMAIL: 'req@rivet.test' }))).checks, 'atlas'))
      .toMatchObject({ status: 'fail', detail: expect.stringContaining('cannot create work orders'), fix: expect.stringContaining('Administrator') });
    expect(part((await doctor(atlasEnv({ ATLAS_EMAIL: 'tech@rivet.test' }))).checks, 'atlas'))
      .toMatchObject({ status: 'warn', detail: expect.stringContaining('cannot create Atlas users') });
  });

  it("Telegram: a token @BotFather did not give, and a webhook that isn't registered", async () => {
    const wrong = await doctor({ TELEGRAM_BOT_TOKEN: '999:WRONG-token-for-tests_abcdefghij', TELEGRAM_API_ROOT: tg.apiRoot });
    expect(part(wrong.checks, 'telegram')).toMatchObject({ status: 'fail', fix: expect.stringContaining('@BotFather') });
    await fetch(`${tg.apiRoot}/bot${tg.token}/deleteWebhook`, { method: 'POST' });
    const unset = await doctor({ ...telegramEnv(), TELEGRAM_WEBHOOK_SECRET: 'doctor-secret-0123456789', PUBLIC_URL: 'https://rivet.example.com' });
    expect(part(unset.checks, 'telegram webhook')).toMatchObject({ status: 'warn', fix: 'run `rivet telegram:set-webhook`' });
    const noPublicUrl = await doctor({ ...telegramEnv(), TELEGRAM_WEBHOOK_SECRET: 'doctor-secret-0123456789' });
    expect(part(noPublicUrl.checks, 'telegram webhook')).toMatchObject({ status: 'fail', detail: 'TELEGRAM_WEBHOOK_SECRET is set but PUBLIC_URL is not' });
  });

  it('Slack and Stripe refusing their keys, and a price that is not there', async () => {
    const { checks } = await doctor({ ...slackEnv('xoxb-0000-wrong'), ...stripeEnv({ STRIPE_SECRET_KEY: 'sk_test_wrong_key_0000' }) });
    expect(part(checks, 'slack')).toMatchObject({ status: 'fail', detail: 'Slack refused SLACK_BOT_TOKEN (invalid_auth)' });
    expect(part(checks, 'stripe')).toMatchObject({ status: 'fail', detail: 'Stripe refused STRIPE_SECRET_KEY' });
    const price = await doctor(stripeEnv({ STRIPE_PRICE_TIERS: 'price_gone=pro' }));
    expect(part(price.checks, 'stripe')).toMatchObject({ status: 'fail', detail: "price_gone does not exist in this account's test mode" });
  });

  it('PUBLIC_URL: a proxy with nothing behind it, and nothing at all', async () => {
    const proxy = await serveStatus(502, '<html>502 Bad Gateway</html>');
    servers.push(proxy.server);
    const behind = await doctor({ PUBLIC_URL: proxy.url });
    expect(part(behind.checks, 'public url')).toMatchObject({ status: 'warn', detail: expect.stringContaining('Rivet is not answering behind it') });
    const none = await doctor({ PUBLIC_URL: `http://127.0.0.1:${await closedPort()}` });
    expect(part(none.checks, 'public url').status).toBe('fail');
  });

  it('invalid settings are listed, nothing else is tried, and the exit code is 78', async () => {
    const { code, checks } = await doctor({ PORT: '70000', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(checks).toEqual([{ part: 'settings', status: 'fail', detail: 'PORT must be between 1 and 65535 (or 0 for any free port)', fix: expect.stringContaining('PORT') }]);
    expect(code).toBe(78);
  });
});
