/**
 * A contract-faithful, in-memory fake of Atlas CMMS (docs/atlas-cmms-api.md) for the whole project's tests.
 * Unlicensed by default, like most self-hosted instances: API keys, files and webhooks refused, 30 open work
 * orders, 5 paid users.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaults, type FaultControls } from './faults.js';
import type { World } from './http.js';
import { attachmentRoutes } from './routes/attachments.js';
import { authRoutes } from './routes/auth.js';
import { catalogRoutes } from './routes/catalog.js';
import { peopleRoutes } from './routes/people.js';
import { webhookRoutes } from './routes/webhooks.js';
import { applyStatus, emitStatusChange, workOrderRoutes } from './routes/work-orders.js';
import { createHandler, type RequestLog } from './server.js';
import { createStore, type FakeStore, type FakeWorkOrder, type SeedUser } from './store.js';
import { createLimiter, createTokenService } from './tokens.js';
import { createWebhookDispatcher, signBody, type DeliveryRecord } from './webhooks.js';

export const DEFAULT_BOT_USER = { email: 'bot@rivet.test', password: 'correct-horse-battery-9', role: 'ADMIN', firstName: 'Rivet', lastName: 'Bot' } as const;

export interface FakeAtlasOptions {
  /** 0 = random (default). */
  port?: number;
  host?: string;
  /** Corpus-shaped asset records; locations are derived from them. */
  seedAssets?: unknown[];
  /** Default: one admin, bot@rivet.test / correct-horse-battery-9. */
  users?: SeedUser[];
  /** Raw API keys, owned by the first user. */
  apiKeys?: string[];
  /** Default false. */
  licensed?: boolean;
  /** Access-token lifetime; default 30 minutes (JWT_EXPIRE_LENGTH). */
  jwtTtlMs?: number;
  refreshTtlMs?: number;
  clock?: { now(): Date };
  /** Free-tier caps when unlicensed (defaults 30 and 5). */
  openWorkOrderCap?: number;
  paidUserCap?: number;
  /** Unauthenticated requests a minute per address to /auth/* (default 20, §1.5); authenticated per user (default unlimited). */
  rateLimit?: { unauthenticatedPerMinute?: number; authenticatedPerMinute?: number };
  /** 'strict' refuses loopback/private webhook URLs like Atlas does; default 'permissive' so tests can receive. */
  webhookUrlPolicy?: 'permissive' | 'strict';
}

export interface FakeAtlas {
  /** API root, e.g. http://127.0.0.1:PORT/api. */
  url: string;
  close(): Promise<void>;
  state: {
    workOrders: Map<number, FakeWorkOrder>;
    comments: FakeStore['comments'];
    files: FakeStore['files'];
    webhooks: FakeStore['webhooks'];
    /** Calls that reached POST /auth/signin. */
    signIns: number;
    /** Every request: path under the API root (e.g. '/work-orders'), status 0 when the response was dropped. */
    requests: RequestLog[];
    deliveries: DeliveryRecord[];
  };
  faults: FaultControls;
  store: FakeStore;
  /** As if a person changed it in Atlas's web app: updates updatedAt and sends signed webhooks (§9) if licensed. */
  setStatusExternally(workOrderId: number, status: string): Promise<void>;
  /** Waits for webhook deliveries in flight. */
  settleWebhooks(): Promise<void>;
  /** Requests received and not yet handled (a delayed one still counts after its caller gave up). */
  inFlight(): number;
  /** Make every access token expire now (refresh tokens still work). */
  expireAccessTokens(): void;
  /** Revoke every access and refresh token (forces a new sign-in). */
  revokeAllSessions(): void;
  setLicensed(licensed: boolean): void;
  credentials: { email: string; password: string };
}

export { signBody };
export { loadCorpusAssets, syntheticAssets } from './seed.js';

export async function startFakeAtlas(opts: FakeAtlasOptions = {}): Promise<FakeAtlas> {
  const clock = opts.clock ?? { now: () => new Date() };
  const users = opts.users?.length ? opts.users : [DEFAULT_BOT_USER];
  const store = createStore({ seedAssets: opts.seedAssets ?? [], users, now: clock.now() });
  let licensed = opts.licensed ?? false;
  const nowMs = () => clock.now().getTime();
  const tokens = createTokenService({ now: nowMs, accessTtlMs: opts.jwtTtlMs ?? 30 * 60_000, refreshTtlMs: opts.refreshTtlMs ?? 7 * 24 * 3_600_000 });
  const webhooks = createWebhookDispatcher({ store, licensed: () => licensed, now: () => clock.now() });
  let origin = '';
  const world: World = {
    store, tokens, webhooks,
    get licensed() { return licensed; },
    openWorkOrderCap: opts.openWorkOrderCap ?? 30,
    paidUserCap: opts.paidUserCap ?? 5,
    webhookUrlPolicy: opts.webhookUrlPolicy ?? 'permissive',
    apiKeys: new Map((opts.apiKeys ?? []).map((k) => [k, 1])),
    now: () => clock.now(),
    origin: () => origin,
  };
  const faults = createFaults();
  const state: FakeAtlas['state'] = {
    workOrders: store.workOrders, comments: store.comments, files: store.files, webhooks: store.webhooks,
    signIns: 0, requests: [], deliveries: webhooks.deliveries,
  };
  const handler = createHandler({
    world, faults, requests: state.requests,
    routes: [...authRoutes, ...workOrderRoutes, ...catalogRoutes, ...peopleRoutes, ...attachmentRoutes, ...webhookRoutes],
    onSignIn: () => { state.signIns++; },
    unauthLimiter: createLimiter({ now: nowMs, perMinute: opts.rateLimit?.unauthenticatedPerMinute ?? 20 }),
    authLimiter: createLimiter({ now: nowMs, perMinute: opts.rateLimit?.authenticatedPerMinute ?? Infinity }),
  });
  let inFlight = 0;
  const server: Server = createServer((req, res) => {
    inFlight++;
    void handler(req, res).finally(() => inFlight--);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  origin = `http://${host}:${addr.port}`;

  return {
    url: `${origin}/api`,
    state,
    faults,
    store,
    credentials: { email: users[0]!.email, password: users[0]!.password },
    async close() {
      await webhooks.settle().catch(() => undefined);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async setStatusExternally(workOrderId, status) {
      const w = store.workOrders.get(workOrderId);
      if (!w) throw new Error(`no work order ${workOrderId}`);
      const previous = applyStatus(world, w, status, 1);
      emitStatusChange(world, w, previous);
      await webhooks.settle();
    },
    settleWebhooks: () => webhooks.settle(),
    inFlight: () => inFlight,
    expireAccessTokens: () => tokens.expireAccessTokens(),
    revokeAllSessions: () => tokens.revokeAll(),
    setLicensed(v) {
      licensed = v;
    },
  };
}
