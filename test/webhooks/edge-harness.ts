/**
 * The HTTP edge as an attacker sees it: the real Rivet (startE2E: real PostgreSQL and Redis, the
 * fake Telegram and Atlas) with Slack, Stripe, Atlas webhooks and the admin API all switched on,
 * and a way to send any body to any of them correctly signed (or not). Used by the edge tests,
 * the vitest fuzz and `npm run fuzz`.
 */
import { request as httpRequest } from 'node:http';
import { signAtlasBody } from '../../src/webhooks/verify/atlas.js';
import { DEFAULT_BOT_USER } from '../fakes/atlas/index.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/index.js';
import { slackHeaders } from '../fakes/slack/requests.js';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe/index.js';
import { SECRET, startE2E, type E2E } from '../e2e/harness.js';

export const API_KEY = 'edge-admin-key-0123456789abcdef';
export const ATLAS_SECRET = 'whsec_edge_' + 'a1b2c3d4'.repeat(6);
const PRICES = { starter: 'price_starter_m', pro: 'price_pro_m' };

export type Route = 'telegram' | 'atlas' | 'slack' | 'stripe' | 'api';
export const PATHS: Record<Route, string> = {
  telegram: '/telegram/webhook',
  atlas: '/webhooks/atlas',
  slack: '/slack/events',
  stripe: '/webhooks/stripe',
  api: '/api/work-orders',
};

export interface Edge extends E2E {
  slack: FakeSlack;
  stripe: FakeStripe;
  /** Headers that make `body` pass the route's check (signature, secret, key). */
  headersFor(route: Route, body: string, o?: { contentType?: string; webhookId?: string }): Record<string, string>;
  /** POSTs `body` to the route, signed. */
  send(route: Route, body: string, o?: { contentType?: string; webhookId?: string; path?: string; headers?: Record<string, string> }): Promise<Response>;
  /** The detailed health (behind the API key). */
  health(): Promise<{ status: number; body: Record<string, unknown> }>;
}

export async function startEdge(): Promise<Edge> {
  const [slack, stripe] = await Promise.all([startFakeSlack({}), startFakeStripe({ prices: Object.values(PRICES) })]);
  const e = await startE2E({
    atlas: { users: [DEFAULT_BOT_USER] },
    env: {
      RIVET_API_KEY: API_KEY,
      ATLAS_WEBHOOK_SECRET: ATLAS_SECRET,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_OVERSIGHT_CHANNEL: 'C0OVERSIGHT1',
      SLACK_API_URL: slack.apiUrl,
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_PRICE_TIERS: `${PRICES.starter}=starter,${PRICES.pro}=pro`,
      STRIPE_API_BASE: stripe.apiBase,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info',
    },
  });
  const headersFor: Edge['headersFor'] = (route, body, o = {}) => {
    const ct = o.contentType ?? 'application/json';
    switch (route) {
      case 'telegram':
        return { 'content-type': ct, 'x-telegram-bot-api-secret-token': SECRET };
      case 'atlas':
        return {
          'content-type': ct,
          'x-webhook-signature': signAtlasBody(ATLAS_SECRET, body),
          'x-webhook-timestamp': String(e.clock.now().getTime()),
          'x-webhook-id': o.webhookId ?? crypto.randomUUID(),
          'x-webhook-event': 'WORK_ORDER_STATUS_CHANGE',
        };
      case 'slack':
        return slackHeaders(slack.signingSecret, { body, contentType: ct }, { at: e.clock.now() });
      case 'stripe':
        return { 'content-type': ct, 'stripe-signature': stripe.sign(body) };
      case 'api':
        return { 'content-type': ct, authorization: `Bearer ${API_KEY}` };
    }
  };
  const edge: Edge = Object.assign(e, {
    slack,
    stripe,
    headersFor,
    send(route: Route, body: string, o: { contentType?: string; webhookId?: string; path?: string; headers?: Record<string, string> } = {}) {
      return fetch(`${e.rivet.url}${o.path ?? PATHS[route]}`, { method: 'POST', headers: { ...headersFor(route, body, o), ...o.headers }, body });
    },
    async health() {
      const res = await fetch(`${e.rivet.url}/health`, { headers: { authorization: `Bearer ${API_KEY}` } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
  });
  const close = e.close.bind(e);
  edge.close = async () => {
    await close();
    await Promise.all([slack.close(), stripe.close()]);
  };
  return edge;
}

/**
 * One request on a connection of its own (no keep-alive), so "no answer" means the service dropped
 * it, not a reused socket the service had just closed as idle.
 */
export function requestOnce(url: string, method: string, headers: Record<string, string>, body: string | null): Promise<{ status: number | null; error?: string }> {
  return new Promise((resolve) => {
    const payload = body === null ? null : Buffer.from(body);
    const req = httpRequest(url, { method, agent: false, headers: { ...headers, ...(payload ? { 'content-length': String(payload.byteLength) } : {}) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? null }));
      res.on('error', (err) => resolve({ status: null, error: err.message }));
    });
    req.on('error', (err) => resolve({ status: null, error: err.message }));
    req.end(payload ?? undefined);
  });
}

export interface StreamedPost {
  /** The status Rivet answered with; null when the connection dropped without an answer. */
  status: number | null;
  /** Bytes written before the answer came (or the socket closed). */
  sent: number;
  error?: string;
}

/**
 * POSTs a chunked body of up to `totalBytes` (never held in memory: chunks are made as the socket
 * drains) and stops writing as soon as an answer arrives.
 */
export function streamPost(url: string, headers: Record<string, string>, totalBytes: number, chunk = Buffer.alloc(64 * 1024, 0x61)): Promise<StreamedPost> {
  return new Promise((resolve) => {
    let sent = 0;
    let settled = false;
    const done = (r: StreamedPost) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
      const status = res.statusCode ?? null;
      res.resume();
      res.on('end', () => {
        req.destroy();
        done({ status, sent });
      });
      res.on('error', () => done({ status, sent }));
    });
    req.on('error', (err) => done({ status: null, sent, error: err.message }));
    const pump = () => {
      while (!settled && sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!settled && sent >= totalBytes) req.end();
    };
    pump();
  });
}
