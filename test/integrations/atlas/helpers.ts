import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { createAtlasClient, type AtlasClient, type AtlasClientDeps } from '../../../src/integrations/atlas/index.js';
import { startFakeAtlas, type FakeAtlas, type FakeAtlasOptions } from '../../fakes/atlas/index.js';
import { loadCorpusAssets } from '../../fakes/atlas/seed.js';

export { syntheticAssets } from '../../fakes/atlas/seed.js';
export const corpusAssets = loadCorpusAssets();

/** A logger whose output the test can read (to prove no token is ever logged). */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

export const silent = pino({ level: 'silent' });

export async function fakeWithCorpus(opts: FakeAtlasOptions = {}): Promise<FakeAtlas> {
  return startFakeAtlas({ seedAssets: corpusAssets, ...opts });
}

export function clientFor(fake: FakeAtlas, over: Partial<AtlasClientDeps> = {}): AtlasClient {
  return createAtlasClient({
    baseUrl: fake.url,
    auth: { kind: 'password', email: fake.credentials.email, password: fake.credentials.password },
    logger: silent,
    timeoutMs: 2_000,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    ...over,
  });
}

/** A clock tests move by hand. */
export function manualClock(start = new Date('2026-05-01T08:00:00.000Z')) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

export function countRequests(fake: FakeAtlas, method: string, path: string | RegExp): number {
  return fake.state.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path))).length;
}
