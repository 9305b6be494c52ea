/**
 * A local fake of the Stripe API, speaking its HTTP protocol for the calls Rivet's SDK makes:
 * GET /v1/checkout/sessions/:id, /v1/subscriptions (list by customer), /v1/subscriptions/:id,
 * /v1/customers/:id, /v1/prices/:id; `Authorization: Bearer <secret key>`; errors as
 * `{error:{type,code,message}}`. Point Rivet at it with STRIPE_API_BASE. Events are signed with
 * the real library (`Stripe.webhooks.generateTestHeaderString`) and delivered over HTTP.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface FakeSubscription { id: string; customer: string; status: string; priceIds: string[]; created: number }
export interface FakeSession {
  id: string; customer: string | null; subscription: string | null; clientReferenceId: string | null;
  email: string | null; name: string | null; status: 'open' | 'complete' | 'expired'; paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
}

export interface FakeStripe {
  apiBase: string;
  secretKey: string;
  webhookSecret: string;
  requests: { method: string; path: string; status: number }[];
  customers: Map<string, { id: string; email: string | null; name: string | null }>;
  subscriptions: Map<string, FakeSubscription>;
  sessions: Map<string, FakeSession>;
  prices: Map<string, { id: string; active: boolean }>;
  createCustomer(p?: { email?: string | null; name?: string | null }): string;
  createSubscription(p: { customer: string; priceIds: string[]; status?: string }): FakeSubscription;
  setStatus(subscriptionId: string, status: string): void;
  setPrices(subscriptionId: string, priceIds: string[]): void;
  createSession(p: Partial<Omit<FakeSession, 'id'>>): FakeSession;
  /** Stripe's JSON for an object as an event carries it. */
  subscriptionJson(id: string): Record<string, unknown>;
  sessionJson(id: string): Record<string, unknown>;
  /** An event of `type` about `object`, as Stripe would send it. */
  event(type: string, object: Record<string, unknown>, opts?: { id?: string; created?: number }): Record<string, unknown>;
  /** The Stripe-Signature header for a body, signed with the real library. */
  sign(body: string, opts?: { secret?: string; timestamp?: number }): string;
  /** POSTs a signed event to Rivet's /webhooks/stripe. */
  deliver(rivetUrl: string, event: Record<string, unknown>, opts?: { secret?: string; timestamp?: number; signature?: string | null; body?: string }): Promise<Response>;
  /** The next n API requests answer 503 (or drop the connection with 'drop'). */
  failNext(n: number, how?: 503 | 'drop'): void;
  /** Every API request answers 503 until cleared. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

let seq = 0;
const nextId = (prefix: string) => `${prefix}_test_${Date.now().toString(36)}${(++seq).toString(36).padStart(4, '0')}`;

export async function startFakeStripe(opts: { secretKey?: string; webhookSecret?: string; prices?: string[] } = {}): Promise<FakeStripe> {
  const secretKey = opts.secretKey ?? 'sk_test_fake_0123456789abcdef';
  const webhookSecret = opts.webhookSecret ?? 'whsec_fake_0123456789abcdefghijklmnop';
  const customers = new Map<string, { id: string; email: string | null; name: string | null }>();
  const subscriptions = new Map<string, FakeSubscription>();
  const sessions = new Map<string, FakeSession>();
  const prices = new Map((opts.prices ?? []).map((id) => [id, { id, active: true }]));
  const requests: FakeStripe['requests'] = [];
  let failures: (503 | 'drop')[] = [];
  let down = false;
  const now = () => Math.floor(Date.now() / 1000);

  const subscriptionJson = (id: string) => {
    const s = subscriptions.get(id)!;
    return {
      id: s.id, object: 'subscription', customer: s.customer, status: s.status, created: s.created, livemode: false,
      items: { object: 'list', has_more: false, url: `/v1/subscription_items?subscription=${s.id}`, data: s.priceIds.map((p, i) => ({ id: `si_${s.id}_${i}`, object: 'subscription_item', price: { id: p, object: 'price', active: prices.get(p)?.active ?? true } })) },
    };
  };
  const sessionJson = (id: string) => {
    const s = sessions.get(id)!;
    return {
      id: s.id, object: 'checkout.session', mode: 'subscription', livemode: false, customer: s.customer, subscription: s.subscription,
      client_reference_id: s.clientReferenceId, customer_email: null, status: s.status, payment_status: s.paymentStatus,
      customer_details: s.email || s.name ? { email: s.email, name: s.name } : null,
    };
  };

  function reply(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${++seq}` });
    res.end(JSON.stringify(body));
  }
  const missing = (res: ServerResponse, what: string, id: string) =>
    reply(res, 404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${what}: '${id}'`, param: 'id' } });

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const record = (status: number) => requests.push({ method: req.method ?? 'GET', path, status });
    const fault = failures.shift() ?? (down ? 503 : null);
    if (fault === 'drop') {
      record(0);
      req.socket.destroy();
      return;
    }
    if (fault === 503) {
      record(503);
      return reply(res, 503, { error: { type: 'api_error', message: 'Stripe is temporarily unavailable' } });
    }
    if (req.headers.authorization !== `Bearer ${secretKey}`) {
      record(401);
      return reply(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    }
    let m: RegExpExecArray | null;
    const send = (status: number, body: unknown) => {
      record(status);
      reply(res, status, body);
    };
    if (req.method === 'GET' && (m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path))) {
      return sessions.has(m[1]!) ? send(200, sessionJson(m[1]!)) : (record(404), missing(res, 'checkout.session', m[1]!));
    }
    if (req.method === 'GET' && (m = /^\/v1\/subscriptions\/([^/]+)$/.exec(path))) {
      return subscriptions.has(m[1]!) ? send(200, subscriptionJson(m[1]!)) : (record(404), missing(res, 'subscription', m[1]!));
    }
    if (req.method === 'GET' && path === '/v1/subscriptions') {
      const customer = url.searchParams.get('customer');
      const status = url.searchParams.get('status');
      const limit = Number(url.searchParams.get('limit') ?? '10');
      const after = url.searchParams.get('starting_after');
      let all = [...subscriptions.values()]
        .filter((s) => !customer || s.customer === customer)
        .filter((s) => status === 'all' || (status ? s.status === status : s.status !== 'canceled'))
        .sort((a, b) => b.created - a.created || b.id.localeCompare(a.id));
      if (after) all = all.slice(all.findIndex((s) => s.id === after) + 1);
      return send(200, { object: 'list', url: '/v1/subscriptions', has_more: all.length > limit, data: all.slice(0, limit).map((s) => subscriptionJson(s.id)) });
    }
    if (req.method === 'GET' && (m = /^\/v1\/customers\/([^/]+)$/.exec(path))) {
      const c = customers.get(m[1]!);
      return c ? send(200, { object: 'customer', ...c }) : (record(404), missing(res, 'customer', m[1]!));
    }
    if (req.method === 'GET' && (m = /^\/v1\/prices\/([^/]+)$/.exec(path))) {
      const p = prices.get(m[1]!);
      return p ? send(200, { object: 'price', ...p }) : (record(404), missing(res, 'price', m[1]!));
    }
    record(404);
    reply(res, 404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${path})` } });
  }

  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handle(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;

  const fake: FakeStripe = {
    apiBase: `http://127.0.0.1:${port}`,
    secretKey,
    webhookSecret,
    requests,
    customers,
    subscriptions,
    sessions,
    prices,
    createCustomer(p = {}) {
      const id = nextId('cus');
      customers.set(id, { id, email: p.email ?? null, name: p.name ?? null });
      return id;
    },
    createSubscription(p) {
      const s: FakeSubscription = { id: nextId('sub'), customer: p.customer, status: p.status ?? 'active', priceIds: p.priceIds, created: now() + seq };
      subscriptions.set(s.id, s);
      return s;
    },
    setStatus(id, status) {
      subscriptions.get(id)!.status = status;
    },
    setPrices(id, priceIds) {
      subscriptions.get(id)!.priceIds = priceIds;
    },
    createSession(p) {
      const s: FakeSession = {
        id: nextId('cs'), customer: p.customer ?? null, subscription: p.subscription ?? null, clientReferenceId: p.clientReferenceId ?? null,
        email: p.email ?? null, name: p.name ?? null, status: p.status ?? 'complete', paymentStatus: p.paymentStatus ?? 'paid',
      };
      sessions.set(s.id, s);
      return s;
    },
    subscriptionJson,
    sessionJson,
    event(type, object, o = {}) {
      return { id: o.id ?? nextId('evt'), object: 'event', api_version: '2026-10-28.endive', created: o.created ?? now(), livemode: false, pending_webhooks: 1, type, data: { object } };
    },
    sign(body, o = {}) {
      return Stripe.webhooks.generateTestHeaderString({ payload: body, secret: o.secret ?? webhookSecret, ...(o.timestamp !== undefined ? { timestamp: o.timestamp } : {}) });
    },
    deliver(rivetUrl, event, o = {}) {
      const body = o.body ?? JSON.stringify(event);
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' };
      const signature = o.signature === undefined ? fake.sign(body, { ...(o.secret ? { secret: o.secret } : {}), ...(o.timestamp !== undefined ? { timestamp: o.timestamp } : {}) }) : o.signature;
      if (signature !== null) headers['stripe-signature'] = signature;
      return fetch(`${rivetUrl}/webhooks/stripe`, { method: 'POST', headers, body });
    },
    failNext(n, how = 503) {
      failures.push(...Array.from({ length: n }, () => how));
    },
    setDown(d) {
      down = d;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
