import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { atlasRegisterWebhooksCommand } from '../../src/commands/atlas-register-webhooks.js';
import { startFakeAtlas, type FakeAtlas } from '../fakes/atlas/index.js';
import { memoryLogger } from '../helpers/logger.js';
import { atlasClientFor } from './helpers.js';

let fake: FakeAtlas | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

function run(f: FakeAtlas, webhookSecret: string | null) {
  let out = '';
  const stdout = new Writable({ write(c: Buffer, _e, cb) { out += c.toString(); cb(); } });
  const { logger } = memoryLogger();
  const config = {
    publicUrl: 'https://rivet.example.com',
    atlas: { url: f.url, auth: { kind: 'password', email: f.credentials.email, password: f.credentials.password }, webhookSecret, pollIntervalMs: 60_000, assetRefreshMs: 300_000 },
  } as unknown as Config;
  return atlasRegisterWebhooksCommand({ config, logger, stdout, stderr: stdout, atlas: atlasClientFor(f, logger) }).then((code) => ({ code, out }));
}

describe('rivet atlas:register-webhooks', () => {
  it('registers the status endpoint once on a licensed instance and prints its secret', async () => {
    fake = await startFakeAtlas({ licensed: true });
    const first = await run(fake, null);
    expect(first.code).toBe(0);
    expect(fake.state.webhooks).toHaveLength(1);
    expect(fake.state.webhooks[0]).toMatchObject({ url: 'https://rivet.example.com/webhooks/atlas', event: 'WORK_ORDER_STATUS_CHANGE' });
    const secret = fake.state.webhooks[0]!.secret;
    expect(first.out).toContain(`ATLAS_WEBHOOK_SECRET=${secret}`);
    const again = await run(fake, secret);
    expect(again.out).toContain('Already registered');
    expect(again.out).toContain('matches');
    expect(fake.state.webhooks).toHaveLength(1);
  });

  it('on an unlicensed instance says Rivet polls instead', async () => {
    fake = await startFakeAtlas({ licensed: false });
    const r = await run(fake, null);
    expect(r.code).toBe(0);
    expect(r.out).toContain('not licensed for webhooks');
    expect(fake.state.webhooks).toHaveLength(0);
  });
});
