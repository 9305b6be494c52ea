/**
 * `npm run demo [-- --port 3000] [--site airport] [--data-dir ./.rivet-demo]`: Rivet in embedded
 * mode (PGlite, no Redis) with the fake Atlas CMMS in-process, seeded with a demo site, and the
 * browser demo on (RIVET_DEMO). Prints the page's address. Nothing else is needed: no accounts,
 * no tokens, no database server. Data lives in a fresh temporary directory, removed on exit,
 * unless --data-dir names one to keep. The settings of the environment (a .env's Telegram token,
 * DATABASE_URL, REDIS_URL…) are deliberately not read: the demo never talks to anything real.
 *
 * `startDemo` is the same set-up for the tests (test/bots/demo, test/browser).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';
import { startRivet, type Rivet, type RivetOptions } from '../src/main.js';
import { DEFAULT_BOT_USER, startFakeAtlas, type FakeAtlas } from '../test/fakes/atlas/index.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** People in the demo's Atlas besides Rivet's own account: someone to assign work orders to. */
const CREW = [
  { email: 'maria.lopez@demo.test', password: 'demo-password-1', role: 'TECHNICIAN', firstName: 'Maria', lastName: 'Lopez' },
  { email: 'tom.becker@demo.test', password: 'demo-password-2', role: 'TECHNICIAN', firstName: 'Tom', lastName: 'Becker' },
];

/** Replies reach the page at once: the demo transport has no platform limits to respect. */
const DEMO_JOBS: RivetOptions['jobOptions'] = { rateLimits: { privateChatMs: 20, groupChatMs: 20, slackChannelMs: 20, globalMs: 0 } };

export interface DemoOptions {
  /** 0 = any free port. Default 3000. */
  port?: number;
  /** A site under test/fixtures/sites (e.g. "airport"); default the corpus plant (test/fixtures/corpus). */
  site?: string | null;
  /** Kept after exit; default a fresh temporary directory, removed on close. */
  dataDir?: string | null;
  logger?: Logger;
  logLevel?: string;
}

export interface RunningDemo {
  /** The page: http://127.0.0.1:<port>/demo */
  url: string;
  rivet: Rivet;
  atlas: FakeAtlas;
  dataDir: string;
  close(): Promise<void>;
}

export function siteAssets(site: string | null | undefined): { name: string; assets: unknown[] } {
  const file = site ? join(ROOT, 'test/fixtures/sites', site, 'assets.json') : join(ROOT, 'test/fixtures/corpus/assets.json');
  if (!existsSync(file)) throw new Error(`no demo site "${site}" (see test/fixtures/sites)`);
  return { name: site ?? 'Riverside Plant', assets: JSON.parse(readFileSync(file, 'utf8')) as unknown[] };
}

export async function startDemo(opts: DemoOptions = {}): Promise<RunningDemo> {
  const site = siteAssets(opts.site);
  const temporary = !opts.dataDir;
  const dataDir = opts.dataDir ? resolve(opts.dataDir) : mkdtempSync(join(tmpdir(), 'rivet-demo-'));
  const atlas = await startFakeAtlas({ seedAssets: site.assets, users: [DEFAULT_BOT_USER, ...CREW], licensed: true });
  let rivet: Rivet;
  try {
    const config = loadConfig({
      PORT: String(opts.port ?? 3000),
      RIVET_DATA_DIR: dataDir,
      RIVET_DEMO: 'true',
      RIVET_ORG_NAME: `${site.name} (demo)`,
      LOG_LEVEL: opts.logLevel ?? 'warn',
      ATLAS_URL: atlas.url,
      ATLAS_EMAIL: atlas.credentials.email,
      ATLAS_PASSWORD: atlas.credentials.password,
    });
    const logger = opts.logger ?? createLogger(config.logLevel);
    rivet = await startRivet(config, logger, { jobOptions: DEMO_JOBS });
  } catch (err) {
    await atlas.close();
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `http://127.0.0.1:${rivet.port}/demo`,
    rivet,
    atlas,
    dataDir,
    async close() {
      await rivet.shutdown('demo closed');
      await atlas.close();
      if (temporary) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, site: { type: 'string' }, 'data-dir': { type: 'string' }, 'log-level': { type: 'string' } },
  });
  const port = values.port ?? process.env.PORT ?? '3000';
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) throw new Error(`--port ${port}: must be between 0 and 65535`);
  console.log('Starting the Rivet demo (embedded database, fake Atlas CMMS)…');
  const demo = await startDemo({ port: Number(port), site: values.site ?? null, dataDir: values['data-dir'] ?? null, ...(values['log-level'] ? { logLevel: values['log-level'] } : {}) });
  console.log(`\n  Rivet demo: ${demo.url}\n`);
  console.log(`  Fake Atlas CMMS: ${demo.atlas.url} (${demo.atlas.store.assets.length} assets)`);
  console.log(`  Data: ${demo.dataDir}${values['data-dir'] ? '' : ' (removed on exit)'}`);
  console.log('  Stop with Ctrl+C.');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void demo.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: Error & { code?: string }) => {
    console.error(`rivet demo: ${err.code === 'EADDRINUSE' ? `port in use; try npm run demo -- --port 3001 (${err.message})` : err.message}`);
    process.exit(1);
  });
}
